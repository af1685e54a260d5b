/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.policy.testkit.EntityStoreContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link MutableEntityStore}: the {@link EntityStore} contract, and its own rules: a change
 * recomputes the ancestors of every entity below it, the store after any sequence of changes is
 * what {@link InMemoryEntityStore#of} builds from the same entities, a refused change leaves it as
 * it was, and readers are not blocked by a writer.
 */
class MutableEntityStoreTest extends EntityStoreContract {
  private static final EntityUid ALICE = EntityUid.of("User", "alice");

  @Override
  protected EntityStore storeOf(Collection<Entity> entities) {
    return MutableEntityStore.of(entities);
  }

  private static EntityUid group(String id) {
    return EntityUid.of("Group", id);
  }

  /** alice in team, team in dept, dept in {@code deptParent}. */
  private static MutableEntityStore hierarchy(String deptParent) {
    return MutableEntityStore.of(
        List.of(
            entity("User", "alice", "{}", "team"),
            entity("Group", "team", "{}", "dept"),
            entity("Group", "dept", "{}", deptParent),
            entity("Group", "a", "{}"),
            entity("Group", "b", "{}")));
  }

  @Test
  void put_newEntity_isFoundWithItsAncestors() {
    MutableEntityStore store = hierarchy("a");

    store.put(entity("User", "bob", "{}", "team"));

    assertThat(store.find(EntityUid.of("User", "bob")).ancestors())
        .containsExactlyInAnyOrder(group("team"), group("dept"), group("a"));
  }

  @Test
  void put_groupUnderAnotherParent_everyMemberBelowItChangesAncestors() {
    MutableEntityStore store = hierarchy("a");

    store.put(entity("Group", "dept", "{}", "b"));

    assertThat(store.find(ALICE).ancestors())
        .containsExactlyInAnyOrder(group("team"), group("dept"), group("b"));
    assertThat(store.find(group("team")).ancestors())
        .containsExactlyInAnyOrder(group("dept"), group("b"));
  }

  @Test
  void put_replacedEntity_hasItsNewAttributes() {
    MutableEntityStore store = hierarchy("a");

    store.put(entity("User", "alice", "{\"age\":3}", "team"));

    assertThat(store.find(ALICE).toString()).contains("age");
    assertThat(store.size()).isEqualTo(5);
  }

  @Test
  void remove_groupOthersNameAsParent_staysTheirAncestorWithoutItsOwnAncestors() {
    // As InMemoryEntityStore treats a parent that is not an entity: still an ancestor uid.
    MutableEntityStore store = hierarchy("a");

    assertThat(store.remove(group("dept"))).isTrue();

    assertThat(store.find(group("dept"))).isNull();
    assertThat(store.find(ALICE).ancestors())
        .containsExactlyInAnyOrder(group("team"), group("dept"));
  }

  @Test
  void remove_absentUid_returnsFalseAndChangesNothing() {
    MutableEntityStore store = hierarchy("a");
    InMemoryEntityStore before = store.snapshot();

    assertThat(store.remove(group("nobody"))).isFalse();

    assertThat(store.snapshot()).isSameAs(before);
  }

  @Test
  void put_removedGroupAddedBack_membersRegainItsAncestors() {
    MutableEntityStore store = hierarchy("a");
    store.remove(group("dept"));

    store.put(entity("Group", "dept", "{}", "b"));

    assertThat(store.find(ALICE).ancestors())
        .containsExactlyInAnyOrder(group("team"), group("dept"), group("b"));
  }

  @Test
  void update_parentThatWouldMakeACycle_isRefusedAndStoreUnchanged() {
    MutableEntityStore store = hierarchy("a");
    InMemoryEntityStore before = store.snapshot();

    assertThatThrownBy(
            () ->
                store.update(
                    c -> c.put(entity("User", "x", "{}")).put(entity("Group", "a", "{}", "team"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cycle");

    assertThat(store.snapshot()).isSameAs(before);
    assertThat(store.find(EntityUid.of("User", "x"))).isNull();
    // The refused change left the writers' index as it was: a later change still sees team
    // below a.
    store.put(entity("Group", "a", "{}", "b"));
    assertThat(store.find(ALICE).ancestors()).contains(group("b"));
  }

  @Test
  void update_consumerThrows_nothingIsApplied() {
    MutableEntityStore store = hierarchy("a");

    assertThatThrownBy(
            () ->
                store.update(
                    c -> {
                      c.put(entity("Group", "dept", "{}", "b"));
                      throw new IllegalStateException("caller gave up");
                    }))
        .hasMessage("caller gave up");

    assertThat(store.find(ALICE).ancestors()).contains(group("a")).doesNotContain(group("b"));
  }

  @Test
  void update_severalChanges_laterChangeOfAUidWins() {
    MutableEntityStore store = hierarchy("a");

    store.update(
        c ->
            c.put(entity("Group", "dept", "{}", "b"))
                .remove(group("dept"))
                .put(entity("Group", "dept", "{}", "a", "b")));

    assertThat(store.find(ALICE).ancestors())
        .containsExactlyInAnyOrder(group("team"), group("dept"), group("a"), group("b"));
  }

  @Test
  void update_changesUsedAfterTheUpdate_isIllegalState() {
    MutableEntityStore store = hierarchy("a");
    AtomicReference<MutableEntityStore.Changes> kept = new AtomicReference<>();
    store.update(kept::set);

    assertThatThrownBy(() -> kept.get().put(entity("User", "bob", "{}")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void snapshot_laterChanges_doNotAffectIt() {
    MutableEntityStore store = hierarchy("a");
    InMemoryEntityStore snapshot = store.snapshot();

    store.put(entity("Group", "dept", "{}", "b"));
    store.remove(ALICE);

    assertThat(snapshot.find(ALICE).ancestors()).contains(group("a"));
    assertThat(store.find(ALICE)).isNull();
  }

  @Test
  void put_deepChainMovedAtItsTop_bottomSeesTheNewTop() {
    // Past EntityData.MAX_HELD_ANCESTORS the bottom links to its parents' data instead of
    // holding a set: those links must be rebuilt too, not left pointing at the old top.
    List<Entity> chain = new ArrayList<>();
    int n = 300;
    for (int i = 0; i < n; i++) {
      chain.add(entity("Group", "g" + i, "{}", i + 1 < n ? "g" + (i + 1) : "a"));
    }
    chain.add(entity("Group", "a", "{}"));
    MutableEntityStore store = MutableEntityStore.of(chain);

    store.put(entity("Group", "g" + (n - 1), "{}", "b"));

    assertThat(store.find(group("g0")).data().hasAncestor(group("b"))).isTrue();
    assertThat(store.find(group("g0")).data().hasAncestor(group("a"))).isFalse();
  }

  @Test
  void update_randomChanges_storeIsWhatARebuildGives() {
    // Entities g0..g39 with parents among the higher-numbered (so never a cycle), some parents
    // not in the store; after each random batch every entity's ancestors must be those a fresh
    // InMemoryEntityStore computes from the same entities.
    Random rnd = new Random(42);
    int n = 40;
    Map<EntityUid, Entity> model = new HashMap<>();
    MutableEntityStore store = MutableEntityStore.empty();
    for (int round = 0; round < 300; round++) {
      List<Entity> puts = new ArrayList<>();
      List<EntityUid> removes = new ArrayList<>();
      for (int k = rnd.nextInt(3) + 1; k > 0; k--) {
        int i = rnd.nextInt(n);
        if (rnd.nextInt(4) == 0) {
          removes.add(group("g" + i));
        } else {
          List<String> parents = new ArrayList<>();
          for (int p = rnd.nextInt(3); p > 0 && i + 1 < n + 3; p--) {
            parents.add("g" + (i + 1 + rnd.nextInt(n + 3 - i - 1)));
          }
          puts.add(entity("Group", "g" + i, "{}", parents.toArray(new String[0])));
        }
      }
      store.update(
          c -> {
            removes.forEach(c::remove);
            c.putAll(puts);
          });
      removes.forEach(model::remove);
      puts.forEach(e -> model.put(e.uid(), e));

      InMemoryEntityStore rebuilt = InMemoryEntityStore.of(model.values());
      assertThat(store.size()).isEqualTo(rebuilt.size());
      for (EntityUid u : model.keySet()) {
        assertThat(store.find(u).ancestors())
            .as("round %d, %s", round, u)
            .containsExactlyInAnyOrderElementsOf(rebuilt.find(u).ancestors());
      }
    }
  }

  @Test
  void find_whileAWriterIsMidUpdate_isNotBlocked() throws Exception {
    MutableEntityStore store = hierarchy("a");
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> writer =
          pool.submit(
              () ->
                  store.update(
                      c -> {
                        c.put(entity("Group", "dept", "{}", "b"));
                        writing.countDown();
                        try {
                          release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }));
      assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

      // The writer holds the lock; a reader answers at once, from the state before the change.
      Entity seen = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> store.find(ALICE));
      assertThat(seen.ancestors()).contains(group("a"));

      release.countDown();
      writer.get(10, TimeUnit.SECONDS);
      assertThat(store.find(ALICE).ancestors()).contains(group("b"));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }
}
