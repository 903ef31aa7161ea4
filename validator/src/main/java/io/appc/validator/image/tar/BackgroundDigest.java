package io.appc.validator.image.tar;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Computes a digest on its own thread while the caller goes on extracting. SHA-512 runs at roughly
 * the speed a file system takes extracted data, so hashing inline would nearly double a render;
 * here the bytes are copied into a few pooled chunks and hashed in parallel. Use it as the {@link
 * TarReader} tap, then call {@link #finish()}.
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

  @Override
  public void accept(ByteBuffer bytes) {
    try {
      while (bytes.hasRemaining()) {
        if (failure != null) {
          throw new IllegalStateException("digest thread failed", failure);
        }
        byte[] chunk = free.take();
        int n = Math.min(CHUNK, bytes.remaining());
        bytes.get(chunk, 0, n);
        full.put(new Chunk(chunk, n));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while hashing", e);
    }
  }

  /** Waits for every byte handed over so far to be hashed; returns the digest, ready to finish. */
  public MessageDigest finish() {
    if (!finished) {
      finished = true;
      try {
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
