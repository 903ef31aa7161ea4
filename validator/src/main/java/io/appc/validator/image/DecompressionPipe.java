package io.appc.validator.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Decompresses on a second thread while the caller hashes and parses, because inflating and sha512
 * each take about as long as the other: with both on one core an image is read at half the speed of
 * {@code gzip -dc | sha512sum}. A few fixed buffers circulate between the two threads, so memory
 * stays constant whatever the archive size.
 *
 * <p>A failure of the decompressor is handed over in order: the caller first receives every byte
 * decoded before it, then the exception, so it knows which entry was being read.
 */
final class DecompressionPipe extends InputStream {
  static final int CHUNK = 256 * 1024;
  private static final int BUFFERS = 4;

  /** A filled buffer, the end of the data, or the failure that ended it. */
  private record Chunk(byte[] data, int length, IOException failure) {}

  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final Thread producer;
  private volatile boolean closed;
  private Chunk current;
  private int position;
  private boolean finished;

  /**
   * Starts decompressing.
   *
   * @param opener opens the decompressing stream; it runs on the producer thread, so a bad header
   *     is reported like any other failure
   * @param failure turns a decompressor exception into the one the reader should see
   */
  DecompressionPipe(Opener opener, ExceptionMapper failure) {
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new byte[CHUNK]);
    }
    producer = new Thread(() -> produce(opener, failure), "aci-decompress");
    producer.setDaemon(true);
    producer.start();
  }

  /** Opens the stream to decompress. */
  interface Opener {
    InputStream open() throws IOException;
  }

  /** Maps what the decompressor threw (IOException or a library's RuntimeException). */
  interface ExceptionMapper {
    IOException map(Exception e);
  }

  private void produce(Opener opener, ExceptionMapper failure) {
    try (InputStream in = opener.open()) {
      while (!closed) {
        byte[] buffer = null;
        while (!closed && buffer == null) {
          buffer = free.poll(10, TimeUnit.MILLISECONDS);
        }
        if (buffer == null) {
          return;
        }
        // fill by hand rather than readNBytes: on a failure, the bytes decoded before it must
        // still reach the reader, so it can tell in which entry the data broke
        int n = 0;
        int r = 0;
        IOException broken = null;
        try {
          while (n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) >= 0) {
            n += r;
          }
        } catch (IOException | RuntimeException e) {
          broken = failure.map(e);
        }
        if (n > 0) {
          put(new Chunk(buffer, n, null));
        }
        if (broken != null || r < 0) {
          put(new Chunk(null, -1, broken));
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        put(new Chunk(null, -1, failure.map(e)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void put(Chunk chunk) {
    try {
      while (!closed && !full.offer(chunk, 10, TimeUnit.MILLISECONDS)) {
        // the reader is slower; wait until it takes a chunk or closes
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!ensureData()) {
      return -1;
    }
    int n = Math.min(length, current.length() - position);
    System.arraycopy(current.data(), position, buffer, offset, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return current == null || current.data() == null ? 0 : current.length() - position;
  }

  private boolean ensureData() throws IOException {
    if (current != null && current.data() != null && position < current.length()) {
      return true;
    }
    if (finished) {
      return false;
    }
    if (current != null && current.data() != null) {
      free.offer(current.data());
    }
    try {
      current = full.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the archive");
    }
    position = 0;
    if (current.data() == null) {
      finished = true;
      if (current.failure() != null) {
        throw current.failure();
      }
      return false;
    }
    return true;
  }

  @Override
  public void close() {
    // the producer notices within one poll interval and closes its input
    closed = true;
  }
}
