/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An engine that validates its policies refuses invalid ones at build and at update. */
class PolicyEngineValidationTest {
  private static final String SCHEMA =
      "entity User; entity Document { owner: User };\n"
          + "action view appliesTo { principal: User, resource: Document };";
  private static final String VALID =
      "permit(principal, action == Action::\"view\", resource)"
          + " when { resource.owner == principal };";
  private static final String TYPO =
      "permit(principal, action == Action::\"view\", resource)"
          + " when { resource.ownr == principal };";

  private static PolicyEngine.Builder builder(String policies) throws PolicyParseException {
    return PolicyEngine.builder()
        .schema(Schema.parse(SCHEMA))
        .policies(PolicySet.parse(policies))
        .validatePolicies(true);
  }

  @Test
  void build_invalidPolicies_refusedWithTheErrors() throws PolicyParseException {
    assertThatThrownBy(() -> builder(TYPO).build())
        .isInstanceOf(PolicyValidationException.class)
        .hasMessageContaining("policy0:1:")
        .hasMessageContaining("resource.ownr")
        .satisfies(
            e ->
                assertThat(((PolicyValidationException) e).result().errors())
                    .extracting(ValidationIssue::kind)
                    .containsExactly(ValidationIssue.Kind.UNSAFE_ATTRIBUTE_ACCESS));
  }

  @Test
  void build_validPolicies_builds() throws PolicyParseException {
    assertThat(builder(VALID).build().policies().size()).isEqualTo(1);
  }

  @Test
  void updatePolicies_invalid_refusedAndOldPoliciesKept() throws PolicyParseException {
    PolicyEngine engine = builder(VALID).build();
    PolicySet before = engine.policies();
    assertThatThrownBy(() -> engine.updatePolicies(PolicySet.parse(TYPO)))
        .isInstanceOf(PolicyValidationException.class);
    assertThat(engine.policies()).isSameAs(before);
  }

  @Test
  void updatePolicies_validationOff_acceptsAnything() throws PolicyParseException {
    PolicyEngine engine =
        PolicyEngine.builder()
            .schema(Schema.parse(SCHEMA))
            .policies(PolicySet.parse(VALID))
            .build();
    engine.updatePolicies(PolicySet.parse(TYPO));
    assertThat(engine.policies().size()).isEqualTo(1);
  }

  @Test
  void validatePolicies_withoutSchema_illegalState() throws PolicyParseException {
    assertThatThrownBy(
            () ->
                PolicyEngine.builder()
                    .policies(PolicySet.parse(VALID))
                    .validatePolicies(true)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("validatePolicies");
  }

  @Test
  void validatePolicies_setTwice_illegalState() {
    assertThatThrownBy(() -> PolicyEngine.builder().validatePolicies(true).validatePolicies(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("validatePolicies");
  }
}
