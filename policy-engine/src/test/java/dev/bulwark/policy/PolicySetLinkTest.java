/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static dev.bulwark.policy.Fixtures.ALICE;
import static dev.bulwark.policy.Fixtures.PHOTO;
import static dev.bulwark.policy.Fixtures.VIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Linking templates fails closed: no link can leave a slot unfilled. */
class PolicySetLinkTest {

  private static final String FORBID_TEMPLATE =
      "@id(\"t1\") forbid(principal == ?principal, action, resource in ?resource);\n"
          + "@id(\"static\") permit(principal, action, resource);";

  private static PolicySet set() throws PolicyParseException {
    return PolicySet.parse(FORBID_TEMPLATE);
  }

  @Test
  void link_nullSlotValue_isRejectedNamingTheSlot() throws PolicyParseException {
    // A null value used to link into a forbid that matched nothing, so it silently allowed.
    Map<String, EntityUid> values = new HashMap<>();
    values.put("?principal", ALICE);
    values.put("?resource", null);
    assertThatThrownBy(() -> set().link("t1", "l1", values))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("slot ?resource of template t1 has no value");
  }

  @Test
  void link_missingSlot_isRejectedNamingTheSlot() {
    assertThatThrownBy(() -> set().link("t1", "l1", Map.of("?principal", ALICE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("slot ?resource of template t1 has no value");
  }

  @Test
  void link_keyThatIsNotASlotOfTheTemplate_isRejected() throws PolicyParseException {
    // Cedar refuses values for slots the template does not have.
    PolicySet s = PolicySet.parse("@id(\"t2\") forbid(principal == ?principal, action, resource);");
    assertThatThrownBy(() -> s.link("t2", "l1", Map.of("?principal", ALICE, "?resource", PHOTO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("template t2 has no slot ?resource");
  }

  @Test
  void link_unknownSlotName_isRejected() {
    assertThatThrownBy(
            () ->
                set()
                    .link(
                        "t1",
                        "l1",
                        Map.of("?principal", ALICE, "?resource", PHOTO, "?context", PHOTO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no slot ?context");
  }

  @Test
  void link_staticPolicyAsTemplate_isRejected() {
    assertThatThrownBy(() -> set().link("static", "l1", Map.of("?principal", ALICE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"static\"")
        .hasMessageContaining("not a template");
  }

  @Test
  void link_unknownTemplate_isRejected() {
    assertThatThrownBy(() -> set().link("nope", "l1", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"nope\"");
  }

  @Test
  void link_newIdOfAPolicyOrTemplateOrEarlierLink_isRejected() throws PolicyParseException {
    Map<String, EntityUid> v = Map.of("?principal", ALICE, "?resource", PHOTO);
    PolicySet linked = set().link("t1", "l1", v);
    for (String taken : new String[] {"static", "t1", "l1"}) {
      assertThatThrownBy(() -> linked.link("t1", taken, v))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("newId must be unused")
          .hasMessageContaining(taken);
    }
  }

  @Test
  void link_emptyNewId_isRejected() {
    assertThatThrownBy(() -> set().link("t1", "", Map.of("?principal", ALICE, "?resource", PHOTO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("newId");
  }

  @Test
  void link_nullArguments_areRejected() {
    Map<String, EntityUid> v = Map.of("?principal", ALICE, "?resource", PHOTO);
    assertThatThrownBy(() -> set().link(null, "l1", v))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("templateId");
    assertThatThrownBy(() -> set().link("t1", null, v))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("newId");
    assertThatThrownBy(() -> set().link("t1", "l1", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("values");
  }

  @Test
  void link_fullyFilledForbid_denies() throws PolicyParseException {
    PolicySet s = set().link("t1", "l1", Map.of("?principal", ALICE, "?resource", PHOTO));
    Decision d =
        PolicyEngine.builder().policies(s).build().authorize(Request.of(ALICE, VIEW, PHOTO));
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.reasons()).containsExactly("l1");
  }

  @Test
  void parseJson_linkWithUnknownSlot_isRejectedNamingTheLink() {
    String json =
        "{\"templates\":{\"t\":{\"effect\":\"forbid\","
            + "\"principal\":{\"op\":\"==\",\"slot\":\"?principal\"},"
            + "\"action\":{\"op\":\"All\"},\"resource\":{\"op\":\"All\"},\"conditions\":[]}},"
            + "\"templateLinks\":[{\"templateId\":\"t\",\"newId\":\"l\",\"values\":{"
            + "\"?principal\":{\"type\":\"User\",\"id\":\"alice\"},"
            + "\"?resource\":{\"type\":\"Photo\",\"id\":\"p\"}}}]}";
    assertThatThrownBy(() -> PolicySet.parseJson(json))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("template link l")
        .hasMessageContaining("no slot ?resource");
  }

  @Test
  void parseJson_linkWithNullSlotValue_isRejected() {
    String json =
        "{\"templates\":{\"t\":{\"effect\":\"forbid\","
            + "\"principal\":{\"op\":\"==\",\"slot\":\"?principal\"},"
            + "\"action\":{\"op\":\"All\"},\"resource\":{\"op\":\"All\"},\"conditions\":[]}},"
            + "\"templateLinks\":[{\"templateId\":\"t\",\"newId\":\"l\",\"values\":{"
            + "\"?principal\":null}}]}";
    assertThatThrownBy(() -> PolicySet.parseJson(json)).isInstanceOf(PolicyParseException.class);
  }
}
