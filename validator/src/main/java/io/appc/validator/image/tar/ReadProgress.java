package io.appc.validator.image.tar;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The archive files being read right now and how far each has got, for a progress display: reading
 * code registers a file when it opens it, and a display polls {@link #snapshot()} from its own
 * thread. Nothing here is on a hot path: one registration per opened file, and the position is only
 * asked for when a display looks.
 */
public final class ReadProgress {
  private static final Set<Handle> ACTIVE = ConcurrentHashMap.newKeySet();
  private static volatile Runnable onEnd;

  private ReadProgress() {}

  /**
   * How far the reading of one file has got.
   *
   * @param file the file as it was named
   * @param done bytes of the file read so far
   * @param total bytes of the file
   */
  public record Reading(String file, long done, long total) {}

  /** A registration; closing it ends it. */
  public static final class Handle implements AutoCloseable {
    private final String file;
    private final long total;
    private final LongSupplier done;

    private Handle(String file, long total, LongSupplier done) {
      this.file = file;
      this.total = total;
      this.done = done;
    }

    @Override
    public void close() {
      if (ACTIVE.remove(this)) {
        Runnable listener = onEnd;
        if (listener != null) {
          listener.run();
        }
      }
    }
  }

  /** Registers the reading of {@code file}, {@code total} bytes long, at {@code done}. */
  public static Handle start(String file, long total, LongSupplier done) {
    Handle handle = new Handle(file, total, done);
    ACTIVE.add(handle);
    return handle;
  }

  /**
   * Runs {@code listener} (or nothing, for {@code null}) on the reading thread whenever a reading
   * ends, before the reader goes on: a display can clear itself before the program prints results.
   */
  public static void onEnd(Runnable listener) {
    onEnd = listener;
  }

  /** Registers the reading of {@code file}, as far as {@code channel}'s position has got. */
  public static Handle start(String file, long total, java.nio.channels.FileChannel channel) {
    return start(
        file,
        total,
        () -> {
          try {
            return channel.position();
          } catch (java.io.IOException e) {
            return -1; // closed: the reading is over
          }
        });
  }

  /** The readings under way, in no particular order. */
  public static List<Reading> snapshot() {
    List<Reading> out = new ArrayList<>();
    for (Handle h : ACTIVE) {
      out.add(new Reading(h.file, Math.min(h.total, Math.max(0, h.done.getAsLong())), h.total));
    }
    return out;
  }
}
