/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import java.time.Duration;

/**
 * How many requests one step sends at a rate: first {@code warmupRequests} that are not recorded,
 * then {@code measuredRequests} that are. Immutable.
 *
 * @param rate the offered rate, in requests a second
 * @param warmupRequests the requests of the warm-up
 * @param measuredRequests the requests recorded
 */
record StepPlan(double rate, long warmupRequests, long measuredRequests) {

  /**
   * Checks the plan.
   *
   * @throws IllegalArgumentException if the rate is not positive or a count is negative, or no
   *     request is measured
   */
  StepPlan {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("rate must be positive, was " + rate);
    }
    if (warmupRequests < 0 || measuredRequests < 1) {
      throw new IllegalArgumentException(
          "a step needs warmupRequests >= 0 and measuredRequests >= 1, was "
              + warmupRequests
              + " and "
              + measuredRequests);
    }
  }

  /**
   * The plan of a step at {@code rate}: the requests of {@code warmup} and of {@code duration} at
   * that rate, the measured ones at most {@code maxRequests}, and all of them together at most
   * {@code maxTotal} (the size of a pool of single-use credentials; a third of it at most for the
   * warm-up, so that most of the pool is measured).
   *
   * @param rate requests a second
   * @param warmup the warm-up's duration
   * @param duration the measured phase's duration
   * @param maxRequests the most measured requests
   * @param maxTotal the most requests in all, {@code Long.MAX_VALUE} for no bound
   * @return the plan
   * @throws IllegalArgumentException if the rate or a bound is not positive
   */
  static StepPlan of(
      double rate, Duration warmup, Duration duration, long maxRequests, long maxTotal) {
    if (maxRequests < 1 || maxTotal < 2) {
      throw new IllegalArgumentException(
          "maxRequests must be >= 1 and maxTotal >= 2, was " + maxRequests + " and " + maxTotal);
    }
    long warm = Math.min(count(rate, warmup), maxTotal / 3);
    long measured = Math.min(Math.max(1, count(rate, duration)), maxRequests);
    measured = Math.min(measured, maxTotal - warm);
    return new StepPlan(rate, warm, measured);
  }

  private static long count(double rate, Duration d) {
    return (long) Math.ceil(rate * d.toNanos() / 1e9);
  }

  /** All the requests of the step. */
  long totalRequests() {
    return warmupRequests + measuredRequests;
  }

  /**
   * The intended send time of request {@code k}, in nanoseconds after the step's start. Computed
   * from the index rather than by adding a period, so that rounding never accumulates.
   */
  long intendedOffsetNanos(long k) {
    return (long) (k * 1e9 / rate);
  }
}
