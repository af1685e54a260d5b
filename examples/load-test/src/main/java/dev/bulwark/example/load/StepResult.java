/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import org.HdrHistogram.Histogram;

/**
 * What one step measured. The histograms are in nanoseconds; {@code latency} counts from each
 * request's intended send time (corrected for coordinated omission), {@code serviceTime} from its
 * actual send time (what a naive client would report). Not to be modified once made.
 *
 * @param plan the step's plan
 * @param sent the measured requests sent
 * @param recorded the measured responses recorded (the expected status)
 * @param errors the requests that failed, warm-up included
 * @param firstError what the first failure was, or null
 * @param latency the corrected latencies
 * @param serviceTime the latencies from the actual send
 * @param elapsedNanos from the first measured request's intended time to the last measured response
 * @param generatorCpuNanos this JVM's CPU time in the measured phase
 * @param serverCpuNanos the server's CPU time in the measured phase, or -1 if it runs in this JVM
 */
record StepResult(
    StepPlan plan,
    long sent,
    long recorded,
    long errors,
    String firstError,
    Histogram latency,
    Histogram serviceTime,
    long elapsedNanos,
    long generatorCpuNanos,
    long serverCpuNanos) {

  /** The offered rate, in requests a second. */
  double rate() {
    return plan.rate();
  }

  /** The rate of measured responses, in requests a second. */
  double achievedRate() {
    return recorded * 1e9 / elapsedNanos;
  }

  /** The corrected latency at {@code percentile} (0 to 100), in nanoseconds. */
  long percentileNanos(double percentile) {
    return latency.getValueAtPercentile(percentile);
  }

  /** Whether the step had no error and its P99 is within {@code p99BoundNanos}. */
  boolean passes(long p99BoundNanos) {
    return errors == 0 && recorded > 0 && percentileNanos(99) <= p99BoundNanos;
  }

  /** This JVM's CPU time per measured response, in microseconds. */
  double generatorCpuMicrosPerRequest() {
    return recorded == 0 ? Double.NaN : generatorCpuNanos / 1e3 / recorded;
  }

  /** The server's CPU time per measured response, in microseconds; NaN if not measured apart. */
  double serverCpuMicrosPerRequest() {
    return recorded == 0 || serverCpuNanos < 0 ? Double.NaN : serverCpuNanos / 1e3 / recorded;
  }
}
