package io.appc.validator.image.tar;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Computes a digest on its own thread while the caller goes on reading. SHA-512 runs at roughly the
 * speed of inflating gzip and of a file system taking extracted data, so hashing on the reading
 * thread would nearly double validation, image IDs and renders; here the bytes are copied into a
 * few pooled chunks (constant memory) and hashed in parallel. Use it as the {@link TarReader} tap,
 * then call {@link #finish()}.
 */
public final class BackgroundDigest implements Consumer<ByteBuffer>, AutoCloseable {
  private static final int CHUNK = 1 << 20;
  private static final int CHUNKS = 6;
  private static final Chunk END = new Chunk(new byte[0], 0);

  private record Chunk(byte[] data, int length) {}

  private final MessageDigest digest;
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
  private final Thread worker;
  private volatile Throwable failure;
  private boolean finished;
  private byte[] filling;
  private int filled;

  public BackgroundDigest(MessageDigest digest) {
    this.digest = digest;
    for (int i = 0; i < CHUNKS; i++) {
      free.add(new byte[CHUNK]);
    }
    worker = new Thread(this::run, "image-id-digest");
    worker.setDaemon(true);
    worker.start();
  }

  private void run() {
    try {
      while (true) {
        Chunk chunk = full.take();
        if (chunk == END) {
          return;
        }
        digest.update(chunk.data(), 0, chunk.length());
        free.put(chunk.data());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
  }

  /**
   * Copies {@code bytes} for hashing. Small pieces (a decompressor hands out a few KiB at a time)
   * are gathered in the current chunk, so the threads meet once per MiB rather than once per piece.
   */
  @Override
  public void accept(ByteBuffer bytes) {
    try {
      while (bytes.hasRemaining()) {
        if (failure != null) {
          throw new IllegalStateException("digest thread failed", failure);
        }
        if (filling == null) {
          filling = free.take();
          filled = 0;
        }
        int n = Math.min(CHUNK - filled, bytes.remaining());
        bytes.get(filling, filled, n);
        filled += n;
        if (filled == CHUNK) {
          handOver();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while hashing", e);
    }
  }

  private void handOver() throws InterruptedException {
    full.put(new Chunk(filling, filled));
    filling = null;
  }

  /** Waits for every byte handed over so far to be hashed; returns the digest, ready to finish. */
  public MessageDigest finish() {
    if (!finished) {
      finished = true;
      try {
        if (filling != null) {
          handOver();
        }
        full.put(END);
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while hashing", e);
      }
    }
    if (failure != null) {
      throw new IllegalStateException("digest thread failed", failure);
    }
    return digest;
  }

  /** Stops the worker without waiting for a result (used when extraction fails). */
  @Override
  public void close() {
    if (!finished) {
      finished = true;
      worker.interrupt();
    }
  }
}
