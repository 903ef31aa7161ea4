package io.appc.validator.image.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds real image archives for tests, member by member, with commons-compress. */
public final class AciBuilder {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Instant MTIME = Instant.parse("2020-01-02T03:04:05Z");

  /** One tar member. */
  public static final class Member {
    final String name;
    final byte type;
    int mode;
    byte[] data = new byte[0];
    String link = "";
    long uid;
    long gid;
    Instant mtime = MTIME;
    int devMajor;
    int devMinor;
    final Map<String, String> pax = new LinkedHashMap<>();

    Member(String name, byte type, int mode) {
      this.name = name;
      this.type = type;
      this.mode = mode;
    }

    public Member owner(long uid, long gid) {
      this.uid = uid;
      this.gid = gid;
      return this;
    }

    public Member mtime(Instant t) {
      this.mtime = t;
      return this;
    }

    public Member pax(String key, String value) {
      pax.put(key, value);
      return this;
    }

    public Member mode(int mode) {
      this.mode = mode;
      return this;
    }
  }

  private final ObjectNode manifest = JSON.createObjectNode();
  private final List<Member> members = new ArrayList<>();
  private String compression = "none";
  private boolean manifestMember = true;
  private boolean rootfsMember = true;
  private int rootfsMode = 0755;
  private byte[] rawManifest;

  private AciBuilder(String name) {
    manifest.put("acKind", "ImageManifest");
    manifest.put("acVersion", "0.8.11");
    manifest.put("name", name);
  }

  public static AciBuilder image(String name) {
    return new AciBuilder(name);
  }

  public AciBuilder label(String name, String value) {
    ArrayNode labels =
        manifest.has("labels") ? (ArrayNode) manifest.get("labels") : manifest.putArray("labels");
    labels.addObject().put("name", name).put("value", value);
    return this;
  }

  /** Adds a dependency; {@code id} may be null, {@code size} 0 for none. */
  public AciBuilder dependency(String name, String id, Map<String, String> labels, long size) {
    ArrayNode deps =
        manifest.has("dependencies")
            ? (ArrayNode) manifest.get("dependencies")
            : manifest.putArray("dependencies");
    ObjectNode d = deps.addObject().put("imageName", name);
    if (id != null) {
      d.put("imageID", id);
    }
    if (!labels.isEmpty()) {
      ArrayNode l = d.putArray("labels");
      labels.forEach((k, v) -> l.addObject().put("name", k).put("value", v));
    }
    if (size > 0) {
      d.put("size", size);
    }
    return this;
  }

  public AciBuilder dependency(String name, String id) {
    return dependency(name, id, Map.of(), 0);
  }

  public AciBuilder whitelist(String... paths) {
    ArrayNode pwl = manifest.putArray("pathWhitelist");
    for (String p : paths) {
      pwl.add(p);
    }
    return this;
  }

  public AciBuilder gzip() {
    return compression("gzip");
  }

  /** Compresses the written archive: {@code none}, {@code gzip}, {@code bzip2} or {@code xz}. */
  public AciBuilder compression(String format) {
    if (!List.of("none", "gzip", "bzip2", "xz").contains(format)) {
      throw new IllegalArgumentException("unknown compression " + format);
    }
    this.compression = format;
    return this;
  }

  public AciBuilder withoutRootfsMember() {
    this.rootfsMember = false;
    return this;
  }

  public AciBuilder rootfsMode(int mode) {
    this.rootfsMode = mode;
    return this;
  }

  public AciBuilder withoutManifest() {
    this.manifestMember = false;
    return this;
  }

  public AciBuilder rawManifest(String text) {
    this.rawManifest = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  public Member dir(String name, int mode) {
    return add(new Member(name, TarConstants.LF_DIR, mode));
  }

  public AciBuilder dir(String name) {
    dir(name, 0755);
    return this;
  }

  public Member file(String name, String content, int mode) {
    Member m = add(new Member(name, TarConstants.LF_NORMAL, mode));
    m.data = content.getBytes(StandardCharsets.UTF_8);
    return m;
  }

  public AciBuilder file(String name, String content) {
    file(name, content, 0644);
    return this;
  }

  public Member bytes(String name, byte[] content, int mode) {
    Member m = add(new Member(name, TarConstants.LF_NORMAL, mode));
    m.data = content;
    return m;
  }

  public AciBuilder symlink(String name, String target) {
    Member m = add(new Member(name, TarConstants.LF_SYMLINK, 0777));
    m.link = target;
    return this;
  }

  public AciBuilder hardlink(String name, String target) {
    Member m = add(new Member(name, TarConstants.LF_LINK, 0644));
    m.link = target;
    return this;
  }

  public Member device(String name, boolean block, int major, int minor, int mode) {
    Member m = add(new Member(name, block ? TarConstants.LF_BLK : TarConstants.LF_CHR, mode));
    m.devMajor = major;
    m.devMinor = minor;
    return m;
  }

  public Member fifo(String name, int mode) {
    return add(new Member(name, TarConstants.LF_FIFO, mode));
  }

  private Member add(Member m) {
    members.add(m);
    return m;
  }

  /** Writes the archive as {@code dir/fileName}. */
  public Path write(Path dir, String fileName) throws IOException {
    Path file = dir.resolve(fileName);
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = compress(raw);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      if (manifestMember) {
        byte[] bytes = rawManifest != null ? rawManifest : JSON.writeValueAsBytes(manifest);
        Member m = new Member("manifest", TarConstants.LF_NORMAL, 0644);
        m.data = bytes;
        put(tar, m);
      }
      if (rootfsMember) {
        put(tar, new Member("rootfs", TarConstants.LF_DIR, rootfsMode));
      }
      for (Member m : members) {
        put(tar, m);
      }
    }
    return file;
  }

  private OutputStream compress(OutputStream raw) throws IOException {
    return switch (compression) {
      case "gzip" -> new GzipCompressorOutputStream(raw);
      case "bzip2" -> new BZip2CompressorOutputStream(raw);
      case "xz" -> new XZCompressorOutputStream(raw);
      default -> raw;
    };
  }

  private static void put(TarArchiveOutputStream tar, Member m) throws IOException {
    String name = m.type == TarConstants.LF_DIR && !m.name.endsWith("/") ? m.name + "/" : m.name;
    TarArchiveEntry e = new TarArchiveEntry(name, m.type, true);
    e.setMode(m.mode);
    e.setIds(0, 0);
    e.setUserId(m.uid);
    e.setGroupId(m.gid);
    e.setModTime(java.nio.file.attribute.FileTime.from(m.mtime));
    if (m.type == TarConstants.LF_NORMAL) {
      e.setSize(m.data.length);
    }
    if (!m.link.isEmpty()) {
      e.setLinkName(m.link);
    }
    if (m.type == TarConstants.LF_CHR || m.type == TarConstants.LF_BLK) {
      e.setDevMajor(m.devMajor);
      e.setDevMinor(m.devMinor);
    }
    m.pax.forEach(e::addPaxHeader);
    tar.putArchiveEntry(e);
    if (m.type == TarConstants.LF_NORMAL) {
      tar.write(m.data);
    }
    tar.closeArchiveEntry();
  }

  /** The SHA-512 image ID of an uncompressed archive file. */
  public static String idOf(Path uncompressed) throws IOException {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-512");
      return "sha512-"
          + java.util.HexFormat.of().formatHex(md.digest(Files.readAllBytes(uncompressed)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
