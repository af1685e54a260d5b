/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the highest rate whose step passes (no error, P99 within the bound): the rate grows by a
 * factor from the start until a step fails (or shrinks by it until one passes), then the gap
 * between the highest pass and the lowest failure is halved (geometrically) until it is within the
 * precision. Bounded by a number of steps and a highest rate. Immutable; each {@link #search} is
 * independent.
 *
 * @param startRate the first rate, requests a second
 * @param growth the factor between rates before the first failure, above 1
 * @param precision the search ends when the lowest failing rate is within this fraction above the
 *     highest passing one (0.05: 5 %)
 * @param maxSteps the most steps
 * @param minRate no step below this rate
 * @param maxRate no step above this rate
 * @param p99BoundNanos the bound on a passing step's P99
 */
record RateSearch(
    double startRate,
    double growth,
    double precision,
    int maxSteps,
    double minRate,
    double maxRate,
    long p99BoundNanos) {

  /** Runs one step at a rate. */
  @FunctionalInterface
  interface Measurement {
    /**
     * Measures a step.
     *
     * @param rate requests a second
     * @return the step's result
     * @throws Exception if the step cannot run at all
     */
    StepResult measure(double rate) throws Exception;
  }

  /**
   * The steps of a search, in the order run, and the highest passing one.
   *
   * @param steps every step
   * @param best the passing step of the highest rate, empty if none passed
   */
  record Outcome(List<StepResult> steps, Optional<StepResult> best) {}

  /**
   * Checks the settings.
   *
   * @throws IllegalArgumentException naming a setting out of range
   */
  RateSearch {
    if (!(growth > 1)) {
      throw new IllegalArgumentException("growth must be above 1, was " + growth);
    }
    if (!(precision > 0)) {
      throw new IllegalArgumentException("precision must be positive, was " + precision);
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be >= 1, was " + maxSteps);
    }
    if (!(minRate > 0) || !(startRate >= minRate) || !(maxRate >= startRate)) {
      throw new IllegalArgumentException(
          "rates must satisfy 0 < minRate <= startRate <= maxRate, were "
              + minRate
              + ", "
              + startRate
              + ", "
              + maxRate);
    }
    if (p99BoundNanos < 1) {
      throw new IllegalArgumentException("p99BoundNanos must be positive, was " + p99BoundNanos);
    }
  }

  /**
   * Searches.
   *
   * @param measurement runs a step
   * @return the steps and the best
   * @throws Exception what a step throws
   */
  Outcome search(Measurement measurement) throws Exception {
    List<StepResult> steps = new ArrayList<>();
    StepResult best = null;
    double lowestFail = Double.POSITIVE_INFINITY;
    double rate = startRate;
    while (steps.size() < maxSteps) {
      StepResult r = measurement.measure(rate);
      steps.add(r);
      if (r.passes(p99BoundNanos)) {
        if (best == null || r.rate() > best.rate()) {
          best = r;
        }
      } else {
        lowestFail = Math.min(lowestFail, rate);
      }
      double next;
      if (lowestFail == Double.POSITIVE_INFINITY) {
        if (rate >= maxRate) {
          break;
        }
        next = Math.min(maxRate, rate * growth);
      } else if (best == null) {
        if (rate <= minRate) {
          break;
        }
        next = Math.max(minRate, rate / growth);
      } else {
        if (lowestFail <= best.rate() * (1 + precision)) {
          break;
        }
        next = Math.sqrt(best.rate() * lowestFail);
      }
      rate = next;
    }
    return new Outcome(List.copyOf(steps), Optional.ofNullable(best));
  }
}
