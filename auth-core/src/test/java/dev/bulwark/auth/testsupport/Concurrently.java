/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The frame of a bounded stress test: one task on several threads released together. Stateless;
 * each call uses its own threads.
 */
public final class Concurrently {

  /** One thread's share of a stress test; returns how many wrong answers it saw. */
  @FunctionalInterface
  public interface Task {
    /** Runs the share of thread {@code thread} (0 to threads - 1). */
    int run(int thread) throws Exception;
  }

  private Concurrently() {}

  /**
   * Runs {@code task} on {@code threads} threads, released by one latch so that they overlap from
   * their first step, waits up to 60 seconds for each and returns the sum of their wrong answers. A
   * task that throws fails the call with its exception, and the threads are always stopped.
   */
  public static int wrongAnswers(int threads, Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.run(thread);
                }));
      }
      start.countDown();
      int wrong = 0;
      for (Future<Integer> f : results) {
        wrong += f.get(60, TimeUnit.SECONDS);
      }
      return wrong;
    } finally {
      pool.shutdownNow();
    }
  }
}
