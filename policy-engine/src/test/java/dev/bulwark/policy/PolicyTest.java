/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static dev.bulwark.policy.Fixtures.ALICE;
import static dev.bulwark.policy.Fixtures.PHOTO;
import static dev.bulwark.policy.Fixtures.VIEW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Policy} as {@link PolicySet#policy(String)} and {@link Decision#determiningPolicies()}
 * give it: effect, annotations and the exact source text, by id.
 */
class PolicyTest {
  private static final String SECOND =
      "@id(\"no-eve\")\n@message(\"Eve may not\")\n"
          + "forbid(principal == User::\"eve\", action, resource);";
  private static final String TEXT =
      "permit(principal, action, resource);\n"
          + SECOND
          + "\n"
          + "@message(\"owners\") permit(principal == ?principal, action, resource);\n";

  @Test
  void policy_annotatedForbid_hasItsEffectAndAnnotationsInOrder() throws PolicyParseException {
    Policy p = PolicySet.parse(TEXT).policy("no-eve").orElseThrow();

    assertThat(p.effect()).isEqualTo(Policy.Effect.FORBID);
    assertThat(p.annotations())
        .containsExactly(Map.entry("id", "no-eve"), Map.entry("message", "Eve may not"));
  }

  @Test
  void policy_parsedFromText_textIsTheExactSlice() throws PolicyParseException {
    assertThat(PolicySet.parse(TEXT).policy("no-eve").orElseThrow().text()).contains(SECOND);
  }

  @Test
  void policy_withoutAnnotations_isPermitWithNoAnnotations() throws PolicyParseException {
    Policy p = PolicySet.parse(TEXT).policy("policy0").orElseThrow();

    assertThat(p.effect()).isEqualTo(Policy.Effect.PERMIT);
    assertThat(p.annotations()).isEmpty();
    assertThat(p.text()).contains("permit(principal, action, resource);");
  }

  @Test
  void policy_unknownId_isEmpty() throws PolicyParseException {
    assertThat(PolicySet.parse(TEXT).policy("nope")).isEmpty();
  }

  @Test
  void policy_templateId_isEmptyButTemplateFindsIt() throws PolicyParseException {
    PolicySet set = PolicySet.parse(TEXT);

    assertThat(set.policy("policy2")).isEmpty();
    Policy t = set.template("policy2").orElseThrow();
    assertThat(t.isTemplate()).isTrue();
    assertThat(t.annotations()).containsEntry("message", "owners");
  }

  @Test
  void policy_linked_hasItsTemplatesAnnotationsAndId() throws PolicyParseException {
    PolicySet set =
        PolicySet.parse(TEXT).link("policy2", "alice-owns", Map.of("?principal", ALICE));

    Policy p = set.policy("alice-owns").orElseThrow();

    assertThat(p.templateId()).contains("policy2");
    assertThat(p.isTemplate()).isFalse();
    assertThat(p.annotations()).containsEntry("message", "owners");
    assertThat(p.text())
        .contains("@message(\"owners\") permit(principal == ?principal, action, resource);");
  }

  @Test
  void policy_readFromJson_hasNoText() throws PolicyParseException {
    PolicySet set =
        PolicySet.parseJson(
            "{\"staticPolicies\":{\"p\":{\"effect\":\"forbid\","
                + "\"principal\":{\"op\":\"All\"},\"action\":{\"op\":\"All\"},"
                + "\"resource\":{\"op\":\"All\"},\"conditions\":[],\"annotations\":{\"message\":\"m\"}}}}");

    Policy p = set.policy("p").orElseThrow();

    assertThat(p.text()).isEmpty();
    assertThat(p.effect()).isEqualTo(Policy.Effect.FORBID);
    assertThat(p.annotations()).containsEntry("message", "m");
  }

  @Test
  void determiningPolicies_forbid_giveTheMessageOfTheForbid() throws PolicyParseException {
    PolicyEngine engine = PolicyEngine.builder().policies(PolicySet.parse(TEXT)).build();

    Decision d = engine.authorize(Request.of(EntityUid.of("User", "eve"), VIEW, PHOTO));

    assertThat(d.isAllowed()).isFalse();
    assertThat(d.determiningPolicies())
        .extracting(p -> p.annotations().get("message"))
        .containsExactly("Eve may not");
  }

  @Test
  void determiningPolicies_afterUpdatePolicies_comeFromTheSetThatDecided()
      throws PolicyParseException {
    // The new set reuses the id with another message: the decision must not borrow it.
    PolicyEngine engine =
        PolicyEngine.builder()
            .policies(
                PolicySet.parse(
                    "@id(\"p\") @message(\"old\") permit(principal, action, resource);"))
            .build();
    Decision d = engine.authorize(Request.of(ALICE, VIEW, PHOTO));

    engine.updatePolicies(
        PolicySet.parse("@id(\"p\") @message(\"new\") forbid(principal, action, resource);"));

    assertThat(d.determiningPolicies())
        .extracting(p -> p.annotations().get("message"))
        .containsExactly("old");
  }

  @Test
  void determiningPolicies_severalPermits_orderedById() throws PolicyParseException {
    PolicyEngine engine =
        PolicyEngine.builder()
            .policies(
                PolicySet.parse(
                    "@id(\"b\") permit(principal, action, resource);\n"
                        + "@id(\"a\") permit(principal, action, resource);"))
            .build();

    List<Policy> ps = engine.authorize(Request.of(ALICE, VIEW, PHOTO)).determiningPolicies();

    assertThat(ps).extracting(Policy::id).containsExactly("a", "b");
  }

  @Test
  void determiningPolicies_defaultDeny_isEmpty() {
    PolicyEngine engine = PolicyEngine.builder().policies(PolicySet.empty()).build();

    assertThat(engine.authorize(Request.of(ALICE, VIEW, PHOTO)).determiningPolicies()).isEmpty();
  }
}
