/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The search against fake measurements whose P99 is a function of the rate. */
class RateSearchTest {
  private static final long BOUND = 2_400_000;

  /** A step at {@code rate} whose every latency is {@code latencyNanos}, with {@code errors}. */
  static StepResult fake(double rate, long latencyNanos, long errors) {
    Histogram h = new Histogram(3);
    h.recordValueWithCount(latencyNanos, 100);
    return new StepResult(
        new StepPlan(rate, 0, 100), 100, 100, errors, null, h, h, 1_000_000_000L, 0, -1);
  }

  /** Passes up to {@code capacity} requests a second, fails above. */
  private static RateSearch.Measurement capacity(double capacity, List<Double> rates) {
    return rate -> {
      rates.add(rate);
      return fake(rate, rate <= capacity ? BOUND / 2 : BOUND * 2, 0);
    };
  }

  private static RateSearch search(double start, int maxSteps, double maxRate) {
    return new RateSearch(start, 1.5, 0.05, maxSteps, 10, maxRate, BOUND);
  }

  @Test
  void search_belowCapacity_growsThenBisectsToWithinThePrecision() throws Exception {
    List<Double> rates = new ArrayList<>();

    RateSearch.Outcome o = search(1000, 30, 1e6).search(capacity(10_000, rates));

    assertThat(o.best()).isPresent();
    assertThat(o.best().get().rate()).isLessThanOrEqualTo(10_000).isGreaterThan(10_000 / 1.05);
    assertThat(rates).startsWith(1000.0, 1500.0, 2250.0);
  }

  @Test
  void search_firstStepFails_shrinksUntilOnePasses() throws Exception {
    List<Double> rates = new ArrayList<>();

    RateSearch.Outcome o = search(1000, 30, 1e6).search(capacity(300, rates));

    assertThat(rates.get(1)).isLessThan(1000);
    assertThat(o.best().get().rate()).isLessThanOrEqualTo(300).isGreaterThan(300 / 1.05);
  }

  @Test
  void search_stepWithAnError_failsWhateverItsLatency() throws Exception {
    RateSearch.Outcome o = search(1000, 5, 1e6).search(rate -> fake(rate, 1, rate > 1000 ? 1 : 0));

    assertThat(o.best().get().rate()).isEqualTo(1000);
    assertThat(o.steps()).allSatisfy(s -> assertThat(s.rate()).isLessThanOrEqualTo(1500));
  }

  @Test
  void search_neverFailing_stopsAtTheMaxRate() throws Exception {
    List<Double> rates = new ArrayList<>();

    RateSearch.Outcome o = search(1000, 30, 5000).search(capacity(1e9, rates));

    assertThat(rates).last().isEqualTo(5000.0);
    assertThat(o.best().get().rate()).isEqualTo(5000);
  }

  @Test
  void search_isBoundedByMaxSteps() throws Exception {
    RateSearch.Outcome o = search(1000, 4, 1e9).search(capacity(1e9, new ArrayList<>()));

    assertThat(o.steps()).hasSize(4);
  }

  @Test
  void search_neverPassing_stopsAtTheMinRateWithNoBest() throws Exception {
    RateSearch.Outcome o = search(1000, 100, 1e6).search(capacity(1, new ArrayList<>()));

    assertThat(o.best()).isEmpty();
    assertThat(o.steps().get(o.steps().size() - 1).rate()).isEqualTo(10);
  }
}
