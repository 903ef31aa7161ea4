package io.appc.validator.rules;

import io.appc.validator.Compat;
import io.appc.validator.json.JsonPointers;
import io.appc.validator.rules.AnnotationsRule.Scope;
import io.appc.validator.types.AbsolutePath;
import io.appc.validator.types.AcIdentifier;
import io.appc.validator.types.AcName;
import io.appc.validator.types.ImageId;
import io.appc.validator.types.InvalidValueException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * pods.md §Pod Manifest Schema, {@code apps[]}:
 *
 * <ul>
 *   <li>{@code name} is an AC Name (POD-013), unique within the pod (POD-014).
 *   <li>{@code image.id} is an Image ID (POD-016), {@code image.name} an AC Identifier (POD-017),
 *       {@code image.labels} follow the label rules (POD-018).
 *   <li>{@code app} follows the image manifest's app rules (POD-019, see {@link AppRule}).
 *   <li>{@code mounts[].volume} is an AC Name and names a pod volume unless {@code appVolume} is
 *       given (POD-021); {@code appVolume} is a Volume (POD-024); {@code path} is expected to be
 *       absolute (POD-022, a note); overlapping targets should be refused (ACE-VOL-006).
 *   <li>{@code annotations} (POD-025), see {@link AnnotationsRule}.
 *   <li>A reified pod satisfies every mount point (POD-002). Only mount points of an app override
 *       are visible here; one counts as satisfied by a mount with the same path, a mount whose
 *       volume has the mount point's name, or a pod volume with that name.
 *   <li>Port names of app overrides are unique across the pod's apps (POD-044).
 * </ul>
 *
 * Go checked none of the cross-references, so actool mode reports them as notes.
 */
public final class PodAppsRule implements ManifestRule {
  @Override
  public void check(RuleContext context) {
    JsonNode apps = Nodes.array(context.root(), "apps");
    Set<String> volumeNames = volumeNames(Nodes.array(context.root(), "volumes"));
    Map<String, Integer> names = new HashMap<>();
    Map<String, String> portOwners = new HashMap<>();
    for (int i : Nodes.objectIndexes(apps)) {
      JsonNode app = apps.get(i);
      String at = JsonPointers.child("/apps", i);
      String name = Nodes.nameKey(context, app);
      if (name != null) {
        boolean nameless = !app.has("name");
        Integer first = names.putIfAbsent(name, i);
        if (first != null) {
          Reports.violation(
              context,
              "POD-014",
              nameless ? at : at + "/name",
              "app names must be unique: need one app \""
                  + name
                  + "\", got another at /apps/"
                  + first
                  + (nameless ? " (actool reads a missing name as \"\")" : ""),
              "rename one of them; two apps may use the same image under different names");
        } else if (!nameless) {
          try {
            AcName.parse(name, context.compat());
          } catch (InvalidValueException e) {
            Reports.invalid(context, "POD-013", at + "/name", "app name", e);
          }
        }
      }
      checkImage(context, at + "/image", Nodes.object(app, "image"));
      JsonNode override = Nodes.object(app, "app");
      AppRule.checkApp(context, at + "/app", override);
      JsonNode mounts = Nodes.array(app, "mounts");
      checkMounts(context, at + "/mounts", mounts, volumeNames);
      AnnotationsRule.checkList(
          context, at + "/annotations", Nodes.array(app, "annotations"), Scope.POD_APP);
      checkMountPointsSatisfied(context, at, override, mounts, volumeNames);
      checkPortsAcrossApps(context, at, override, portOwners);
    }
  }

  private static Set<String> volumeNames(JsonNode volumes) {
    Set<String> out = new HashSet<>();
    for (int i : Nodes.objectIndexes(volumes)) {
      String name = Nodes.string(volumes.get(i), "name");
      if (name != null) {
        out.add(name);
      }
    }
    return out;
  }

  private static void checkImage(RuleContext ctx, String pointer, JsonNode image) {
    if (image == null) {
      return;
    }
    String id = Nodes.string(image, "id");
    if (ImageId.isElided(id) && !ctx.actool()) {
      // pods.md's own example writes "sha512-..."; see DependenciesRule. A template may keep it,
      // but a reified pod names every image deterministically (POD-003), which it does not.
      String message = "image id: need the full digest, got the placeholder \"sha512-...\"";
      String hint = "replace the placeholder with the image ID (appc image-id IMAGE.aci)";
      if (ctx.reifiedPods()) {
        ctx.findings().error("POD-016", pointer + "/id", message, hint);
      } else {
        ctx.findings().warning("POD-016", pointer + "/id", message, hint);
      }
    } else if (id != null) {
      try {
        ImageId.parse(id, ctx.compat());
      } catch (InvalidValueException e) {
        Reports.invalid(ctx, "POD-016", pointer + "/id", "image id", e);
      }
    }
    String name = Nodes.string(image, "name");
    if (name != null) {
      try {
        AcIdentifier.parse(name, ctx.compat());
      } catch (InvalidValueException e) {
        Reports.invalid(ctx, "POD-017", pointer + "/name", "image name", e);
      }
    }
    LabelsRule.checkList(ctx, pointer + "/labels", Nodes.array(image, "labels"));
  }

  private static void checkMounts(
      RuleContext ctx, String pointer, JsonNode mounts, Set<String> volumeNames) {
    List<AppRule.Target> targets = new ArrayList<>();
    for (int i : Nodes.objectIndexes(mounts)) {
      JsonNode mount = mounts.get(i);
      String at = JsonPointers.child(pointer, i);
      JsonNode appVolume = Nodes.object(mount, "appVolume");
      if (appVolume != null) {
        VolumesRule.checkVolume(ctx, at + "/appVolume", appVolume);
      }
      String volume = Nodes.string(mount, "volume");
      if (volume != null) {
        try {
          AcName.parse(volume, ctx.compat());
          if (appVolume == null && !volumeNames.contains(volume)) {
            Reports.specOnly(
                ctx,
                "POD-021",
                at + "/volume",
                "mount volume: need the name of a volume in /volumes, got \"" + volume + "\"",
                volumeNames.isEmpty()
                    ? "define the volume in /volumes or give the mount an appVolume"
                    : "defined volumes are " + String.join(", ", new TreeSet<>(volumeNames)));
          }
        } catch (InvalidValueException e) {
          Reports.invalid(ctx, "POD-021", at + "/volume", "mount volume", e);
        }
      }
      String path = Nodes.string(mount, "path");
      if (path != null) {
        AppRule.Target target = AppRule.Target.of(ctx, "POD-022", at + "/path", path, "mount path");
        if (target != null) {
          targets.add(target);
        }
      }
    }
    AppRule.Target.reportOverlaps(ctx, targets);
  }

  private static void checkMountPointsSatisfied(
      RuleContext ctx, String pointer, JsonNode app, JsonNode mounts, Set<String> volumeNames) {
    JsonNode mountPoints = Nodes.array(app, "mountPoints");
    if (mountPoints == null) {
      return;
    }
    Set<String> mountPaths = new HashSet<>();
    Set<String> mountVolumes = new HashSet<>();
    for (int i : Nodes.objectIndexes(mounts)) {
      String path = Nodes.string(mounts.get(i), "path");
      if (path != null) {
        mountPaths.add(clean(path));
      }
      String volume = Nodes.string(mounts.get(i), "volume");
      if (volume != null) {
        mountVolumes.add(volume);
      }
    }
    for (int i : Nodes.objectIndexes(mountPoints)) {
      JsonNode mountPoint = mountPoints.get(i);
      String name = Nodes.string(mountPoint, "name");
      String path = Nodes.string(mountPoint, "path");
      boolean satisfied =
          (path != null && mountPaths.contains(clean(path)))
              || (name != null && (mountVolumes.contains(name) || volumeNames.contains(name)));
      if (!satisfied) {
        String at = JsonPointers.child(pointer + "/app/mountPoints", i);
        String message =
            "mount point \""
                + (name == null ? "" : name)
                + "\" is not satisfied: need a mount with path \""
                + (path == null ? "" : path)
                + "\" or a volume named \""
                + (name == null ? "" : name)
                + "\", got neither";
        String hint =
            "a reified pod manifest satisfies every mount point; add a mount to "
                + pointer
                + "/mounts";
        if (ctx.reifiedPods() || ctx.actool()) {
          Reports.specOnly(ctx, "POD-002", at, message, hint);
        } else {
          // pods.md: satisfying mount points is part of reifying a template (as is naming the
          // image ID, POD-003), so a template only gets a warning; --reified makes it an error.
          ctx.findings().warning("POD-002", at, "pod template: " + message, hint);
        }
      }
    }
  }

  private static String clean(String path) {
    try {
      return AbsolutePath.parse(path, Compat.SPEC).normalized();
    } catch (InvalidValueException e) {
      return path;
    }
  }

  private static void checkPortsAcrossApps(
      RuleContext ctx, String pointer, JsonNode app, Map<String, String> owners) {
    JsonNode ports = Nodes.array(app, "ports");
    Set<String> inThisApp = new HashSet<>();
    for (int i : Nodes.objectIndexes(ports)) {
      String name = Nodes.string(ports.get(i), "name");
      if (name == null || !inThisApp.add(name)) {
        continue;
      }
      String here = JsonPointers.child(pointer + "/app/ports", i);
      String other = owners.putIfAbsent(name, here);
      if (other != null) {
        Reports.specOnly(
            ctx,
            "POD-044",
            here + "/name",
            "port names must be unique among the apps of a pod: need one port \""
                + name
                + "\", got another at "
                + other,
            "rename the port in one of the apps");
      }
    }
  }
}
