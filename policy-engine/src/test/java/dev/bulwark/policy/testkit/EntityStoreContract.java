/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.Entity;
import dev.bulwark.policy.EntityStore;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link EntityStore}, one rule of its Javadoc per test. An implementation gets the
 * whole contract by one subclass that returns, from {@link #storeOf(Collection)}, a store holding
 * exactly the given entities; its own rules (how it is loaded, what it refuses) stay in that
 * subclass.
 */
public abstract class EntityStoreContract {

  /**
   * Returns a store holding exactly {@code entities}, whose parents are given and whose ancestors
   * the store must complete.
   */
  protected abstract EntityStore storeOf(Collection<Entity> entities);

  /** An entity of type {@code User} or {@code Group} from its id, parents and attributes. */
  protected static Entity entity(String type, String id, String attrsJson, String... parents) {
    StringBuilder p = new StringBuilder();
    for (String parent : parents) {
      p.append(p.length() == 0 ? "" : ",")
          .append("{\"type\":\"Group\",\"id\":\"")
          .append(parent)
          .append("\"}");
    }
    try {
      return Entity.fromJson(
          "{\"uid\":{\"type\":\""
              + type
              + "\",\"id\":\""
              + id
              + "\"},"
              + "\"attrs\":"
              + attrsJson
              + ",\"parents\":["
              + p
              + "]}");
    } catch (PolicyParseException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void find_storedUid_returnsThatEntity() {
    EntityStore store =
        storeOf(
            List.of(
                entity("User", "alice", "{\"age\":42}", "staff"),
                entity("User", "bob", "{\"age\":7}"),
                entity("Group", "staff", "{}")));

    Entity found = store.find(EntityUid.of("User", "alice"));

    assertThat(found).isNotNull();
    assertThat(found.uid()).isEqualTo(EntityUid.of("User", "alice"));
    assertThat(found.parents()).containsExactly(EntityUid.of("Group", "staff"));
  }

  @Test
  void find_unknownUid_returnsNull() {
    EntityStore store = storeOf(List.of(entity("User", "alice", "{}")));

    assertThat(store.find(EntityUid.of("User", "mallory"))).isNull();
  }

  @Test
  void find_sameIdOfAnotherType_returnsNull() {
    EntityStore store = storeOf(List.of(entity("User", "alice", "{}")));

    assertThat(store.find(EntityUid.of("Group", "alice"))).isNull();
  }

  @Test
  void find_entityWithGrandparent_ancestorsAreTheTransitiveClosure() {
    // in is decided from ancestors() alone: a missing grandparent would make alice in admins false.
    EntityStore store =
        storeOf(
            List.of(
                entity("User", "alice", "{}", "staff"),
                entity("Group", "staff", "{}", "employees"),
                entity("Group", "employees", "{}", "everyone"),
                entity("Group", "everyone", "{}")));

    assertThat(store.find(EntityUid.of("User", "alice")).ancestors())
        .containsExactlyInAnyOrder(
            EntityUid.of("Group", "staff"),
            EntityUid.of("Group", "employees"),
            EntityUid.of("Group", "everyone"));
  }

  @Test
  void find_fromManyThreads_everyThreadFindsEveryEntity() throws Exception {
    int entities = 200;
    List<Entity> all = new ArrayList<>();
    for (int i = 0; i < entities; i++) {
      all.add(entity("User", "u" + i, "{}", "g"));
    }
    all.add(entity("Group", "g", "{}"));
    EntityStore store = storeOf(all);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    try {
      List<Future<Integer>> misses = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        misses.add(
            pool.submit(
                () -> {
                  start.await(5, TimeUnit.SECONDS);
                  int missed = 0;
                  for (int i = 0; i < entities; i++) {
                    Entity e = store.find(EntityUid.of("User", "u" + i));
                    if (e == null || !e.ancestors().contains(EntityUid.of("Group", "g"))) {
                      missed++;
                    }
                  }
                  return missed;
                }));
      }
      int missed = 0;
      for (Future<Integer> f : misses) {
        missed += f.get(10, TimeUnit.SECONDS);
      }
      assertThat(missed).as("lookups that missed an entity or its parent").isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}
