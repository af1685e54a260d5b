/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.ValidationIssue.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy validator's findings: kinds, positions, messages and hints. */
class SchemaValidateTest {
  private static final String SCHEMA =
      String.join(
          "\n",
          "entity User in [Group] { name: String, manager?: User, level: Long };",
          "entity Group;",
          "entity Document { owner: User, public: Bool, tags?: Set<String> } tags String;",
          "action view, edit appliesTo { principal: User, resource: Document,",
          "  context: { ip: ipaddr, authenticated: Bool, note?: String } };",
          "action admin appliesTo { principal: Group, resource: Document };");

  private static ValidationResult validate(String policies) throws PolicyParseException {
    return Schema.parse(SCHEMA).validate(PolicySet.parse(policies));
  }

  private static ValidationIssue only(String policies) throws PolicyParseException {
    ValidationResult r = validate(policies);
    assertThat(r.errors()).as(r.toString()).hasSize(1);
    return r.errors().get(0);
  }

  private static ValidationIssue first(ValidationResult r, Kind kind) {
    return r.errors().stream()
        .filter(e -> e.kind() == kind)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + r));
  }

  @Test
  void validPolicy_noErrorsNoWarnings() throws PolicyParseException {
    ValidationResult r =
        validate(
            "permit(principal, action == Action::\"view\", resource)\n"
                + "when { resource.owner == principal || (principal has manager && "
                + "principal.manager == resource.owner) };");
    assertThat(r.isValid()).as(r.toString()).isTrue();
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void misspelledEntityType_unrecognized_hintsTheNearName() throws PolicyParseException {
    // Cedar also reports that no action applies to the unknown type; only the first is asserted.
    ValidationIssue i =
        first(
            validate("permit(principal, action, resource == Documnet::\"d\");"),
            Kind.UNRECOGNIZED_ENTITY_TYPE);
    assertThat(i.kind()).isEqualTo(Kind.UNRECOGNIZED_ENTITY_TYPE);
    assertThat(i.hint().orElse("")).contains("did you mean `Document`?");
    assertThat(i.line()).isEqualTo(1);
    assertThat(i.column()).isEqualTo(39);
    assertThat(i.snippet()).isEqualTo("Documnet");
  }

  @Test
  void misspelledAction_unrecognized_hintsTheNearAction() throws PolicyParseException {
    ValidationResult r = validate("permit(principal, action == Action::\"veiw\", resource);");
    assertThat(r.errors()).extracting(ValidationIssue::kind).contains(Kind.UNRECOGNIZED_ACTION_ID);
    ValidationIssue i = first(r, Kind.UNRECOGNIZED_ACTION_ID);
    assertThat(i.hint().orElse("")).contains("did you mean `Action::\"view\"`?");
    assertThat(i.snippet()).isEqualTo("\"veiw\"");
  }

  @Test
  void misspelledAttribute_unsafeAccess_withPositionAndHint() throws PolicyParseException {
    ValidationIssue i =
        only(
            "permit(principal, action == Action::\"view\", resource)\n"
                + "when { resource.ownr == principal };");
    assertThat(i.kind()).isEqualTo(Kind.UNSAFE_ATTRIBUTE_ACCESS);
    assertThat(i.line()).isEqualTo(2);
    assertThat(i.column()).isEqualTo(8);
    assertThat(i.snippet()).isEqualTo("resource.ownr");
    assertThat(i.hint().orElse("")).contains("did you mean `owner`?");
    assertThat(i.policyId()).isEqualTo("policy0");
  }

  @Test
  void comparisonOnIpaddr_unexpectedType() throws PolicyParseException {
    ValidationIssue i =
        only(
            "permit(principal, action == Action::\"view\", resource)\n"
                + "when { context.ip > 3 };");
    assertThat(i.kind()).isEqualTo(Kind.UNEXPECTED_TYPE);
    assertThat(i.snippet()).isEqualTo("context.ip");
    assertThat(i.message()).contains("Long").contains("ipaddr");
  }

  @Test
  void invalidIpLiteral_functionArgumentValidation() throws PolicyParseException {
    ValidationIssue i =
        only(
            "permit(principal, action == Action::\"view\", resource)\n"
                + "when { context.ip.isInRange(ip(\"10.0.0.0/33\")) };");
    assertThat(i.kind()).isEqualTo(Kind.FUNCTION_ARGUMENT_VALIDATION);
    assertThat(i.snippet()).isEqualTo("ip(\"10.0.0.0/33\")");
  }

  @Test
  void optionalAttributeWithoutHas_unsafeOptional_hintsTheGuard() throws PolicyParseException {
    ValidationIssue i =
        only(
            "permit(principal, action == Action::\"view\", resource)\n"
                + "when { principal.manager == resource.owner };");
    assertThat(i.kind()).isEqualTo(Kind.UNSAFE_OPTIONAL_ATTRIBUTE_ACCESS);
    assertThat(i.hint().orElse("")).contains("principal has manager &&");
  }

  @Test
  void optionalAttributeBehindHas_valid() throws PolicyParseException {
    assertThat(
            validate(
                    "permit(principal, action == Action::\"view\", resource)\n"
                        + "when { context has note && context.note == \"x\" };")
                .isValid())
        .isTrue();
  }

  @Test
  void actionOnWrongPrincipalType_invalidActionApplication() throws PolicyParseException {
    ValidationResult r =
        validate("permit(principal == Group::\"g\", action == Action::\"view\", resource);");
    assertThat(r.errors())
        .extracting(ValidationIssue::kind)
        .contains(Kind.INVALID_ACTION_APPLICATION);
  }

  @Test
  void impossiblePolicy_warningOnly() throws PolicyParseException {
    ValidationResult r =
        validate(
            "permit(principal, action == Action::\"view\", resource)\n"
                + "when { principal is Group };");
    assertThat(r.isValid()).isTrue();
    assertThat(r.warnings())
        .extracting(ValidationIssue::kind)
        .containsExactly(Kind.IMPOSSIBLE_POLICY);
  }

  @Test
  void heterogeneousSet_incompatibleTypes() throws PolicyParseException {
    ValidationIssue i =
        only(
            "permit(principal, action == Action::\"view\", resource)\n"
                + "when { [1, \"a\"].contains(1) };");
    assertThat(i.kind()).isEqualTo(Kind.INCOMPATIBLE_TYPES);
    assertThat(i.snippet()).isEqualTo("[1, \"a\"]");
  }

  @Test
  void getTagWithoutHasTag_unsafeTagAccess() throws PolicyParseException {
    ValidationIssue i =
        only(
            "permit(principal, action == Action::\"view\", resource)\n"
                + "when { resource.getTag(\"k\") == \"v\" };");
    assertThat(i.kind()).isEqualTo(Kind.UNSAFE_TAG_ACCESS);
    assertThat(
            validate(
                    "permit(principal, action == Action::\"view\", resource)\n"
                        + "when { resource.hasTag(\"k\") && resource.getTag(\"k\") == \"v\" };")
                .isValid())
        .isTrue();
  }

  @Test
  void templateSlot_checkedForEveryType() throws PolicyParseException {
    ValidationResult r =
        validate(
            "permit(principal in ?principal, action == Action::\"view\","
                + " resource) when { principal.level > 2 };");
    assertThat(r.isValid()).as(r.toString()).isTrue();
  }

  @Test
  void templateLink_unknownSlotType_unrecognized() throws PolicyParseException {
    PolicySet ps =
        PolicySet.parse(
                "@id(\"t\") permit(principal == ?principal, "
                    + "action == Action::\"view\", resource);")
            .link("t", "link1", Map.of("?principal", EntityUid.of("Usr", "a")));
    ValidationResult r = Schema.parse(SCHEMA).validate(ps);
    assertThat(r.errors())
        .extracting(ValidationIssue::policyId, ValidationIssue::kind)
        .contains(org.assertj.core.groups.Tuple.tuple("link1", Kind.UNRECOGNIZED_ENTITY_TYPE));
  }

  @Test
  void level_derefBeyondLevel_entityDereferenceTooDeep() throws PolicyParseException {
    String p =
        "permit(principal, action == Action::\"view\", resource)\n"
            + "when { resource.owner.level > 2 };";
    Schema s = Schema.parse(SCHEMA);
    assertThat(s.validate(PolicySet.parse(p), 2).isValid()).isTrue();
    ValidationResult r = s.validate(PolicySet.parse(p), 1);
    assertThat(r.errors())
        .extracting(ValidationIssue::kind)
        .containsExactly(Kind.ENTITY_DEREFERENCE_TOO_DEEP);
    assertThat(r.errors().get(0).snippet()).isEqualTo("resource.owner.level");
  }

  @Test
  void level_entityLiteralDereferenced_literalTarget() throws PolicyParseException {
    ValidationResult r =
        Schema.parse(SCHEMA)
            .validate(
                PolicySet.parse(
                    "permit(principal, action == Action::\"view\", resource)\n"
                        + "when { User::\"a\".level > 2 };"),
                5);
    assertThat(r.errors())
        .extracting(ValidationIssue::kind)
        .containsExactly(Kind.LITERAL_DEREFERENCE_TARGET);
  }

  @Test
  void negativeLevel_throwsNamingTheValue() throws PolicyParseException {
    Schema s = Schema.parse(SCHEMA);
    assertThatThrownBy(() -> s.validate(PolicySet.empty(), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void toString_readsLikeACompiler() throws PolicyParseException {
    ValidationIssue i =
        only(
            "permit(principal, action == Action::\"view\", resource)\n"
                + "when { resource.ownr == principal };");
    assertThat(i.toString()).startsWith("policy0:2:8: error: attribute `ownr` not found");
  }

  /** Runs the call on a new thread with the given stack; returns its result or what it threw. */
  private static Object onStack(long stack, java.util.concurrent.Callable<Object> call)
      throws InterruptedException {
    Object[] box = new Object[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                box[0] = call.call();
              } catch (Throwable e) {
                box[0] = e;
              }
            },
            "small-stack",
            stack);
    t.start();
    t.join();
    return box[0];
  }

  @Test
  void deepPolicy_smallStack_reportedNotValidatedNeverThrown() throws Exception {
    // As high a tree as the parser allows: validation recurses along it.
    StringBuilder sb =
        new StringBuilder(
            "permit(principal, action == Action::\"view\", " + "resource) when { principal.level");
    for (int i = 0; i < 900; i++) {
      sb.append(" + 1");
    }
    sb.append(" > 0 };");
    PolicySet deep = PolicySet.parse(sb.toString());
    Schema schema = Schema.parse(SCHEMA);
    Object small = onStack(128 * 1024, () -> schema.validate(deep));
    assertThat(small).isInstanceOf(ValidationResult.class);
    assertThat(((ValidationResult) small).errors())
        .extracting(ValidationIssue::kind)
        .containsExactly(Kind.TOO_DEEP_TO_VALIDATE);
    Object large = onStack(64L * 1024 * 1024, () -> schema.validate(deep));
    assertThat(((ValidationResult) large).isValid()).isTrue();
  }

  @Test
  void jsonPolicyValueSet_heterogeneous_incompatibleTypesWithoutPosition()
      throws PolicyParseException {
    PolicySet ps =
        PolicySet.parseJson(
            "{\"effect\":\"permit\",\"principal\":{\"op\":\"All\"},"
                + "\"action\":{\"op\":\"==\",\"entity\":{\"type\":\"Action\",\"id\":\"view\"}},"
                + "\"resource\":{\"op\":\"All\"},\"conditions\":[{\"kind\":\"when\",\"body\":"
                + "{\"contains\":{\"left\":{\"Value\":[1,\"a\"]},\"right\":{\"Value\":1}}}}]}");
    ValidationResult r = Schema.parse(SCHEMA).validate(ps);
    assertThat(r.errors())
        .extracting(ValidationIssue::kind)
        .containsExactly(Kind.INCOMPATIBLE_TYPES);
    assertThat(r.errors().get(0).line()).isZero();
  }
}
