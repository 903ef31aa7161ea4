package io.appc.validator.image.store;

import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Findings;
import io.appc.validator.image.ArchiveReadException;
import io.appc.validator.image.tar.ArchiveFormatException;
import io.appc.validator.image.tar.BackgroundDigest;
import io.appc.validator.image.tar.ImageArchives;
import io.appc.validator.image.tar.ReadProgress;
import io.appc.validator.image.tar.TarEntry;
import io.appc.validator.image.tar.TarFormatException;
import io.appc.validator.image.tar.TarReader;
import io.appc.validator.json.JsonLimits;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local, content-addressed image store in one directory:
 *
 * <pre>
 *   blobs/sha512-&lt;hex&gt;   each archive exactly as added (compressed or not), named by its image ID
 *   index.json            the images: ID, name, labels, sizes, import time, manifest text,
 *                         blob stamp
 *   index.lock            lock file; every change of the index happens while holding it
 *   tmp/                  archives being added
 * </pre>
 *
 * <p>Adding copies the archive into {@code tmp/} while hashing its uncompressed tar in the same
 * pass (ACI-ID-001); only then, under the lock, is the copy renamed to its blob name and the index
 * rewritten (to a temporary file, then renamed over the old one), so a reader never sees a
 * half-written index and a crash leaves at worst a file that {@link #gc()} removes.
 *
 * <p>Each entry records a {@link BlobStamp} of its blob taken after that rename, so that render can
 * tell a blob nobody touched since it was hashed from one it must hash again. Adding an image that
 * is already stored keeps its blob if the blob still matches its stamp; otherwise (no stamp, a
 * changed or missing blob) the verified new copy replaces it and is stamped afresh.
 */
public final class ImageStore {
  /** Environment variable naming the store directory. */
  public static final String ENV = "APPC_STORE";

  private static final int FORMAT = 1;
  private static final Pattern FULL_ID = Pattern.compile("sha512-[0-9a-f]{128}");
  private static final Pattern ID_PREFIX = Pattern.compile("sha512-[0-9a-f]{32,128}");
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  private static final long CLOCK_WAIT_NANOS = 100_000_000L;

  private final Path root;
  private final Path blobs;
  private final Path tmp;
  private final Path index;
  private final Path lockFile;

  private ImageStore(Path root) {
    this.root = root;
    this.blobs = root.resolve("blobs");
    this.tmp = root.resolve("tmp");
    this.index = root.resolve("index.json");
    this.lockFile = root.resolve("index.lock");
  }

  /**
   * {@code $APPC_STORE}, else {@code $XDG_DATA_HOME/appc/store}, else ~/.local/share/appc/store.
   */
  public static Path defaultLocation(Map<String, String> env) {
    String explicit = env.get(ENV);
    if (explicit != null && !explicit.isEmpty()) {
      return Path.of(explicit);
    }
    String data = env.get("XDG_DATA_HOME");
    if (data != null && !data.isEmpty()) {
      return Path.of(data, "appc", "store");
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "appc", "store");
  }

  /** Opens the store at {@code dir}, creating its directories when missing. */
  public static ImageStore open(Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    ImageStore store = new ImageStore(root);
    Files.createDirectories(store.blobs);
    Files.createDirectories(store.tmp);
    return store;
  }

  public Path root() {
    return root;
  }

  /** Where the archive of {@code image} is kept. */
  public Path blob(StoredImage image) {
    return blobs.resolve(image.id());
  }

  /**
   * The outcome of {@link #add}.
   *
   * @param image the stored image
   * @param added false when an image with the same ID was already in the store
   * @param warnings about the archive (zero bytes after its compressed data); it was added
   */
  public record AddResult(StoredImage image, boolean added, List<Finding> warnings) {
    public AddResult {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Adds an image archive. Its manifest must name the image and have well-formed labels.
   *
   * @throws StoreException when the file is not a usable image archive
   */
  public AddResult add(Path archive) throws IOException, StoreException {
    String display = archive.toString();
    Path part = tmp.resolve("add-" + UUID.randomUUID() + ".part");
    try {
      Scan scan;
      try (FileChannel out =
              FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          FileLock ignored = out.lock()) {
        scan = scan(archive, out, display);
        out.force(true);
      }
      Findings findings = new Findings(display + "!manifest");
      if (scan.manifest == null) {
        throw StoreException.breaks(
            "IM-002", display, "need a file \"manifest\" at the root of the archive, got none");
      }
      ManifestFacts facts = ManifestFacts.parse(scan.manifest, findings);
      if (facts == null) {
        throw new StoreException(display + ": the manifest is not usable", findings.toList());
      }
      StoredImage image =
          new StoredImage(
              scan.id,
              facts.name(),
              facts.labels(),
              Files.size(part),
              scan.tarSize,
              Instant.now(),
              new String(scan.manifest, StandardCharsets.UTF_8),
              null);
      return locked(
          lock -> {
            List<StoredImage> images = readIndex();
            for (int i = 0; i < images.size(); i++) {
              StoredImage existing = images.get(i);
              if (!existing.id().equals(image.id())) {
                continue;
              }
              Path blob = blob(existing);
              if (existing.stamp() != null && existing.stamp().matches(blob)) {
                return new AddResult(existing, false, scan.warnings);
              }
              // The blob is gone, was changed after it was stamped, or was never stamped: the
              // copy just hashed takes its place, so that the new stamp vouches for bytes that
              // were verified.
              move(part, blob);
              StoredImage refreshed = existing.withBlob(image.size(), stamp(blob, lock));
              images.set(i, refreshed);
              writeIndex(images);
              return new AddResult(refreshed, false, scan.warnings);
            }
            Path blob = blobs.resolve(image.id());
            move(part, blob);
            StoredImage stamped = image.withBlob(image.size(), stamp(blob, lock));
            images.add(stamped);
            writeIndex(images);
            return new AddResult(stamped, true, scan.warnings);
          });
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /**
   * Stamps a blob that was just renamed into place (the rename sets its ctime, so not before), then
   * waits, holding the lock, until the file system's clock has moved past that ctime. File times
   * come from a clock that advances in ticks of a few milliseconds, so a write in the same tick as
   * the rename could leave every field of the stamp as it was; once the clock has moved on, any
   * later change shows. Where the clock does not move on within {@link #CLOCK_WAIT_NANOS} (file
   * systems with second or coarser times), or the file system has no inode and ctime attributes,
   * the image gets no stamp and render always hashes it.
   */
  private BlobStamp stamp(Path blob, FileChannel lock) throws IOException {
    BlobStamp stamp;
    try {
      stamp = BlobStamp.of(blob);
    } catch (UnsupportedOperationException e) {
      return null;
    }
    long deadline = System.nanoTime() + CLOCK_WAIT_NANOS;
    while (true) {
      // Writing to the lock file (ours while the lock is held) sets its ctime to "now" as the file
      // system sees it. It goes through the locked channel: setting a time with the JDK opens and
      // closes the file, and closing any descriptor of a file drops the process's fcntl locks on
      // it, which would let another process into the index while this one still writes it.
      touch(lock);
      if (BlobStamp.of(lockFile).changed().isAfter(stamp.changed())) {
        return stamp;
      }
      if (System.nanoTime() - deadline > 0) {
        return null;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  private static void touch(FileChannel lock) throws IOException {
    ByteBuffer one = ByteBuffer.wrap(new byte[] {'\n'});
    while (one.hasRemaining()) {
      lock.write(one, 0);
    }
  }

  /** Every image, oldest import first. */
  public List<StoredImage> list() throws IOException {
    List<StoredImage> images = readIndex();
    images.sort(Comparator.comparing(StoredImage::imported).thenComparing(StoredImage::id));
    return images;
  }

  /**
   * Finds an image by full ID or by a unique prefix of at least {@code sha512-} plus 32 hex digits
   * (the short form appc tools print).
   *
   * @throws StoreException when the prefix is too short or matches several images
   */
  public Optional<StoredImage> findById(String id) throws IOException, StoreException {
    if (!ID_PREFIX.matcher(id).matches()) {
      throw new StoreException(
          "need an image ID sha512- followed by 32 to 128 lower-case hex digits, got \""
              + id
              + "\"");
    }
    List<StoredImage> hits = new ArrayList<>();
    for (StoredImage image : readIndex()) {
      if (image.id().equals(id)) {
        return Optional.of(image);
      }
      if (image.id().startsWith(id)) {
        hits.add(image);
      }
    }
    if (hits.size() > 1) {
      throw new StoreException(
          "image ID prefix " + id + " is ambiguous: " + hits.size() + " images match");
    }
    return hits.stream().findFirst();
  }

  /** Images matching {@code query}, best first ({@link ImageQuery#BEST_FIRST}). */
  public List<StoredImage> match(ImageQuery query) throws IOException {
    List<StoredImage> hits = new ArrayList<>();
    for (StoredImage image : readIndex()) {
      if (query.matches(image)) {
        hits.add(image);
      }
    }
    hits.sort(ImageQuery.BEST_FIRST);
    return hits;
  }

  /**
   * The other stored images with a dependency that only {@code image} satisfies (by name, labels
   * and, where pinned, image ID): without it their renders would fail (IM-DEP-001).
   */
  public List<StoredImage> dependents(StoredImage image) throws IOException {
    return dependents(image, readIndex());
  }

  private static List<StoredImage> dependents(StoredImage image, List<StoredImage> all) {
    List<StoredImage> others =
        all.stream().filter(s -> !s.id().equals(image.id())).collect(Collectors.toList());
    List<StoredImage> dependents = new ArrayList<>();
    for (StoredImage other : others) {
      for (ManifestFacts.Dependency dep : other.facts().dependencies()) {
        if (satisfies(dep, image) && others.stream().noneMatch(s -> satisfies(dep, s))) {
          dependents.add(other);
          break;
        }
      }
    }
    return dependents;
  }

  private static boolean satisfies(ManifestFacts.Dependency dep, StoredImage image) {
    return (dep.imageId() == null || image.id().startsWith(dep.imageId()))
        && new ImageQuery(dep.imageName(), dep.labels()).matches(image);
  }

  /** Images with exactly this name, best first. */
  public List<StoredImage> named(String name) throws IOException {
    return match(new ImageQuery(name, Map.of()));
  }

  /**
   * Resolves a reference: an image ID (full or a unique prefix) or {@code NAME[:VERSION][,L=V]...}
   * (the best match).
   *
   * @throws StoreException when nothing or several IDs match, or the reference is malformed
   */
  public StoredImage resolve(String reference) throws IOException, StoreException {
    if (reference.startsWith("sha512-")) {
      return findById(reference)
          .orElseThrow(() -> new StoreException("no image with ID " + reference + " in the store"));
    }
    ImageQuery query;
    try {
      query = ImageQuery.parse(reference);
    } catch (IllegalArgumentException e) {
      throw new StoreException(e.getMessage());
    }
    List<StoredImage> hits = match(query);
    if (hits.isEmpty()) {
      throw new StoreException("no image matching " + query + " in the store");
    }
    return hits.get(0);
  }

  /**
   * Removes an image given by ID (full or unique prefix) or by a name whose labels single out one
   * image. The blob goes after the index entry, so a crash in between leaves only an orphan blob.
   *
   * @param force remove it even when other stored images need it ({@link #dependents})
   * @throws StoreException when the reference matches no image, or several by name, or (unless
   *     {@code force}) other stored images need it
   */
  public StoredImage remove(String reference, boolean force) throws IOException, StoreException {
    StoredImage target;
    if (reference.startsWith("sha512-")) {
      target = resolve(reference);
    } else {
      ImageQuery query;
      try {
        query = ImageQuery.parse(reference);
      } catch (IllegalArgumentException e) {
        throw new StoreException(e.getMessage());
      }
      List<StoredImage> hits = match(query);
      if (hits.isEmpty()) {
        throw new StoreException("no image matching " + query + " in the store");
      }
      if (hits.size() > 1) {
        throw new StoreException(
            hits.size()
                + " images match "
                + query
                + "; remove one by ID ("
                + hits.stream().map(StoredImage::shortId).reduce((a, b) -> a + ", " + b).get()
                + ")");
      }
      target = hits.get(0);
    }
    StoredImage removed = target;
    return locked(
        lock -> {
          List<StoredImage> images = readIndex();
          List<StoredImage> needing = force ? List.of() : dependents(removed, images);
          if (!needing.isEmpty()) {
            throw StoreException.breaks(
                "IM-DEP-001",
                removed.reference() + " (" + removed.shortId() + ")",
                "still needed by "
                    + needing.stream()
                        .map(d -> d.reference() + " (" + d.shortId() + ")")
                        .collect(Collectors.joining(", "))
                    + ", which no other stored image satisfies; remove those first, or force"
                    + " the removal");
          }
          if (!images.removeIf(i -> i.id().equals(removed.id()))) {
            throw new StoreException("image " + removed.id() + " was removed meanwhile");
          }
          writeIndex(images);
          Files.deleteIfExists(blob(removed));
          return removed;
        });
  }

  /**
   * What {@link #gc()} removed.
   *
   * @param temporaryFiles unfinished additions and index rewrites
   * @param orphanBlobs blobs no index entry names
   * @param bytesFreed total size of the removed files
   */
  public record GcResult(int temporaryFiles, int orphanBlobs, long bytesFreed) {}

  /**
   * Removes leftovers of interrupted additions and index rewrites, and blobs that no index entry
   * names. An addition still running holds a lock on its temporary file and is left alone.
   */
  public GcResult gc() throws IOException, StoreException {
    return locked(
        lock -> {
          int temps = 0;
          int orphans = 0;
          long bytes = 0;
          try (DirectoryStream<Path> parts = Files.newDirectoryStream(tmp)) {
            for (Path p : parts) {
              if (Files.isRegularFile(p) && !inUse(p)) {
                bytes += sizeOf(p);
                Files.deleteIfExists(p);
                temps++;
              }
            }
          }
          try (DirectoryStream<Path> stale = Files.newDirectoryStream(root, "index.json.tmp-*")) {
            for (Path p : stale) {
              bytes += sizeOf(p);
              Files.deleteIfExists(p);
              temps++;
            }
          }
          java.util.Set<String> known = new java.util.HashSet<>();
          for (StoredImage image : readIndex()) {
            known.add(image.id());
          }
          try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
            for (Path p : files) {
              if (!known.contains(p.getFileName().toString())) {
                bytes += sizeOf(p);
                Files.deleteIfExists(p);
                orphans++;
              }
            }
          }
          return new GcResult(temps, orphans, bytes);
        });
  }

  private record Scan(String id, long tarSize, byte[] manifest, List<Finding> warnings) {}

  /** Copies the raw archive to {@code out} while hashing and reading the uncompressed tar. */
  private static Scan scan(Path archive, FileChannel out, String display)
      throws IOException, StoreException {
    byte[] manifest = null;
    try (InputStream file = Files.newInputStream(archive);
        TeeInputStream tee = new TeeInputStream(file, out);
        BufferedInputStream raw = new BufferedInputStream(tee, 1 << 16);
        BackgroundDigest digest = new BackgroundDigest(ImageArchives.newDigest());
        // Every byte read is copied to the store: the copy's size is how far reading has got.
        ReadProgress.Handle progress = ReadProgress.start(display, Files.size(archive), out);
        ImageArchives.Opened opened = openArchive(raw, display)) {
      TarReader reader = new TarReader(opened.tar(), digest);
      try {
        TarEntry entry;
        while ((entry = reader.next()) != null) {
          if (isManifest(entry.name())) {
            if (manifest != null) {
              throw StoreException.breaks(
                  "ACI-ARCH-003", display + "!manifest", "need one manifest entry, got two");
            }
            if (entry.type() != TarEntry.Type.FILE) {
              throw StoreException.breaks(
                  "ACI-ARCH-004", display + "!manifest", "need the manifest to be a regular file");
            }
            if (entry.size() > JsonLimits.DEFAULT.maxBytes()) {
              throw StoreException.breaks(
                  "IM-001",
                  display + "!manifest",
                  "manifest too large: need at most "
                      + JsonLimits.DEFAULT.maxBytes()
                      + " bytes, got "
                      + entry.size());
            }
            manifest = reader.readData(entry);
          }
        }
        reader.drain();
      } catch (TarFormatException e) {
        throw StoreException.breaks(
            "ACI-ARCH-002", display, "not a readable tar: " + e.getMessage());
      } catch (ArchiveReadException e) {
        if (e.kind() == ArchiveReadException.Kind.FILE) {
          throw e;
        }
        // Damaged compressed data says as much about the image as a damaged tar does.
        throw StoreException.breaks(e.requirementId(), display, e.getMessage());
      }
      long tarSize = reader.position();
      tee.transferTo(OutputStream.nullOutputStream());
      List<Finding> warnings =
          opened.trailingZeros().map(z -> List.of(z.finding(display))).orElse(List.of());
      return new Scan(ImageArchives.imageId(digest.finish()), tarSize, manifest, warnings);
    }
  }

  private static ImageArchives.Opened openArchive(BufferedInputStream raw, String display)
      throws IOException, StoreException {
    try {
      return ImageArchives.open(raw);
    } catch (ArchiveFormatException e) {
      throw StoreException.breaks(e.requirementId(), display, e.getMessage());
    }
  }

  private static boolean isManifest(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    // "manifest/" is a directory named manifest: the wrong kind of entry, not a missing one.
    return n.equals("manifest") || n.equals("manifest/");
  }

  /** Writes every byte read from the wrapped stream to a file channel. */
  private static final class TeeInputStream extends FilterInputStream {
    private final FileChannel out;

    TeeInputStream(InputStream in, FileChannel out) {
      super(in);
      this.out = out;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        write(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        write(b, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] scratch = new byte[8192];
      long done = 0;
      while (done < n) {
        int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
        if (r < 0) {
          break;
        }
        done += r;
      }
      return done;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer chunk = ByteBuffer.wrap(b, off, len);
      try {
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
      } catch (IOException e) {
        // Marked as a failure of the store, not of the archive: this runs below the decoder, which
        // would otherwise report a full disk as corrupt data.
        throw new ArchiveReadException(
            ArchiveReadException.Kind.FILE,
            "cannot write the copy in the store: " + ArchiveReadException.reason(e),
            e);
      }
    }
  }

  @FunctionalInterface
  private interface LockedAction<T> {
    /**
     * @param lock the locked channel of the lock file; the only way this process may touch that
     *     file while the lock is held (see {@link #stamp})
     */
    T run(FileChannel lock) throws IOException, StoreException;
  }

  /**
   * Runs {@code action} holding the store lock: a JVM-wide lock plus an fcntl lock on the lock
   * file. The fcntl lock belongs to the process and goes as soon as any descriptor of the file is
   * closed, so nothing may open the lock file while it is held.
   */
  private <T> T locked(LockedAction<T> action) throws IOException, StoreException {
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(root, r -> new ReentrantLock());
    jvmLock.lock();
    try (FileChannel channel =
            FileChannel.open(
                lockFile,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return action.run(channel);
    } finally {
      jvmLock.unlock();
    }
  }

  private static boolean inUse(Path p) {
    try (FileChannel channel = FileChannel.open(p, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private List<StoredImage> readIndex() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(index);
    } catch (NoSuchFileException e) {
      return new ArrayList<>();
    }
    try {
      JsonNode root = JSON.readTree(bytes);
      // Anything but this store's own format is refused rather than read as an empty store: an
      // empty or truncated index, or one of another format, would otherwise make gc delete every
      // blob and the next add write an index without the images it held.
      if (root == null || !root.isObject()) {
        throw new IOException(
            "store index " + index + " is corrupt: need a JSON object, got " + describe(root));
      }
      if (!root.path("format").isIntegralNumber() || root.path("format").asInt() != FORMAT) {
        throw new IOException(
            "store index "
                + index
                + " has format "
                + root.path("format")
                + ", this version reads format "
                + FORMAT);
      }
      if (!root.path("images").isArray()) {
        throw new IOException("store index " + index + " is corrupt: need an images array");
      }
      List<StoredImage> images = new ArrayList<>();
      for (JsonNode n : root.path("images").values()) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> l : n.path("labels").properties()) {
          labels.put(l.getKey(), l.getValue().asString());
        }
        String id = n.path("id").asString();
        if (!FULL_ID.matcher(id).matches()) {
          throw new IOException("store index " + index + " has a bad image ID: " + id);
        }
        images.add(
            new StoredImage(
                id,
                n.path("name").asString(),
                labels,
                n.path("size").asLong(),
                n.path("tarSize").asLong(),
                Instant.parse(n.path("imported").asString()),
                n.path("manifest").asString(),
                stampOf(n.path("stamp"))));
      }
      return images;
    } catch (JacksonException e) {
      throw new IOException("store index " + index + " is corrupt: " + e.getOriginalMessage(), e);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IOException("store index " + index + " is corrupt: " + e.getMessage(), e);
    }
  }

  private static String describe(JsonNode n) {
    return n == null || n.isMissingNode()
        ? "nothing"
        : n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The stamp of an index entry. Entries written before stamps existed have none; so does one whose
   * stamp is incomplete or malformed: nothing then vouches for the blob and render hashes it.
   */
  private static BlobStamp stampOf(JsonNode n) {
    for (String field : List.of("dev", "ino", "size")) {
      if (!n.path(field).canConvertToLong()) {
        return null;
      }
    }
    if (!n.path("mtime").isString() || !n.path("ctime").isString()) {
      return null;
    }
    try {
      return new BlobStamp(
          n.path("dev").asLong(),
          n.path("ino").asLong(),
          n.path("size").asLong(),
          Instant.parse(n.path("mtime").asString()),
          Instant.parse(n.path("ctime").asString()));
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private void writeIndex(List<StoredImage> images) throws IOException {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("format", FORMAT);
    ArrayNode list = doc.putArray("images");
    for (StoredImage image : images) {
      list.add(toJson(image, true));
    }
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    Path next = root.resolve("index.json.tmp-" + UUID.randomUUID());
    try (FileChannel channel =
        FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        channel.write(b);
      }
      channel.force(true);
    }
    move(next, index);
  }

  /** The JSON form of an image, as {@code store list --format json} prints it. */
  public static ObjectNode toJson(StoredImage image, boolean withManifest) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", image.id());
    n.put("name", image.name());
    ObjectNode labels = n.putObject("labels");
    image.labels().forEach(labels::put);
    n.put("size", image.size());
    n.put("tarSize", image.tarSize());
    n.put("imported", image.imported().toString());
    BlobStamp stamp = image.stamp();
    if (stamp != null) {
      // Times as text: their nanoseconds would not survive a JSON reader that parses numbers as
      // doubles.
      ObjectNode s = n.putObject("stamp");
      s.put("dev", stamp.device());
      s.put("ino", stamp.inode());
      s.put("size", stamp.size());
      s.put("mtime", stamp.modified().toString());
      s.put("ctime", stamp.changed().toString());
    }
    if (withManifest) {
      n.put("manifest", image.manifest());
    }
    return n;
  }
}
