/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Bounded stress test of the atomic policy swap: readers decide requests while a writer swaps
 * between two policy sets; every decision must come entirely from one set (its reasons are exactly
 * that set's two policies), never a mix.
 */
class PolicySwapStressTest {

  @Test
  void updatePolicies_concurrentReaders_neverSeeAHalfUpdate() throws Exception {
    PolicySet a =
        PolicySet.parse(
            "@id(\"a1\") permit(principal, action, resource);\n"
                + "@id(\"a2\") permit(principal, action, resource) when { true };");
    PolicySet b =
        PolicySet.parse(
            "@id(\"b1\") permit(principal, action, resource);\n"
                + "@id(\"b2\") permit(principal, action, resource) when { 1 == 1 };");
    PolicyEngine engine = PolicyEngine.builder().policies(a).build();
    Request req = Request.of(Fixtures.ALICE, Fixtures.VIEW, Fixtures.PHOTO);
    int readers = 3;
    ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<long[]>> results = new ArrayList<>();
      for (int i = 0; i < readers; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  long seenA = 0;
                  long seenB = 0;
                  long bad = 0;
                  for (int n = 0; n < 50_000; n++) {
                    Set<String> r = engine.authorize(req).reasons();
                    if (r.equals(Set.of("a1", "a2"))) {
                      seenA++;
                    } else if (r.equals(Set.of("b1", "b2"))) {
                      seenB++;
                    } else {
                      bad++;
                    }
                  }
                  return new long[] {seenA, seenB, bad};
                }));
      }
      Future<Integer> writer =
          pool.submit(
              () -> {
                start.await();
                int swaps = 0;
                while (!stop.get() && swaps < 1_000_000) {
                  engine.updatePolicies((swaps & 1) == 0 ? b : a);
                  swaps++;
                }
                return swaps;
              });
      start.countDown();
      long a1 = 0;
      long b1 = 0;
      long bad = 0;
      for (Future<long[]> f : results) {
        long[] r = f.get(60, TimeUnit.SECONDS);
        a1 += r[0];
        b1 += r[1];
        bad += r[2];
      }
      stop.set(true);
      assertThat(writer.get(60, TimeUnit.SECONDS)).isPositive();
      assertThat(bad).as("decisions mixing both policy sets").isZero();
      assertThat(a1 + b1).isEqualTo(readers * 50_000L);
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }
}
