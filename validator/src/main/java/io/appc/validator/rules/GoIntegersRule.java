package io.appc.validator.rules;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.rules.KnownMembers.Member;
import io.appc.validator.rules.KnownMembers.ObjectType;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Actool mode only: integer members written with a fraction or an exponent ({@code 80.0}, {@code
 * 1e3}). JSON Schema calls such a number an integer when its value is whole, so the schema accepts
 * it, but Go decoded these members into {@code int} and {@code uint} fields, whose decoder rejects
 * any number literal with a {@code .} or an exponent (validation-rules.md R-JSON-05). Spec mode
 * follows JSON, where {@code 1e3} is the number 1000. {@code hostPort} is checked with its range in
 * {@link ExposedPortsRule}, and the code-only integer isolators in the isolator checks.
 */
public final class GoIntegersRule implements ManifestRule {
  /** For each object type, its integer members and the row a finding cites. */
  private static final Map<ObjectType, Map<String, String>> INTEGERS =
      Map.of(
          ObjectType.APP, Map.of("supplementaryGIDs", "IM-037"),
          ObjectType.PORT, Map.of("port", "IM-067", "count", "IM-068"),
          ObjectType.DEPENDENCY, Map.of("size", "IM-084"),
          ObjectType.VOLUME, Map.of("uid", "POD-038", "gid", "POD-039"));

  @Override
  public void check(RuleContext context) {
    JsonNode root = context.root();
    if (context.actool() && root != null && root.isObject()) {
      walk(context, root, "", ObjectType.root(context.kind()));
    }
  }

  private static void walk(RuleContext ctx, JsonNode object, String pointer, ObjectType type) {
    Map<String, String> integers = INTEGERS.getOrDefault(type, Map.of());
    for (Map.Entry<String, JsonNode> property : object.properties()) {
      String name = property.getKey();
      JsonNode value = property.getValue();
      String child = JsonPointers.child(pointer, name);
      String id = integers.get(name);
      if (id != null) {
        if (value.isArray()) {
          for (int i = 0; i < value.size(); i++) {
            check(ctx, id, JsonPointers.child(child, i), name, value.get(i));
          }
        } else {
          check(ctx, id, child, name, value);
        }
        continue;
      }
      Member member = type.member(name);
      if (member == null || !member.structured()) {
        continue;
      }
      if (member.list()) {
        for (int i : Nodes.objectIndexes(value)) {
          walk(ctx, value.get(i), JsonPointers.child(child, i), member.type());
        }
      } else if (value.isObject()) {
        walk(ctx, value, child, member.type());
      }
    }
  }

  /** One finding per problem: a value the schema found out of range needs no second one. */
  private static boolean alreadyReported(RuleContext ctx, String pointer) {
    return ctx.findings().toList().stream().anyMatch(f -> pointer.equals(f.pointer()));
  }

  private static void check(
      RuleContext ctx, String id, String pointer, String name, JsonNode value) {
    if (value.isNumber()
        && !value.isIntegralNumber()
        && Nodes.wholeNumber(value) != null
        && !alreadyReported(ctx, pointer)) {
      ctx.findings()
          .error(
              id,
              pointer,
              name
                  + ": need an integer written without a fraction or exponent, got "
                  + value.decimalValue()
                  + "; actool's Go decoder rejects such a number",
              "write the number as plain digits");
    }
  }
}
