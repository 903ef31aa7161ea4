package io.appc.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.image.tar.ImageArchives;
import io.appc.validator.image.tar.ReadProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress line of long archive reads: what it shows, and that it is gone before output. */
class ProgressLineTest {
  @TempDir Path dir;

  @Test
  void showsTheLargestReadingAndErasesItselfWhenTheReadingEnds() throws Exception {
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(text);
    AtomicLong done = new AtomicLong(3 << 20);
    try (ProgressLine line = ProgressLine.always(err)) {
      ReadProgress.Handle small = ReadProgress.start("small.aci", 10, () -> 5);
      ReadProgress.Handle big = ReadProgress.start("big.aci", 12 << 20, done::get);
      waitFor(text, "big.aci: 25% of 12 MiB (+1 more)");
      small.close();
      big.close();
      // The last reading ended: the line is erased at once, before the command prints anything.
      assertTrue(text.toString().endsWith("\r\033[K"), text.toString());
    }
  }

  @Test
  void archivesOpenedForReadingAreRegisteredUntilClosed() throws Exception {
    byte[] tar = new byte[5000];
    System.arraycopy("ustar".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, tar, 257, 5);
    Path file = Files.write(dir.resolve("x.aci"), tar);
    try (ImageArchives.Opened opened = ImageArchives.open(file)) {
      opened.tar().read(ByteBuffer.allocate(1024));
      assertTrue(
          ReadProgress.snapshot().stream()
              .anyMatch(
                  r -> r.file().equals(file.toString()) && r.done() == 1024 && r.total() == 5000),
          ReadProgress.snapshot().toString());
    }
    assertEquals(
        0, ReadProgress.snapshot().stream().filter(r -> r.file().equals(file.toString())).count());
  }

  private static void waitFor(StringWriter text, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!text.toString().contains(expected)) {
      assertTrue(System.nanoTime() < deadline, "never showed '" + expected + "': " + text);
      Thread.sleep(20);
    }
  }
}
