/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bounded stress tests (about a second each) for the thread-safety and "honoured at once" claims of
 * the in-memory stores: a reader that starts after a revocation returned must see it, even while
 * sweeps run.
 */
class InMemoryStoresStressTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration RUN = Duration.ofMillis(1200);
  static final int READERS = 4;

  final ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void revokeToken_whileSweepsRun_everyReaderSeesEveryEarlierRevocation() throws Exception {
    MutableClock clock = new MutableClock(T0);
    InMemoryRevocationStore store = new InMemoryRevocationStore(clock);
    AtomicLong revokedUpTo = new AtomicLong(-1); // jti-0..jti-N are revoked once this reads N
    long deadline = System.nanoTime() + RUN.toNanos();
    Instant farFuture = T0.plus(Duration.ofDays(365 * 100));

    Future<Long> writer =
        pool.submit(
            () -> {
              long n = 0;
              while (System.nanoTime() < deadline) {
                store.revokeToken("jti-" + n, farFuture);
                revokedUpTo.set(n++);
                // Short-lived revocations and a moving clock make the writer sweep again and again.
                store.revokeToken("junk-" + n, clock.instant().plusSeconds(1));
                clock.advance(Duration.ofSeconds(1));
              }
              return n;
            });
    List<Future<Long>> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      readers.add(
          pool.submit(
              () -> {
                long checks = 0;
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                  long upTo = revokedUpTo.get();
                  if (upTo >= 0) {
                    long i = rnd.nextLong(upTo + 1);
                    if (!store.isTokenRevoked("jti-" + i)) {
                      throw new AssertionError(
                          "jti-" + i + " revoked before the read started is not revoked");
                    }
                  }
                  if (store.isTokenRevoked("never-" + rnd.nextInt(1000))) {
                    throw new AssertionError("a never-revoked jti reads as revoked");
                  }
                  checks++;
                }
                return checks;
              }));
    }

    long written = writer.get(30, TimeUnit.SECONDS);
    long checks = 0;
    for (Future<Long> f : readers) {
      checks += f.get(30, TimeUnit.SECONDS);
    }
    assertThat(written).isPositive();
    assertThat(checks).isPositive();
  }

  @Test
  void revokeSubject_concurrentWriters_keepTheLatestInstant() throws Exception {
    InMemoryRevocationStore store = new InMemoryRevocationStore();
    long deadline = System.nanoTime() + RUN.toNanos();
    List<Future<Long>> writers = new ArrayList<>();
    for (int w = 0; w < READERS + 1; w++) {
      writers.add(
          pool.submit(
              () -> {
                long max = Long.MIN_VALUE;
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                  long s = rnd.nextLong(1_000_000_000L);
                  store.revokeSubject("alice", T0.plusSeconds(s));
                  max = Math.max(max, s);
                  // Never moves backwards as seen by this thread.
                  Instant seen = store.subjectRevokedBefore("alice").orElseThrow();
                  if (seen.isBefore(T0.plusSeconds(max))) {
                    throw new AssertionError("subject revocation went back to " + seen);
                  }
                }
                return max;
              }));
    }

    long max = Long.MIN_VALUE;
    for (Future<Long> f : writers) {
      max = Math.max(max, f.get(30, TimeUnit.SECONDS));
    }
    assertThat(store.subjectRevokedBefore("alice")).contains(T0.plusSeconds(max));
  }

  @Test
  void markRevoked_concurrentWithLookups_everyLaterLookupSeesIt() throws Exception {
    InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    AtomicLong revokedUpTo = new AtomicLong(-1);
    long deadline = System.nanoTime() + RUN.toNanos();

    Future<Long> writer =
        pool.submit(
            () -> {
              long n = 0;
              while (System.nanoTime() < deadline) {
                store.insert(
                    new ApiKeyRecord("k" + n, new byte[32], "alice", Set.of(), T0, null, false));
                store.markRevoked("k" + n);
                revokedUpTo.set(n++);
              }
              return n;
            });
    List<Future<Long>> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      readers.add(
          pool.submit(
              () -> {
                long checks = 0;
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                  long upTo = revokedUpTo.get();
                  if (upTo >= 0) {
                    long i = rnd.nextLong(upTo + 1);
                    ApiKeyRecord rec =
                        store
                            .findByKeyId("k" + i)
                            .orElseThrow(
                                () ->
                                    new AssertionError(
                                        "k" + i + " inserted before the read started is missing"));
                    if (!rec.revoked()) {
                      throw new AssertionError(
                          "k" + i + " revoked before the read started is not revoked");
                    }
                  }
                  checks++;
                }
                return checks;
              }));
    }

    assertThat(writer.get(30, TimeUnit.SECONDS)).isPositive();
    for (Future<Long> f : readers) {
      assertThat(f.get(30, TimeUnit.SECONDS)).isPositive();
    }
  }
}
