/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.policy.internal.value.EntityData;
import dev.bulwark.policy.testkit.EntityStoreContract;
import dev.bulwark.policy.testsupport.CollidingStrings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link InMemoryEntityStore}: the {@link EntityStore} contract, and its own rules. Entity ids
 * chosen to share one {@code hashCode}, and hierarchies thousands of groups deep, load in time and
 * memory that grow with the entities and their parent edges; {@code in} stays correct at both ends
 * of a deep chain. The timeouts are generous bounds on work that takes well under a second, and
 * that took minutes (or ran out of heap) when entity uids were kept in lists of colliding keys and
 * every entity held a copy of all its ancestors.
 */
class InMemoryEntityStoreTest extends EntityStoreContract {
  private static final Duration BOUND = Duration.ofSeconds(10);

  @Override
  protected EntityStore storeOf(Collection<Entity> entities) {
    return InMemoryEntityStore.of(entities);
  }

  /** {@code G::"g0"} is a member of {@code G::"g1"}, ... up to {@code G::"g<n-1>"}. */
  private static String chain(int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"uid\":{\"type\":\"G\",\"id\":\"g")
          .append(i)
          .append("\"},\"attrs\":{},\"parents\":[");
      if (i + 1 < n) {
        sb.append("{\"type\":\"G\",\"id\":\"g").append(i + 1).append("\"}");
      }
      sb.append("]}");
    }
    return sb.append(']').toString();
  }

  private static EntityUid g(int i) {
    return EntityUid.of("G", "g" + i);
  }

  private static boolean isIn(InMemoryEntityStore store, EntityUid member, EntityUid group)
      throws PolicyParseException {
    PolicyEngine engine =
        PolicyEngine.builder()
            .policies(PolicySet.parse("permit(principal in " + group + ", action, resource);"))
            .entities(store)
            .build();
    return engine
        .authorize(Request.of(member, EntityUid.of("Action", "a"), EntityUid.of("R", "r")))
        .isAllowed();
  }

  @Test
  void fromJson_idsWithCollidingHashCodes_loadsQuickly() {
    String[] ids = CollidingStrings.of(15);
    String json =
        CollidingStrings.jsonArray(
            ids, "{\"uid\":{\"type\":\"User\",\"id\":\"%s\"},\"attrs\":{},\"parents\":[]}");
    InMemoryEntityStore store =
        assertTimeoutPreemptively(BOUND, () -> InMemoryEntityStore.fromJson(json));
    assertThat(store.size()).isEqualTo(ids.length);
    assertThat(store.find(EntityUid.of("User", ids[4321]))).isNotNull();
  }

  @Test
  void fromJson_chain5000Deep_answersInAtBothEnds() throws Exception {
    InMemoryEntityStore store =
        assertTimeoutPreemptively(BOUND, () -> InMemoryEntityStore.fromJson(chain(5000)));
    assertThat(isIn(store, g(0), g(4999))).isTrue();
    assertThat(isIn(store, g(4998), g(4999))).isTrue();
    assertThat(isIn(store, g(4999), g(0))).isFalse();
    assertThat(isIn(store, g(1), g(0))).isFalse();
  }

  @Test
  void fromJson_chain20000Deep_loadsWithoutHoldingEveryAncestorSet() throws Exception {
    InMemoryEntityStore store =
        assertTimeoutPreemptively(BOUND, () -> InMemoryEntityStore.fromJson(chain(20000)));
    assertThat(isIn(store, g(0), g(19999))).isTrue();
    assertThat(isIn(store, g(19999), g(0))).isFalse();
    // Only the entities near the top hold their ancestors; the rest link to their parent.
    assertThat(store.find(g(0)).data().holdsAncestors()).isFalse();
    assertThat(store.find(g(19999 - EntityData.MAX_HELD_ANCESTORS)).data().holdsAncestors())
        .isTrue();
  }

  @Test
  void fromJson_deepEntity_reportsEveryAncestor() throws Exception {
    InMemoryEntityStore store = InMemoryEntityStore.fromJson(chain(500));
    Set<EntityUid> ancestors = store.find(g(0)).ancestors();
    assertThat(ancestors).hasSize(499).contains(g(1), g(250), g(499)).doesNotContain(g(0));
  }

  @Test
  void of_diamondOverDeepChain_findsAncestorsThroughEveryPath() throws Exception {
    // u -> {a, b}; a -> top of a 200-deep chain; b -> a group outside the store.
    List<Entity> entities = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      entities.add(withParents("G", "g" + i, i + 1 < 200 ? "G::\"g" + (i + 1) + "\"" : null));
    }
    entities.add(withParents("G", "a", "G::\"g0\""));
    entities.add(withParents("G", "b", "Ext::\"x\""));
    entities.add(withParents("U", "u", "G::\"a\"", "G::\"b\""));
    InMemoryEntityStore store = InMemoryEntityStore.of(entities);
    EntityUid u = EntityUid.of("U", "u");
    assertThat(isIn(store, u, g(199))).isTrue();
    assertThat(isIn(store, u, EntityUid.parse("Ext::\"x\""))).isTrue();
    assertThat(isIn(store, u, EntityUid.parse("G::\"b\""))).isTrue();
    assertThat(isIn(store, u, EntityUid.parse("G::\"c\""))).isFalse();
    assertThat(store.find(u).ancestors()).hasSize(203);
  }

  private static Entity withParents(String type, String id, String... parents) {
    StringBuilder sb =
        new StringBuilder(
            "{\"uid\":{\"type\":\""
                + type
                + "\",\"id\":\""
                + id
                + "\"},\"attrs\":{},\"parents\":[");
    boolean first = true;
    for (String p : parents) {
      if (p == null) {
        continue;
      }
      EntityUid pu = EntityUid.parse(p);
      sb.append(first ? "" : ",")
          .append("{\"type\":\"")
          .append(pu.type())
          .append("\",\"id\":\"")
          .append(pu.id())
          .append("\"}");
      first = false;
    }
    try {
      return Entity.fromJson(sb.append("]}").toString());
    } catch (PolicyParseException e) {
      throw new AssertionError(e);
    }
  }
}
