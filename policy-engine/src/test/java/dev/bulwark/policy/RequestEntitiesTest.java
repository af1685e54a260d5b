/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PolicyEngine#authorize(Request, java.util.Collection)}: request entities over a store. */
class RequestEntitiesTest {
  private static final EntityUid ALICE = EntityUid.of("User", "alice");
  private static final EntityUid BOB = EntityUid.of("User", "bob");
  private static final EntityUid VIEW = EntityUid.of("Action", "view");
  private static final EntityUid DOC = EntityUid.of("Doc", "d1");
  private static final EntityUid STAFF = EntityUid.of("Group", "staff");
  private static final EntityUid EVERYONE = EntityUid.of("Group", "everyone");
  private static final EntityUid TEAM = EntityUid.of("Group", "team");

  // The store: staff in everyone; bob in team, which the store knows only by uid.
  private static final String STORE =
      "["
          + "{\"uid\":{\"type\":\"Group\",\"id\":\"staff\"},\"parents\":[{\"type\":\"Group\","
          + "\"id\":\"everyone\"}]},"
          + "{\"uid\":{\"type\":\"Group\",\"id\":\"everyone\"}},"
          + "{\"uid\":{\"type\":\"User\",\"id\":\"bob\"},\"parents\":[{\"type\":\"Group\","
          + "\"id\":\"team\"}]},"
          + "{\"uid\":{\"type\":\"Doc\",\"id\":\"d1\"},\"attrs\":{\"owner\":{\"__entity\":"
          + "{\"type\":\"User\",\"id\":\"bob\"}}}}]";

  private static InMemoryEntityStore store() throws PolicyParseException {
    return InMemoryEntityStore.fromJson(STORE);
  }

  private static PolicyEngine engine(String policies, EntityStore store) throws Exception {
    return PolicyEngine.builder().policies(PolicySet.parse(policies)).entities(store).build();
  }

  @Test
  void requestEntity_parentInTheStore_inheritsTheStoreGroupsAncestors() throws Exception {
    PolicyEngine e = engine("permit(principal in Group::\"everyone\", action, resource);", store());
    Entity alice = Entity.builder(ALICE).parent(STAFF).build();
    assertThat(e.authorize(Request.of(ALICE, VIEW, DOC), List.of(alice)).isAllowed()).isTrue();
  }

  @Test
  void storeEntity_parentIsARequestEntity_inheritsItsAncestors() throws Exception {
    // bob is in team (known to the store by uid only); the request says team is in staff.
    PolicyEngine e =
        engine(
            "permit(principal, action, resource) when"
                + " { resource.owner in Group::\"everyone\" };",
            store());
    Entity team = Entity.builder(TEAM).parent(STAFF).build();
    Entity alice = Entity.builder(ALICE).build();
    assertThat(e.authorize(Request.of(ALICE, VIEW, DOC), List.of(alice, team)).isAllowed())
        .isTrue();
  }

  @Test
  void authorize_withRequestEntities_leavesTheStoreUnchanged() throws Exception {
    InMemoryEntityStore s = store();
    PolicyEngine e = engine("permit(principal in Group::\"everyone\", action, resource);", s);
    e.authorize(
        Request.of(ALICE, VIEW, DOC),
        List.of(
            Entity.builder(ALICE).parent(STAFF).build(),
            Entity.builder(TEAM).parent(STAFF).build()));
    assertThat(s.find(ALICE)).isNull();
    assertThat(s.find(TEAM)).isNull();
    assertThat(s.find(BOB).ancestors()).containsExactly(TEAM);
    assertThat(e.authorize(Request.of(ALICE, VIEW, DOC)).isAllowed()).isFalse();
  }

  @Test
  void requestEntity_attributes_areSeenByPolicies() throws Exception {
    PolicyEngine e =
        engine("permit(principal, action, resource) when { principal.level > 2 };", store());
    Entity alice = Entity.builder(ALICE).attribute("level", 3L).build();
    assertThat(e.authorize(Request.of(ALICE, VIEW, DOC), List.of(alice)).isAllowed()).isTrue();
  }

  @Test
  void requestEntity_alsoInTheStore_isAnInvalidRequest() throws Exception {
    PolicyEngine e = engine("permit(principal, action, resource);", store());
    assertThatThrownBy(
            () ->
                e.authorize(
                    Request.of(BOB, VIEW, DOC),
                    List.of(Entity.builder(BOB).parent(EVERYONE).build())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("also in the entity");
  }

  @Test
  void requestEntities_sameUidTwice_isAnInvalidRequest() throws Exception {
    PolicyEngine e = engine("permit(principal, action, resource);", store());
    assertThatThrownBy(
            () ->
                e.authorize(
                    Request.of(ALICE, VIEW, DOC),
                    List.of(
                        Entity.builder(ALICE).build(),
                        Entity.builder(ALICE).parent(STAFF).build())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void requestEntities_cycleThroughTheStore_isAnInvalidRequest() throws Exception {
    // team -> bob is impossible (bob is stored), so: team in x, x in team, both request entities.
    PolicyEngine e = engine("permit(principal, action, resource);", store());
    EntityUid x = EntityUid.of("Group", "x");
    assertThatThrownBy(
            () ->
                e.authorize(
                    Request.of(ALICE, VIEW, DOC),
                    List.of(
                        Entity.builder(TEAM).parent(x).build(),
                        Entity.builder(x).parent(TEAM).build())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cycle");
  }

  @Test
  void requestEntity_notConformingToTheSchema_isAnInvalidRequest() throws Exception {
    Schema schema = ValuesSchema.schema();
    PolicyEngine e =
        PolicyEngine.builder()
            .policies(PolicySet.parse("permit(principal, action, resource);"))
            .schema(schema)
            .build();
    Context c =
        Context.builder(schema, ValuesSchema.VIEW).put("ip", "10.0.0.1").put("mfa", true).build();
    assertThatThrownBy(
            () ->
                e.authorize(
                    Request.of(ALICE, ValuesSchema.VIEW, DOC, c),
                    List.of(Entity.builder(ALICE).attribute("level", "high").build())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("level");
  }
}
