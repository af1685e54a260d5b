/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Bounded stress test of {@link MutableEntityStore} under {@link PolicyEngine}: writers move a
 * department between two parent groups while readers decide requests that depend on it. Every
 * published state holds one invariant: the department's parent and the {@code side} attribute of
 * the resource agree, since each move changes both in one update. A decision is allowed exactly
 * when the request saw a state where the invariant holds, so a reader that saw part of a change
 * (the group moved but a member's ancestors not yet, or the move without the attribute) is denied,
 * and the test counts it.
 */
class MutableEntityStoreStressTest {
  private static final int READERS = 2;
  private static final int WRITERS = 2;
  private static final int DECISIONS_PER_READER = 40_000;
  private static final int MEMBERS = 20;

  private static final EntityUid VIEW = EntityUid.of("Action", "view");
  private static final EntityUid MARKER = EntityUid.of("Doc", "marker");

  private static Entity dept(String parent) {
    return Entity.builder(EntityUid.of("Group", "dept"))
        .parent(EntityUid.of("Group", parent))
        .build();
  }

  private static Entity marker(String side, long generation) {
    return Entity.builder(MARKER)
        .attribute("side", side)
        .attribute("generation", generation)
        .build();
  }

  @Test
  void update_groupMovedWhileReadersDecide_everyDecisionSeesAWholeState() throws Exception {
    // user_i in team_(i % 4), each team in dept, dept in A or B: a move of dept changes the
    // ancestors of every team and user two levels below it.
    List<Entity> entities = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      entities.add(
          Entity.builder(EntityUid.of("Group", "team" + t))
              .parent(EntityUid.of("Group", "dept"))
              .build());
    }
    for (int i = 0; i < MEMBERS; i++) {
      entities.add(
          Entity.builder(EntityUid.of("User", "u" + i))
              .parent(EntityUid.of("Group", "team" + (i % 4)))
              .build());
    }
    entities.add(Entity.builder(EntityUid.of("Group", "A")).build());
    entities.add(Entity.builder(EntityUid.of("Group", "B")).build());
    entities.add(dept("A"));
    entities.add(marker("A", 0));
    MutableEntityStore store = MutableEntityStore.of(entities);
    PolicyEngine engine =
        PolicyEngine.builder()
            .policies(
                PolicySet.parse(
                    "permit(principal, action, resource) when {"
                        + " (principal in Group::\"A\" && resource.side == \"A\")"
                        + " || (principal in Group::\"B\" && resource.side == \"B\") };"))
            .entities(store)
            .build();

    ExecutorService pool = Executors.newFixedThreadPool(READERS + WRITERS);
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<long[]>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        int offset = r;
        readers.add(
            pool.submit(
                () -> {
                  start.await();
                  long allowed = 0;
                  long denied = 0;
                  for (int n = 0; n < DECISIONS_PER_READER; n++) {
                    EntityUid user = EntityUid.of("User", "u" + ((n + offset) % MEMBERS));
                    Decision d = engine.authorize(Request.of(user, VIEW, MARKER));
                    if (d.isAllowed() && d.errors().isEmpty()) {
                      allowed++;
                    } else {
                      denied++;
                    }
                  }
                  return new long[] {allowed, denied};
                }));
      }
      List<Future<Integer>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  int moves = 0;
                  while (!stop.get() && moves < 1_000_000) {
                    // Each writer alternates on its own count; two may move dept to the same side,
                    // which is still a whole state.
                    String to = (moves & 1) == 0 ? "B" : "A";
                    long generation = moves;
                    store.update(c -> c.put(dept(to)).put(marker(to, generation)));
                    moves++;
                  }
                  return moves;
                }));
      }
      start.countDown();
      long allowed = 0;
      long denied = 0;
      for (Future<long[]> f : readers) {
        long[] r = f.get(120, TimeUnit.SECONDS);
        allowed += r[0];
        denied += r[1];
      }
      stop.set(true);
      int moves = 0;
      for (Future<Integer> f : writers) {
        moves += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(moves).as("moves made").isPositive();
      assertThat(denied).as("decisions that saw part of a move").isZero();
      assertThat(allowed).isEqualTo((long) READERS * DECISIONS_PER_READER);
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }
}
