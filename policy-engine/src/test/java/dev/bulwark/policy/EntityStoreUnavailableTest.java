/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static dev.bulwark.policy.Fixtures.ALICE;
import static dev.bulwark.policy.Fixtures.ENTITIES;
import static dev.bulwark.policy.Fixtures.PHOTO;
import static dev.bulwark.policy.Fixtures.VIEW;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An entity store that cannot answer leaves the request undecided: the engine lets the store's
 * exception through, and never turns it into a policy error, which would skip a forbid and could
 * allow.
 */
class EntityStoreUnavailableTest {
  /** Answers for the principal, the action and the resource, then the database goes away. */
  static final class FailsAfter implements EntityStore {
    private final EntityStore inner;
    private int answers;

    FailsAfter(EntityStore inner, int answers) {
      this.inner = inner;
      this.answers = answers;
    }

    @Override
    public synchronized Entity find(EntityUid uid) {
      if (answers-- <= 0) {
        throw new EntityStoreUnavailableException("test store is down", null);
      }
      return inner.find(uid);
    }
  }

  private static PolicyEngine engine(String policies, EntityStore store) throws Exception {
    return PolicyEngine.builder().policies(PolicySet.parse(policies)).entities(store).build();
  }

  @Test
  void authorize_storeDownForTheRequestEntities_throwsStoreUnavailable() throws Exception {
    PolicyEngine engine =
        engine(
            "permit(principal, action, resource);", new FailsAfter(InMemoryEntityStore.empty(), 0));
    assertThatThrownBy(() -> engine.authorize(Request.of(ALICE, VIEW, PHOTO)))
        .isInstanceOf(EntityStoreUnavailableException.class);
  }

  @Test
  void authorize_storeDownWhileAForbidReadsAnotherEntity_throwsInsteadOfAllowing()
      throws Exception {
    // The permit matches; the forbid needs alice's manager, read after the store went down. Were
    // the failure an evaluation error, the forbid would be skipped and the request allowed.
    PolicyEngine engine =
        engine(
            "permit(principal, action, resource);\n"
                + "forbid(principal, action, resource) when { principal.manager.name == \"Bob\" };",
            new FailsAfter(InMemoryEntityStore.fromJson(ENTITIES), 3));
    assertThatThrownBy(() -> engine.authorize(Request.of(ALICE, VIEW, PHOTO)))
        .isInstanceOf(EntityStoreUnavailableException.class);
  }

  @Test
  void authorizeWithRequestEntities_storeDown_throwsStoreUnavailable() throws Exception {
    PolicyEngine engine =
        engine(
            "permit(principal, action, resource);", new FailsAfter(InMemoryEntityStore.empty(), 0));
    Entity caller = Entity.builder(EntityUid.of("User", "carol")).build();
    assertThatThrownBy(
            () -> engine.authorize(Request.of(caller.uid(), VIEW, PHOTO), List.of(caller)))
        .isInstanceOf(EntityStoreUnavailableException.class);
  }
}
