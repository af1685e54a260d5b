/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.store.RevocationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RevocationStore}, one rule of its Javadoc per test. An implementation gets
 * the whole contract by one subclass that returns a new, empty store from {@link #newStore()}; its
 * own rules (null handling, pruning, argument checks) stay in that subclass.
 */
public abstract class RevocationStoreContract {
  /** An instant the subject revocations name. */
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The store under test, new and empty for each test. */
  protected RevocationStore store;

  /** Returns a new, empty store; called before each test. */
  protected abstract RevocationStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  /**
   * The {@code exp} of the tokens the tests revoke: a day from now on the wall clock, so that a
   * store that forgets expired revocations keeps these. Override for a store on another clock.
   */
  protected Instant liveExpiry() {
    return Instant.now().plus(Duration.ofDays(1));
  }

  // ---- by jti ----

  @Test
  void revokeToken_isRevokedAtOnce() {
    store.revokeToken("jti-1", liveExpiry());

    assertThat(store.isTokenRevoked("jti-1")).isTrue();
  }

  @Test
  void isTokenRevoked_otherJti_isFalse() {
    store.revokeToken("jti-1", liveExpiry());

    assertThat(store.isTokenRevoked("jti-2")).isFalse();
  }

  // ---- by subject ----

  @Test
  void revokeSubject_isVisibleAtOnce() {
    store.revokeSubject("alice", T0);

    assertThat(store.subjectRevokedBefore("alice")).contains(T0);
  }

  @Test
  void subjectRevokedBefore_subjectNeverRevoked_isEmpty() {
    store.revokeSubject("alice", T0);

    assertThat(store.subjectRevokedBefore("bob")).isEmpty();
  }

  @Test
  void revokeSubject_laterInstantAfterEarlier_keepsTheLater() {
    store.revokeSubject("alice", T0);
    store.revokeSubject("alice", T0.plusSeconds(10));

    assertThat(store.subjectRevokedBefore("alice")).contains(T0.plusSeconds(10));
  }

  @Test
  void revokeSubject_earlierInstantAfterLater_keepsTheLater() {
    store.revokeSubject("alice", T0.plusSeconds(10));
    store.revokeSubject("alice", T0);

    assertThat(store.subjectRevokedBefore("alice")).contains(T0.plusSeconds(10));
  }

  // ---- by API key id ----

  @Test
  void revokeApiKey_isRevokedAtOnce() {
    store.revokeApiKey("k1");

    assertThat(store.isApiKeyRevoked("k1")).isTrue();
  }

  @Test
  void isApiKeyRevoked_otherId_isFalse() {
    store.revokeApiKey("k1");

    assertThat(store.isApiKeyRevoked("k2")).isFalse();
  }

  // ---- across kinds and threads ----

  @Test
  void revocationKinds_doNotLeakIntoEachOther() {
    store.revokeToken("x", liveExpiry());
    store.revokeApiKey("y");
    store.revokeSubject("z", T0);

    assertThat(store.isApiKeyRevoked("x")).isFalse();
    assertThat(store.subjectRevokedBefore("x")).isEmpty();
    assertThat(store.isTokenRevoked("y")).isFalse();
    assertThat(store.isTokenRevoked("z")).isFalse();
    assertThat(store.isApiKeyRevoked("z")).isFalse();
  }

  @Test
  void revokeToken_fromManyThreads_everyRevocationIsVisibleAfterwards() throws Exception {
    // Thread-safe: writers on several threads at once lose no revocation.
    int threads = 8;
    int perThread = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t * perThread;
        writers.add(
            pool.submit(
                () -> {
                  start.await(5, TimeUnit.SECONDS);
                  for (int i = first; i < first + perThread; i++) {
                    store.revokeToken("jti-" + i, liveExpiry());
                  }
                  return null;
                }));
      }
      for (Future<?> f : writers) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < threads * perThread; i++) {
      if (!store.isTokenRevoked("jti-" + i)) {
        missing.add("jti-" + i);
      }
    }
    assertThat(missing).as("revocations lost").isEmpty();
  }
}
