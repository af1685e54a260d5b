/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static dev.bulwark.policy.Fixtures.ALICE;
import static dev.bulwark.policy.Fixtures.ENTITIES;
import static dev.bulwark.policy.Fixtures.PHOTO;
import static dev.bulwark.policy.Fixtures.VIEW;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Decision#missingEntities()}: telling "denied" from "the entity does not exist". */
class MissingEntitiesTest {
  private static final EntityUid GHOST = EntityUid.of("User", "ghost");

  private static Decision decide(String policies, EntityUid principal, EntityUid resource)
      throws Exception {
    return PolicyEngine.builder()
        .policies(PolicySet.parse(policies))
        .entities(InMemoryEntityStore.fromJson(ENTITIES))
        .build()
        .authorize(Request.of(principal, VIEW, resource));
  }

  @Test
  void missingPrincipal_deniedWithoutError_isNamed() throws Exception {
    Decision d = decide("permit(principal in Group::\"staff\", action, resource);", GHOST, PHOTO);
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.errors()).isEmpty();
    assertThat(d.missingEntities()).containsExactly(GHOST);
  }

  @Test
  void missingResource_isNamedEvenWhenAllowed() throws Exception {
    EntityUid gone = EntityUid.of("Photo", "gone.jpg");
    Decision d = decide("permit(principal, action, resource);", ALICE, gone);
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.missingEntities()).containsExactly(gone);
  }

  @Test
  void missingEntityReadByAPolicy_isNamedBesideTheError() throws Exception {
    // alice's manager bob is not an entity: reading his attribute is an error of that policy.
    Decision d =
        decide(
            "permit(principal, action, resource) when" + " { principal.manager.name == \"Bob\" };",
            ALICE,
            PHOTO);
    assertThat(d.errors()).hasSize(1);
    assertThat(d.missingEntities()).containsExactly(EntityUid.of("User", "bob"));
  }

  @Test
  void existingEntities_plainDeny_namesNone() throws Exception {
    Decision d = decide("permit(principal in Group::\"nobody\", action, resource);", ALICE, PHOTO);
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.missingEntities()).isEmpty();
  }

  @Test
  void missingAction_isNotNamed() throws Exception {
    // Without a schema actions are often not entities at all; none is needed to decide.
    Decision d =
        PolicyEngine.builder()
            .policies(PolicySet.parse("permit(principal, action, resource);"))
            .entities(InMemoryEntityStore.fromJson(ENTITIES))
            .build()
            .authorize(Request.of(ALICE, EntityUid.of("Action", "edit"), PHOTO));
    assertThat(d.missingEntities()).isEmpty();
  }

  @Test
  void toJson_missingEntities_areListedAfterTheErrors() throws Exception {
    Decision d = decide("permit(principal, action, resource);", GHOST, PHOTO);
    assertThat(d.toJson())
        .isEqualTo(
            "{\"decision\":\"allow\",\"reasons\":[\"policy0\"],"
                + "\"errors\":[],\"missingEntities\":[\"User::\\\"ghost\\\"\"]}");
  }
}
