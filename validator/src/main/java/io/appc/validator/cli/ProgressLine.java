package io.appc.validator.cli;

import io.appc.validator.image.tar.ReadProgress;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/**
 * Shows on a terminal how far the archives being read have got ({@link ReadProgress}), as one line
 * on standard error that rewrites itself and is erased when the work ends, so that it never mixes
 * with the output. Nothing is shown during the first half second: short runs stay quiet. Off the
 * terminal (pipes, files, CI logs) it does nothing.
 */
public final class ProgressLine implements AutoCloseable {
  private static final long FIRST_NANOS = 500_000_000L;
  private static final long EVERY_MILLIS = 250;

  private final PrintWriter err;
  private final Thread ticker;
  private boolean printed; // guarded by this
  private boolean closed; // guarded by this

  private ProgressLine(PrintWriter err, long firstNanos) {
    this.err = err;
    long start = System.nanoTime();
    ticker =
        new Thread(
            () -> {
              try {
                Thread.sleep(Math.max(0, firstNanos - (System.nanoTime() - start)) / 1_000_000L);
                while (show()) {
                  Thread.sleep(EVERY_MILLIS);
                }
              } catch (InterruptedException e) {
                // closed
              }
            },
            "appc-progress");
    ticker.setDaemon(true);
    ReadProgress.onEnd(this::erase);
    ticker.start();
  }

  /** Starts the line when {@code wanted} and standard error is a terminal; else a no-op. */
  public static ProgressLine start(PrintWriter err, boolean wanted) {
    return wanted && Progress.stderrIsTerminal() ? new ProgressLine(err, FIRST_NANOS) : null;
  }

  /** A line that shows from the start, whatever standard error is (for tests). */
  static ProgressLine always(PrintWriter err) {
    return new ProgressLine(err, 0);
  }

  /** Stops and erases the line. */
  @Override
  public void close() {
    ReadProgress.onEnd(null);
    synchronized (this) {
      closed = true;
      erase();
    }
    ticker.interrupt();
  }

  /**
   * Erases the line when no reading is under way, so that what the command prints next is clean.
   */
  private synchronized void erase() {
    if (printed && (closed || ReadProgress.snapshot().isEmpty())) {
      err.print("\r\033[K");
      err.flush();
      printed = false;
    }
  }

  private synchronized boolean show() {
    if (closed) {
      return false;
    }
    List<ReadProgress.Reading> readings = ReadProgress.snapshot();
    if (readings.isEmpty()) {
      return true;
    }
    ReadProgress.Reading r =
        readings.stream().max(Comparator.comparingLong(ReadProgress.Reading::total)).orElseThrow();
    long percent = r.total() == 0 ? 100 : r.done() * 100 / r.total();
    err.print(
        "\r\033[K"
            + r.file()
            + ": "
            + percent
            + "% of "
            + mebibytes(r.total())
            + (readings.size() > 1 ? " (+" + (readings.size() - 1) + " more)" : ""));
    err.flush();
    printed = true;
    return true;
  }

  private static String mebibytes(long bytes) {
    return bytes < (1 << 20) ? bytes + " bytes" : (bytes >> 20) + " MiB";
  }
}
