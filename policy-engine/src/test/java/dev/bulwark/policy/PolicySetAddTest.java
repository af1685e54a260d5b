/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PolicySet#add} and {@link Policy#linkValues()}: a set rebuilt from its parts. */
class PolicySetAddTest {
  private static final EntityUid ALICE = EntityUid.of("User", "alice");
  private static final EntityUid PHOTO = EntityUid.of("Photo", "p");

  @Test
  void add_textWithoutIdAnnotation_takesTheGivenId() throws PolicyParseException {
    PolicySet s = PolicySet.empty().add("mine", "permit(principal, action, resource);");

    assertThat(s.policyIds()).containsExactly("mine");
    assertThat(s.policy("mine").orElseThrow().text())
        .contains("permit(principal, action, resource);");
  }

  @Test
  void add_textWithIdAnnotation_keepsTheAnnotationAndTakesTheGivenId() throws PolicyParseException {
    PolicySet s =
        PolicySet.empty()
            .add("p7", "@id(\"other\") @m(\"x\") forbid(principal, action, resource);");

    assertThat(s.policy("p7").orElseThrow().annotations())
        .containsExactly(Map.entry("id", "other"), Map.entry("m", "x"));
  }

  @Test
  void add_template_isATemplate() throws PolicyParseException {
    PolicySet s = PolicySet.empty().add("t", "permit(principal == ?principal, action, resource);");

    assertThat(s.templateIds()).containsExactly("t");
    assertThat(s.policyIds()).isEmpty();
  }

  @Test
  void add_twoPolicies_isRefused() {
    assertThatThrownBy(
            () ->
                PolicySet.empty()
                    .add(
                        "x",
                        "permit(principal, action, resource); forbid(principal, action, resource);"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("exactly one policy");
  }

  @Test
  void add_idInUse_isRefused() throws PolicyParseException {
    PolicySet s = PolicySet.empty().add("x", "permit(principal, action, resource);");

    assertThatThrownBy(() -> s.add("x", "permit(principal, action, resource);"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"x\"");
  }

  @Test
  void linkValues_linkedPolicy_returnsTheSlotValues() throws PolicyParseException {
    PolicySet s =
        PolicySet.parse(
                "@id(\"t\") permit(principal == ?principal, action, resource in ?resource);")
            .link("t", "l", Map.of("?principal", ALICE, "?resource", PHOTO));

    assertThat(s.policy("l").orElseThrow().linkValues())
        .containsExactlyInAnyOrderEntriesOf(Map.of("?principal", ALICE, "?resource", PHOTO));
  }

  @Test
  void linkValues_staticPolicy_isEmpty() throws PolicyParseException {
    PolicySet s = PolicySet.parse("permit(principal, action, resource);");

    assertThat(s.policy("policy0").orElseThrow().linkValues()).isEmpty();
  }
}
