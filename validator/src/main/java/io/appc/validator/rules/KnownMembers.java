package io.appc.validator.rules;

import io.appc.validator.manifest.ManifestKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The members the spec defines for every object type of the two manifests, with the type of each
 * member that holds an object or a list of objects. One table serves the unknown-member lint and
 * the actool-mode renaming of member names that differ only in case.
 *
 * <p>Members whose value is free-form ({@code userAnnotations}, {@code userLabels}, an isolator's
 * {@code value}) have no type here, so nothing below them is checked.
 */
public final class KnownMembers {
  private KnownMembers() {}

  /** A member of an object type. */
  public record Member(String name, ObjectType type, boolean list) {
    /** True if the member holds an object ({@code list == false}) or a list of objects. */
    public boolean structured() {
      return type != null;
    }
  }

  /** An object type of the manifests. */
  public enum ObjectType {
    IMAGE_MANIFEST("image manifest"),
    APP("app"),
    LABEL("label"),
    ANNOTATION("annotation"),
    ENVIRONMENT_VARIABLE("environment variable"),
    EVENT_HANDLER("event handler"),
    ISOLATOR("isolator"),
    MOUNT_POINT("mount point"),
    PORT("port"),
    DEPENDENCY("dependency"),
    POD_MANIFEST("pod manifest"),
    POD_APP("pod app"),
    POD_IMAGE("pod app image"),
    MOUNT("mount"),
    VOLUME("volume"),
    EXPOSED_PORT("exposed port");

    private final String label;

    ObjectType(String label) {
      this.label = label;
    }

    /** How the type is named in messages. */
    public String label() {
      return label;
    }

    /** The defined members, in spec order. */
    public Map<String, Member> members() {
      return TABLE.get(this);
    }

    /** The member with exactly this name, or {@code null}. */
    public Member member(String name) {
      return members().get(name);
    }

    /**
     * The defined member this name refers to when compared without regard to ASCII case, as Go's
     * JSON decoder did; an exact match wins. {@code null} if none.
     */
    public Member memberIgnoringCase(String name) {
      Member exact = member(name);
      if (exact != null) {
        return exact;
      }
      String lower = name.toLowerCase(Locale.ROOT);
      for (Member m : members().values()) {
        if (m.name().toLowerCase(Locale.ROOT).equals(lower)) {
          return m;
        }
      }
      return null;
    }

    /** The type of the document root for a manifest kind. */
    public static ObjectType root(ManifestKind kind) {
      return kind == ManifestKind.POD ? POD_MANIFEST : IMAGE_MANIFEST;
    }
  }

  private static final Map<ObjectType, Map<String, Member>> TABLE = new EnumMap<>(ObjectType.class);

  static {
    define(
        ObjectType.IMAGE_MANIFEST,
        "acKind",
        "acVersion",
        "name",
        "labels:LABEL[]",
        "app:APP",
        "dependencies:DEPENDENCY[]",
        "pathWhitelist",
        "annotations:ANNOTATION[]");
    define(
        ObjectType.APP,
        "exec",
        "user",
        "group",
        "supplementaryGIDs",
        "eventHandlers:EVENT_HANDLER[]",
        "workingDirectory",
        "environment:ENVIRONMENT_VARIABLE[]",
        "isolators:ISOLATOR[]",
        "mountPoints:MOUNT_POINT[]",
        "ports:PORT[]",
        "userAnnotations",
        "userLabels");
    define(ObjectType.LABEL, "name", "value");
    define(ObjectType.ANNOTATION, "name", "value");
    define(ObjectType.ENVIRONMENT_VARIABLE, "name", "value");
    define(ObjectType.EVENT_HANDLER, "exec", "name");
    define(ObjectType.ISOLATOR, "name", "value");
    define(ObjectType.MOUNT_POINT, "name", "path", "readOnly");
    define(ObjectType.PORT, "name", "protocol", "port", "count", "socketActivated");
    define(ObjectType.DEPENDENCY, "imageName", "imageID", "labels:LABEL[]", "size");
    define(
        ObjectType.POD_MANIFEST,
        "acVersion",
        "acKind",
        "apps:POD_APP[]",
        "volumes:VOLUME[]",
        "isolators:ISOLATOR[]",
        "annotations:ANNOTATION[]",
        "ports:EXPOSED_PORT[]",
        "userAnnotations",
        "userLabels");
    define(
        ObjectType.POD_APP,
        "name",
        "image:POD_IMAGE",
        "app:APP",
        "readOnlyRootFS",
        "mounts:MOUNT[]",
        "annotations:ANNOTATION[]");
    define(ObjectType.POD_IMAGE, "id", "name", "labels:LABEL[]");
    define(ObjectType.MOUNT, "volume", "path", "appVolume:VOLUME");
    define(
        ObjectType.VOLUME, "name", "readOnly", "kind", "source", "recursive", "mode", "uid", "gid");
    define(ObjectType.EXPOSED_PORT, "name", "hostPort", "hostIP", "podPort:PORT");
  }

  /** Entries are {@code name}, {@code name:TYPE} (an object) or {@code name:TYPE[]} (a list). */
  private static void define(ObjectType type, String... entries) {
    Map<String, Member> members = new LinkedHashMap<>();
    for (String entry : entries) {
      int colon = entry.indexOf(':');
      if (colon < 0) {
        members.put(entry, new Member(entry, null, false));
        continue;
      }
      String name = entry.substring(0, colon);
      String typeName = entry.substring(colon + 1);
      boolean list = typeName.endsWith("[]");
      ObjectType child =
          ObjectType.valueOf(list ? typeName.substring(0, typeName.length() - 2) : typeName);
      members.put(name, new Member(name, child, list));
    }
    TABLE.put(type, Collections.unmodifiableMap(members));
  }
}
