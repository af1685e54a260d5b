/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.store.ApiKeyRecord;
import dev.bulwark.auth.store.ApiKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ApiKeyStore}, one rule of its Javadoc per test. An implementation gets the
 * whole contract by one subclass that returns a new, empty store from {@link #newStore()}; its own
 * rules (null handling, messages, sizing) stay in that subclass.
 */
public abstract class ApiKeyStoreContract {
  /** A creation time for the records the tests insert. */
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The store under test, new and empty for each test. */
  protected ApiKeyStore store;

  /** Returns a new, empty store; called before each test. */
  protected abstract ApiKeyStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  /** A live record for {@code keyId}, owned by alice with scope read. */
  protected static ApiKeyRecord record(String keyId) {
    return new ApiKeyRecord(keyId, new byte[32], "alice", Set.of("read"), T0, null, false);
  }

  @Test
  void insert_thenFindByKeyId_returnsTheRecord() {
    store.insert(record("k1"));

    assertThat(store.findByKeyId("k1")).contains(record("k1"));
  }

  @Test
  void findByKeyId_unknownKeyId_isEmpty() {
    store.insert(record("k1"));

    assertThat(store.findByKeyId("k2")).isEmpty();
  }

  @Test
  void insert_duplicateKeyId_throwsIllegalStateAndKeepsTheFirst() {
    ApiKeyRecord first = record("k1");
    store.insert(first);
    ApiKeyRecord second =
        new ApiKeyRecord("k1", new byte[32], "mallory", Set.of("admin"), T0, null, false);

    assertThatThrownBy(() -> store.insert(second)).isInstanceOf(IllegalStateException.class);
    assertThat(store.findByKeyId("k1")).contains(first);
  }

  @Test
  void markRevoked_existingKey_returnsTrueAndTheRecordIsRevoked() {
    store.insert(record("k1"));

    assertThat(store.markRevoked("k1")).isTrue();
    assertThat(store.findByKeyId("k1").orElseThrow().revoked()).isTrue();
  }

  @Test
  void markRevoked_twice_staysRevokedAndReturnsTrue() {
    store.insert(record("k1"));
    store.markRevoked("k1");

    assertThat(store.markRevoked("k1")).isTrue();
    assertThat(store.findByKeyId("k1").orElseThrow().revoked()).isTrue();
  }

  @Test
  void markRevoked_unknownKey_returnsFalseAndCreatesNothing() {
    assertThat(store.markRevoked("nope")).isFalse();
    assertThat(store.findByKeyId("nope")).isEmpty();
  }

  @Test
  void markRevoked_keepsEverythingElseOfTheRecord() {
    store.insert(record("k1"));
    store.markRevoked("k1");

    assertThat(store.findByKeyId("k1").orElseThrow()).isEqualTo(record("k1").withRevoked());
  }

  @Test
  void markRevoked_otherKey_leavesThisOneLive() {
    store.insert(record("k1"));
    store.insert(record("k2"));
    store.markRevoked("k2");

    assertThat(store.findByKeyId("k1").orElseThrow().revoked()).isFalse();
  }

  @Test
  void insert_sameKeyIdFromManyThreads_exactlyOneSucceeds() throws Exception {
    // Thread-safe: concurrent inserts of one key id must not both land (the second would replace
    // the first key's digest, and with it the key).
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String subject = "s" + t;
        results.add(
            pool.submit(
                () -> {
                  start.await(5, TimeUnit.SECONDS);
                  try {
                    store.insert(
                        new ApiKeyRecord("k1", new byte[32], subject, Set.of(), T0, null, false));
                    return true;
                  } catch (IllegalStateException duplicate) {
                    return false;
                  }
                }));
      }
      int inserted = 0;
      for (Future<Boolean> f : results) {
        inserted += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(inserted).as("inserts that succeeded").isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
