/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static dev.bulwark.policy.Fixtures.ALICE;
import static dev.bulwark.policy.Fixtures.PHOTO;
import static dev.bulwark.policy.Fixtures.VIEW;
import static dev.bulwark.policy.Fixtures.decide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The authorizer's decision rules and the engine's API contract. */
class PolicyEngineTest {

  @Test
  void authorize_noPolicies_deniesByDefault() {
    Decision d = decide("");
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.reasons()).isEmpty();
  }

  @Test
  void authorize_satisfiedPermit_allowsWithItsId() {
    Decision d = decide("permit(principal == User::\"alice\", action, resource);");
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.reasons()).containsExactly("policy0");
  }

  @Test
  void authorize_forbidAndPermit_forbidOverrides() {
    Decision d =
        decide(
            "permit(principal, action, resource);\n"
                + "forbid(principal in Group::\"staff\", action, resource);");
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.reasons()).containsExactly("policy1");
  }

  @Test
  void authorize_twoSatisfiedPermits_reasonsNameBoth() {
    Decision d =
        decide(
            "permit(principal, action, resource);\n"
                + "permit(principal in Group::\"staff\", action, resource);\n"
                + "permit(principal, action, resource) when { false };");
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.reasons()).containsExactlyInAnyOrder("policy0", "policy1");
  }

  @Test
  void authorize_threeSatisfiedForbids_reasonsNameEach() {
    Decision d =
        decide(
            "forbid(principal, action, resource);\n"
                + "permit(principal, action, resource);\n"
                + "forbid(principal == User::\"alice\", action, resource);\n"
                + "forbid(principal, action == Action::\"view\", resource);");
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.reasons()).containsExactlyInAnyOrder("policy0", "policy2", "policy3");
  }

  @Test
  void authorize_fourSatisfiedPermitsAndAnError_reportsAll() {
    Decision d =
        decide(
            "permit(principal, action, resource);\n"
                + "permit(principal in Group::\"staff\", action, resource);\n"
                + "permit(principal, action, resource) when { principal.nope };\n"
                + "permit(principal, action == Action::\"view\", resource);\n"
                + "permit(principal, action, resource == Photo::\"a.jpg\");");
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.reasons()).containsExactlyInAnyOrder("policy0", "policy1", "policy3", "policy4");
    assertThat(d.errors()).extracting(Decision.PolicyError::policyId).containsExactly("policy2");
  }

  @Test
  void authorize_soleReasonDecision_cannotBeAlteredByACaller() throws PolicyParseException {
    // Decisions with one reason and no error are shared between requests: a caller must not be
    // able to change what later callers are told.
    PolicyEngine engine =
        PolicyEngine.builder()
            .policies(PolicySet.parse("permit(principal == User::\"alice\", action, resource);"))
            .build();
    Decision first = engine.authorize(Request.of(ALICE, VIEW, PHOTO));
    assertThatThrownBy(() -> first.reasons().add("policy9"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> first.reasons().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> first.errors().add(new Decision.PolicyError("p", "m")))
        .isInstanceOf(UnsupportedOperationException.class);
    Decision second = engine.authorize(Request.of(ALICE, VIEW, PHOTO));
    assertThat(second.isAllowed()).isTrue();
    assertThat(second.reasons()).containsExactly("policy0");
    assertThat(second.errors()).isEmpty();
  }

  @Test
  void authorize_erroringPermit_isSkippedAndReported() {
    Decision d = decide("permit(principal, action, resource) when { principal.nope };");
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.errors()).extracting(Decision.PolicyError::policyId).containsExactly("policy0");
    assertThat(d.errors().get(0).message()).contains("nope");
  }

  @Test
  void authorize_erroringForbid_doesNotDeny() {
    Decision d =
        decide(
            "permit(principal, action, resource);\n"
                + "forbid(principal, action, resource) when { 1 + \"x\" == 2 };");
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.reasons()).containsExactly("policy0");
    assertThat(d.errors()).extracting(Decision.PolicyError::policyId).containsExactly("policy1");
  }

  @Test
  void authorize_unlessClause_negatesItsBody() {
    assertThat(
            decide("permit(principal, action, resource) unless { principal.age > 18 };")
                .isAllowed())
        .isFalse();
  }

  @Test
  void authorize_actionGroupScope_usesActionAncestors() {
    assertThat(decide("permit(principal, action in Action::\"read\", resource);").isAllowed())
        .isTrue();
  }

  @Test
  void authorize_actionSetScope_matchesAnyMember() {
    assertThat(
            decide(
                    "permit(principal, action in [Action::\"edit\", Action::\"read\"],"
                        + " resource);")
                .isAllowed())
        .isTrue();
  }

  private static String actionList(int n, String... extra) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? ", " : "").append("Action::\"a").append(i).append('"');
    }
    for (String x : extra) {
      sb.append(", Action::\"").append(x).append('"');
    }
    return sb.append(']').toString();
  }

  @Test
  void authorize_longActionList_matchesMemberOrAncestorOnly() {
    // Beyond eight entries the list is searched by hash rather than scanned.
    assertThat(
            decide("permit(principal, action in " + actionList(12, "view") + ", resource);")
                .isAllowed())
        .isTrue();
    assertThat(
            decide("permit(principal, action in " + actionList(12, "read") + ", resource);")
                .isAllowed())
        .isTrue();
    assertThat(decide("permit(principal, action in " + actionList(12) + ", resource);").isAllowed())
        .isFalse();
    assertThat(
            decide("permit(principal, action in " + actionList(3, "view") + ", resource);")
                .isAllowed())
        .isTrue();
    assertThat(decide("permit(principal, action in " + actionList(3) + ", resource);").isAllowed())
        .isFalse();
  }

  @Test
  void authorize_isInScope_checksTypeAndHierarchy() {
    Decision d =
        decide(
            "permit(principal is User in Group::\"everyone\", action, resource is"
                + " Photo in Album::\"trip\");\n"
                + "permit(principal is Group, action, resource);");
    assertThat(d.reasons()).containsExactly("policy0");
  }

  @Test
  void authorize_idAnnotation_namesThePolicy() {
    Decision d =
        decide(
            "@id(\"owner-can-view\") permit(principal, action, resource) when"
                + " { resource.owner == principal };");
    assertThat(d.reasons()).containsExactly("owner-can-view");
  }

  @Test
  void linkedTemplate_fillsSlotsAndApplies() throws PolicyParseException {
    PolicySet set =
        PolicySet.parse("permit(principal == ?principal, action, resource in" + " ?resource);")
            .link(
                "policy0",
                "link1",
                Map.of("?principal", ALICE, "?resource", EntityUid.of("Album", "trip")));
    PolicyEngine e =
        PolicyEngine.builder()
            .policies(set)
            .entities(InMemoryEntityStore.fromJson(Fixtures.ENTITIES))
            .build();
    Decision d = e.authorize(Request.of(ALICE, VIEW, PHOTO));
    assertThat(d.reasons()).containsExactly("link1");
  }

  @Test
  void unlinkedTemplate_neverApplies() {
    assertThat(decide("permit(principal == ?principal, action, resource);").isAllowed()).isFalse();
  }

  @Test
  void link_wrongSlots_isRejected() throws PolicyParseException {
    PolicySet set = PolicySet.parse("permit(principal == ?principal, action, resource);");
    assertThatThrownBy(() -> set.link("policy0", "l", Map.of("?resource", PHOTO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("?principal");
  }

  @Test
  void jsonPolicyFormat_decidesLikeText() throws PolicyParseException {
    String json =
        "{\"staticPolicies\":{\"p\":{\"effect\":\"permit\","
            + "\"principal\":{\"op\":\"in\",\"entity\":{\"type\":\"Group\",\"id\":\"staff\"}},"
            + "\"action\":{\"op\":\"All\"},\"resource\":{\"op\":\"All\"},"
            + "\"conditions\":[{\"kind\":\"when\",\"body\":{\">\":{\"left\":{\".\":{\"left\":"
            + "{\"Var\":\"principal\"},\"attr\":\"age\"}},\"right\":{\"Value\":18}}}}]}}}";
    PolicyEngine e =
        PolicyEngine.builder()
            .policies(PolicySet.parseJson(json))
            .entities(InMemoryEntityStore.fromJson(Fixtures.ENTITIES))
            .build();
    assertThat(e.authorize(Request.of(ALICE, VIEW, PHOTO)).reasons()).containsExactly("p");
  }

  @Test
  void authorizeAll_decidesEachRequestInOrder() throws PolicyParseException {
    PolicyEngine e =
        PolicyEngine.builder()
            .policies(PolicySet.parse("permit(principal == User::\"alice\", action, resource);"))
            .build();
    List<Decision> ds =
        e.authorizeAll(
            List.of(
                Request.of(ALICE, VIEW, PHOTO),
                Request.of(EntityUid.of("User", "eve"), VIEW, PHOTO)));
    assertThat(ds).extracting(Decision::isAllowed).containsExactly(true, false);
  }

  /**
   * A store whose own {@link #find} answers as a half-made change would (alice without her group),
   * while its snapshot is whole: a decision that allows read only the snapshot.
   */
  private static final class HalfChangedStore implements EntityStore {
    private final InMemoryEntityStore whole;

    HalfChangedStore(InMemoryEntityStore whole) {
      this.whole = whole;
    }

    @Override
    public Entity find(EntityUid uid) {
      return uid.equals(ALICE) ? whole.find(ALICE).withAncestors(java.util.Set.of()) : null;
    }

    @Override
    public EntityStore snapshot() {
      return whole;
    }
  }

  private static final String STAFF_ONLY =
      "permit(principal in Group::\"staff\", action, resource);";

  @Test
  void authorize_storeWithSnapshot_readsEveryEntityFromTheSnapshot() throws PolicyParseException {
    PolicyEngine e =
        PolicyEngine.builder()
            .policies(PolicySet.parse(STAFF_ONLY))
            .entities(new HalfChangedStore(InMemoryEntityStore.fromJson(Fixtures.ENTITIES)))
            .build();
    assertThat(e.authorize(Request.of(ALICE, VIEW, PHOTO)).isAllowed()).isTrue();
  }

  @Test
  void authorizeAll_storeWithSnapshot_readsEveryEntityFromTheSnapshot()
      throws PolicyParseException {
    PolicyEngine e =
        PolicyEngine.builder()
            .policies(PolicySet.parse(STAFF_ONLY))
            .entities(new HalfChangedStore(InMemoryEntityStore.fromJson(Fixtures.ENTITIES)))
            .build();
    assertThat(e.authorizeAll(List.of(Request.of(ALICE, VIEW, PHOTO))).get(0).isAllowed()).isTrue();
  }

  @Test
  void authorizeWithEntities_storeWithSnapshot_readsEveryEntityFromTheSnapshot()
      throws PolicyParseException {
    PolicyEngine e =
        PolicyEngine.builder()
            .policies(PolicySet.parse(STAFF_ONLY))
            .entities(new HalfChangedStore(InMemoryEntityStore.fromJson(Fixtures.ENTITIES)))
            .build();
    Entity extra = Entity.builder(EntityUid.of("User", "eve")).build();
    assertThat(e.authorize(Request.of(ALICE, VIEW, PHOTO), List.of(extra)).isAllowed()).isTrue();
  }

  @Test
  void authorize_storeWhoseSnapshotIsNull_failsInsteadOfDeciding() throws PolicyParseException {
    EntityStore broken =
        new EntityStore() {
          @Override
          public Entity find(EntityUid uid) {
            return null;
          }

          @Override
          public EntityStore snapshot() {
            return null;
          }
        };
    PolicyEngine e =
        PolicyEngine.builder().policies(PolicySet.parse(STAFF_ONLY)).entities(broken).build();
    assertThatThrownBy(() -> e.authorize(Request.of(ALICE, VIEW, PHOTO)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("snapshot()");
  }

  @Test
  void updatePolicies_newSetApplies() throws PolicyParseException {
    PolicyEngine e = PolicyEngine.builder().policies(PolicySet.empty()).build();
    e.updatePolicies(PolicySet.parse("permit(principal, action, resource);"));
    assertThat(e.authorize(Request.of(ALICE, VIEW, PHOTO)).isAllowed()).isTrue();
  }

  @Test
  void builder_policiesSetTwice_isIllegalState() {
    PolicyEngine.Builder b = PolicyEngine.builder().policies(PolicySet.empty());
    assertThatThrownBy(() -> b.policies(PolicySet.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("policies");
  }

  @Test
  void builder_withoutPolicies_isIllegalState() {
    assertThatThrownBy(() -> PolicyEngine.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("policies");
  }

  @Test
  void builder_validationWithoutSchema_isIllegalState() {
    assertThatThrownBy(
            () -> PolicyEngine.builder().policies(PolicySet.empty()).validateRequests(true).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builder_validateRequestsTrueWithoutSchema_messageNamesBothSettingsAndTheValue() {
    assertThatThrownBy(
            () -> PolicyEngine.builder().policies(PolicySet.empty()).validateRequests(true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("validateRequests=true")
        .hasMessageContaining("schema is not set");
  }

  @Test
  void builder_validatePoliciesTrueWithoutSchema_messageNamesBothSettingsAndTheValue() {
    assertThatThrownBy(
            () -> PolicyEngine.builder().policies(PolicySet.empty()).validatePolicies(true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("validatePolicies=true")
        .hasMessageContaining("schema is not set");
  }

  @Test
  void builder_settingMadeTwice_messageShowsBothValues() {
    PolicyEngine.Builder b = PolicyEngine.builder().validateRequests(true);
    assertThatThrownBy(() -> b.validateRequests(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("validateRequests was already set to true, cannot set it again to false");
  }

  @Test
  void builder_validatePoliciesUnset_isTheDocumentedDefault() throws PolicyParseException {
    // A policy naming an undeclared entity type builds without complaint only when unvalidated.
    Schema schema =
        Schema.parse(
            "entity User; action view appliesTo { principal: User, " + "resource: User };");
    PolicySet typo = PolicySet.parse("permit(principal == Usr::\"alice\", action, resource);");

    assertThat(PolicyEngine.Builder.DEFAULT_VALIDATE_POLICIES).isFalse();
    assertThat(PolicyEngine.builder().policies(typo).schema(schema).build()).isNotNull();
  }

  @Test
  void decision_toJson_isOneLine() {
    Decision d = decide("permit(principal, action, resource);");
    assertThat(d.toJson())
        .isEqualTo("{\"decision\":\"allow\",\"reasons\":[\"policy0\"]," + "\"errors\":[]}");
  }

  @Test
  void entities_duplicateUid_isRejected() {
    assertThatThrownBy(
            () ->
                InMemoryEntityStore.fromJson(
                    "[{\"uid\":{\"type\":\"A\",\"id\":"
                        + "\"x\"}},{\"uid\":{\"type\":\"A\",\"id\":\"x\"}}]"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("duplicate");
  }

  @Test
  void entities_withoutSchema_typeIdRecordStaysARecord() throws PolicyParseException {
    InMemoryEntityStore s =
        InMemoryEntityStore.fromJson(
            "[{\"uid\":{\"type\":\"A\",\"id\":"
                + "\"x\"},\"attrs\":{\"r\":{\"type\":\"B\",\"id\":\"y\"}}}]");
    PolicyEngine e =
        PolicyEngine.builder()
            .policies(
                PolicySet.parse(
                    "permit(principal, action, resource) when { principal.r.type == \"B\" };"))
            .entities(s)
            .build();
    assertThat(e.authorize(Request.of(EntityUid.of("A", "x"), VIEW, PHOTO)).isAllowed()).isTrue();
  }

  @Test
  void entities_withSchema_stringBecomesDeclaredExtensionValue() throws PolicyParseException {
    Schema schema =
        Schema.parse(
            "entity User { addr: ipaddr };\n"
                + "entity Photo;\naction view appliesTo { principal: User, resource: Photo };");
    InMemoryEntityStore s =
        InMemoryEntityStore.fromJson(
            "[{\"uid\":{\"type\":\"User\","
                + "\"id\":\"alice\"},\"attrs\":{\"addr\":\"192.168.0.1\"},\"parents\":[]}]",
            schema);
    PolicyEngine e =
        PolicyEngine.builder()
            .policies(
                PolicySet.parse(
                    "permit(principal, action, resource) when { principal.addr.isIpv4() };"))
            .entities(s)
            .schema(schema)
            .build();
    assertThat(e.authorize(Request.of(ALICE, VIEW, PHOTO)).isAllowed()).isTrue();
  }

  @Test
  void jsonPolicyFormat_templateLink_appliesWithNewId() throws PolicyParseException {
    String json =
        "{\"templates\":{\"t\":{\"effect\":\"permit\","
            + "\"principal\":{\"op\":\"==\",\"slot\":\"?principal\"},"
            + "\"action\":{\"op\":\"All\"},\"resource\":{\"op\":\"All\"},"
            + "\"conditions\":[{\"kind\":\"when\",\"body\":{\"has\":{\"left\":"
            + "{\"Var\":\"principal\"},\"attr\":[\"address\",\"city\"]}}}]}},"
            + "\"templateLinks\":[{\"templateId\":\"t\",\"newId\":\"alice-link\","
            + "\"values\":{\"?principal\":{\"type\":\"User\",\"id\":\"alice\"}}}]}";
    PolicyEngine e =
        PolicyEngine.builder()
            .policies(PolicySet.parseJson(json))
            .entities(InMemoryEntityStore.fromJson(Fixtures.ENTITIES))
            .build();
    assertThat(e.authorize(Request.of(ALICE, VIEW, PHOTO)).reasons()).containsExactly("alice-link");
  }

  @Test
  void jsonPolicyFormat_unknownExpressionKind_isRejected() {
    String json =
        "{\"effect\":\"permit\",\"principal\":{\"op\":\"All\"},"
            + "\"action\":{\"op\":\"All\"},\"resource\":{\"op\":\"All\"},"
            + "\"conditions\":[{\"kind\":\"when\",\"body\":{\"frob\":{}}}]}";
    assertThatThrownBy(() -> PolicySet.parseJson(json))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("frob")
        .hasMessageContaining("line 1, column " + (json.indexOf("{\"frob\"") + 1));
  }

  @Test
  void entities_badAttributeValue_isReportedAtItsLineAndColumn() {
    assertThatThrownBy(
            () ->
                InMemoryEntityStore.fromJson(
                    "[\n {\"uid\": {\"type\": \"A\","
                        + " \"id\": \"x\"},\n  \"attrs\": {\"ok\": 1, \"bad\": [1, null]}}]"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("line 3, column 29")
        .hasMessageContaining("attribute bad");
  }
}
