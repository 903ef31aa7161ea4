package io.appc.validator.rules;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.rules.KnownMembers.Member;
import io.appc.validator.rules.KnownMembers.ObjectType;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Actool mode only: integer members that Go's decoder could not read into their {@code int} or
 * {@code uint} field. It rejects any number literal with a {@code .} or an exponent ({@code 80.0},
 * {@code 1e3}; validation-rules.md R-JSON-05), which JSON Schema calls an integer when its value is
 * whole, and any integer outside the 64-bit range of the field. Spec mode follows JSON, where
 * {@code 1e3} is the number 1000 and integers have no bound. {@code hostPort} is checked with its
 * range in {@link ExposedPortsRule}, and the code-only integer isolators in the isolator checks.
 */
public final class GoIntegersRule implements ManifestRule {
  /** For each object type, its integer members and the row a finding cites. */
  private static final Map<ObjectType, Map<String, String>> INTEGERS =
      Map.of(
          ObjectType.APP, Map.of("supplementaryGIDs", "IM-037"),
          ObjectType.PORT, Map.of("port", "IM-067", "count", "IM-068"),
          ObjectType.DEPENDENCY, Map.of("size", "IM-084"),
          ObjectType.VOLUME, Map.of("uid", "POD-038", "gid", "POD-039"));

  /** The members Go declared {@code int} (64 bits, signed); the others are {@code uint}. */
  private static final Set<String> SIGNED = Set.of("supplementaryGIDs", "uid", "gid");

  private static final BigInteger MIN_INT = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_INT = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger MAX_UINT = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

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
    if (!value.isNumber() || alreadyReported(ctx, pointer)) {
      return;
    }
    if (!value.isIntegralNumber()) {
      if (Nodes.wholeNumber(value) != null) {
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
      return;
    }
    BigInteger number = value.bigIntegerValue();
    boolean signed = SIGNED.contains(name);
    BigInteger min = signed ? MIN_INT : BigInteger.ZERO;
    BigInteger max = signed ? MAX_INT : MAX_UINT;
    // A negative uint is the schema's (or a rule's) to report, with the range the spec gives.
    if (number.compareTo(max) > 0 || (signed && number.compareTo(min) < 0)) {
      ctx.findings()
          .error(
              id,
              pointer,
              name
                  + ": need an integer from "
                  + min
                  + " to "
                  + max
                  + ", got "
                  + shown(number)
                  + "; actool's Go decoder reads it into a 64-bit "
                  + (signed ? "int" : "uint")
                  + " and rejects a number out of that range",
              "write a smaller number");
    }
  }

  /** A number as written, unless it is too long to read in a message. */
  private static String shown(BigInteger number) {
    String digits = number.toString();
    return digits.length() <= 40 ? digits : "a number of " + digits.length() + " characters";
  }
}
