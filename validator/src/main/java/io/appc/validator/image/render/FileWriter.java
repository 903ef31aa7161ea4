package io.appc.validator.image.render;

import io.appc.validator.image.posix.NativeFs;
import io.appc.validator.image.posix.NativeFs.FsException;
import io.appc.validator.image.tar.TarReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Fills files that extraction has already created, on a second thread: content, owner, mode,
 * extended attributes, mtime, close. Extraction keeps every operation on names (lookups, creation,
 * removal, links) on its own thread in archive order, and hands over only open descriptors of new
 * inodes, so the two threads never race on the tree: whatever later happens to a name, the writes
 * go to the inode that was created for the member.
 *
 * <p>Files are handed over in batches, so the threads meet once per batch rather than once per
 * file. Content the reader keeps valid (a mapped archive) is handed over as it is; other content is
 * copied into the batch's buffer, and a file larger than that buffer is filled by the caller
 * ({@link #takes}). Heap memory is bounded by the fixed set of buffers and of batches in flight
 * (handed-over content of a mapped archive is page cache, bounded by a count of files, not bytes).
 */
final class FileWriter implements AutoCloseable {
  static final int BUFFER_BYTES = 1 << 19;
  private static final int BATCHES = 8;
  private static final int MAX_FILES_PER_BATCH = 256;
  private static final Batch END = new Batch();

  /**
   * What to do to a created file once its content is written.
   *
   * @param chown whether to set {@code uid}/{@code gid}
   * @param chmod the mode to set with {@code fchmod}, or -1 when creation already set it
   * @param xattrs extended attributes, set after the owner (a change of owner clears some)
   */
  record Metadata(
      boolean chown,
      long uid,
      long gid,
      int chmod,
      Map<String, byte[]> xattrs,
      long mtimeSeconds,
      int mtimeNanos) {}

  /** Which archive member a file comes from, for messages. */
  record Origin(String archive, String member) {}

  /** An extended attribute that could not be set; extraction turns it into a warning. */
  record XattrFailure(Origin origin, String name, FsException error) {}

  /** Reports extended attributes that could not be set. */
  interface XattrFailures {
    void add(XattrFailure failure);
  }

  private record File(
      int fd, String rel, Origin origin, List<ByteBuffer> content, Metadata metadata) {}

  private static final class Batch {
    final List<File> files = new ArrayList<>();
    ByteBuffer buffer;
  }

  private final NativeFs fs;
  private final BlockingQueue<ByteBuffer> buffers = new ArrayBlockingQueue<>(BATCHES);
  private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
  private final List<XattrFailure> xattrFailures = new ArrayList<>();
  private final Thread worker;
  private volatile IOException failure;
  private volatile boolean abandoned;
  private Batch filling;
  private int pending;
  private boolean closed;

  FileWriter(NativeFs fs) {
    this.fs = fs;
    for (int i = 0; i < BATCHES; i++) {
      buffers.add(ByteBuffer.allocateDirect(BUFFER_BYTES));
    }
    worker = new Thread(this::run, "render-file-writer");
    worker.setDaemon(true);
    worker.start();
  }

  /** Whether {@link #add} takes a file of {@code size} bytes from {@code reader}. */
  static boolean takes(TarReader reader, long size) {
    return reader.chunksStayValid() || size <= BUFFER_BYTES;
  }

  /**
   * Queues the created file {@code fd}, whose content is the rest of the reader's current member
   * ({@code size} bytes, which {@link #takes}).
   */
  void add(int fd, String rel, Origin origin, Metadata metadata, TarReader reader, long size)
      throws IOException {
    checkFailure();
    if (filling == null) {
      filling = new Batch();
    }
    List<ByteBuffer> content = new ArrayList<>(1);
    if (reader.chunksStayValid()) {
      reader.transferData(content::add);
    } else {
      if (filling.buffer != null && filling.buffer.remaining() < size) {
        handOver();
        filling = new Batch();
      }
      if (filling.buffer == null) {
        filling.buffer = take();
      }
      ByteBuffer buffer = filling.buffer;
      int start = buffer.position();
      reader.transferData(buffer::put);
      content.add(buffer.duplicate().position(start).limit(buffer.position()));
    }
    filling.files.add(new File(fd, rel, origin, content, metadata));
    // From here the descriptor is the writer's: a failure is kept for the next call to report,
    // so that the caller never closes it a second time.
    if (filling.files.size() >= MAX_FILES_PER_BATCH
        || (filling.buffer != null && !filling.buffer.hasRemaining())) {
      try {
        handOver();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
  }

  /**
   * Waits until every queued file is complete and closed, reports attribute failures in order, and
   * throws the first I/O failure of the worker.
   */
  void flush(XattrFailures report) throws IOException {
    handOver();
    synchronized (this) {
      while (pending > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while writing files", e);
        }
      }
      xattrFailures.forEach(report::add);
      xattrFailures.clear();
    }
    checkFailure();
  }

  /**
   * Stops the worker. Files queued but not yet filled are only closed: after {@link #flush} there
   * are none, and otherwise the render failed and their content would be deleted anyway.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    abandoned = true;
    // Not interruptible: the worker must get END and finish closing descriptors.
    boolean interrupted = false;
    try {
      handOver();
    } catch (IOException e) {
      interrupted = true;
    }
    while (true) {
      try {
        full.put(END);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    while (true) {
      try {
        worker.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void checkFailure() throws IOException {
    IOException f = failure;
    if (f != null) {
      throw new IOException(f.getMessage(), f);
    }
  }

  private ByteBuffer take() throws IOException {
    try {
      return buffers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing files", e);
    }
  }

  /** Queues the batch being filled, if it holds anything. */
  private void handOver() throws IOException {
    Batch batch = filling;
    filling = null;
    if (batch == null) {
      return;
    }
    if (batch.files.isEmpty()) {
      release(batch);
      return;
    }
    synchronized (this) {
      pending++;
    }
    try {
      full.put(batch);
    } catch (InterruptedException e) {
      // The batch's descriptors are the writer's: close them here, since the worker never will.
      synchronized (this) {
        pending--;
      }
      for (File file : batch.files) {
        try {
          fs.close(file.fd(), file.rel());
        } catch (IOException ignored) {
          // closing is all that is left to do
        }
      }
      release(batch);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing files", e);
    }
  }

  private void release(Batch batch) {
    if (batch.buffer != null) {
      buffers.add(batch.buffer.clear());
    }
  }

  private void run() {
    while (true) {
      Batch batch;
      try {
        batch = full.take();
      } catch (InterruptedException e) {
        return;
      }
      if (batch == END) {
        return;
      }
      List<XattrFailure> failures = new ArrayList<>();
      for (File file : batch.files) {
        fill(file, failures);
      }
      release(batch);
      synchronized (this) {
        xattrFailures.addAll(failures);
        pending--;
        notifyAll();
      }
    }
  }

  /** Writes one file and always closes it; after a failure, files are only closed. */
  private void fill(File file, List<XattrFailure> failures) {
    try {
      if (failure == null && !abandoned) {
        for (ByteBuffer chunk : file.content()) {
          fs.write(file.fd(), chunk, file.rel());
        }
        apply(fs, file.fd(), file.rel(), file.origin(), file.metadata(), failures::add);
      }
    } catch (FsException e) {
      // EFAULT: the content's pages are gone, which for a mapped archive means it shrank.
      failure =
          e.errno() == jnr.constants.platform.Errno.EFAULT.intValue()
              ? new IOException("the archive changed while it was read: " + e.getMessage(), e)
              : e;
    } catch (IOException | RuntimeException | Error e) {
      // Whatever happens, the worker goes on closing files and completing batches, so that the
      // extracting thread never waits for it in vain.
      failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
    } finally {
      try {
        fs.close(file.fd(), file.rel());
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
  }

  /** Sets a created file's metadata, in the order that keeps every part of it. */
  static void apply(
      NativeFs fs, int fd, String rel, Origin origin, Metadata m, XattrFailures report)
      throws FsException {
    if (m.chown()) {
      fs.fchown(fd, m.uid(), m.gid(), rel);
    }
    if (m.chmod() >= 0) {
      fs.fchmod(fd, m.chmod(), rel);
    }
    for (Map.Entry<String, byte[]> x : m.xattrs().entrySet()) {
      try {
        fs.fsetxattr(fd, x.getKey(), x.getValue(), rel);
      } catch (FsException e) {
        report.add(new XattrFailure(origin, x.getKey(), e));
      }
    }
    fs.futimes(fd, m.mtimeSeconds(), m.mtimeNanos(), rel);
  }
}
