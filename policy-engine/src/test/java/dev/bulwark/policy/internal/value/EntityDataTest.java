/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.EntityUid;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link EntityData#hasAncestor} answers as the ancestor set does, on both of its paths. */
class EntityDataTest {
  private static EntityData withGroups(int n) {
    Set<EntityUid> anc = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      anc.add(EntityUid.of("Group", "g" + i));
    }
    return new EntityData(
        EntityUid.of("User", "u"), CedarRecord.EMPTY, Map.of(), Set.of(), Set.copyOf(anc));
  }

  @Test
  void hasAncestor_fewAncestors_findsEachAndNothingElse() {
    EntityData e = withGroups(3);
    for (int i = 0; i < 3; i++) {
      assertThat(e.hasAncestor(EntityUid.of("Group", "g" + i))).isTrue();
    }
    assertThat(e.hasAncestor(EntityUid.of("Group", "g3"))).isFalse();
    assertThat(e.hasAncestor(EntityUid.of("Team", "g0"))).isFalse();
    assertThat(e.hasAncestor(EntityUid.of("User", "u"))).isFalse();
  }

  @Test
  void hasAncestor_manyAncestors_findsEachAndNothingElse() {
    EntityData e = withGroups(40);
    for (int i = 0; i < 40; i++) {
      assertThat(e.hasAncestor(EntityUid.of("Group", "g" + i))).isTrue();
    }
    assertThat(e.hasAncestor(EntityUid.of("Group", "g40"))).isFalse();
    assertThat(e.hasAncestor(EntityUid.of("Team", "g0"))).isFalse();
  }

  @Test
  void hasAncestor_noAncestors_isFalse() {
    assertThat(withGroups(0).hasAncestor(EntityUid.of("Group", "g0"))).isFalse();
  }
}
