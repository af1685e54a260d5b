/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.testkit;

import java.time.Duration;

/**
 * The input size and time limits shared by the fuzz targets of the library modules.
 *
 * <p>Every target ignores inputs over {@value #MAX_INPUT_BYTES} bytes, and fails an input that
 * costs more than {@link #limit()}. The bound that matters is 100 ms for the code as shipped. While
 * fuzzing ({@code JAZZER_FUZZ} set) the code runs instrumented: Jazzer counts every branch and
 * hooks every comparison, which makes byte-at-a-time parsing of a 64 KiB input up to about 80 times
 * slower (a 60 KB {@code like} policy: 105 ms instrumented, 1.3 ms as shipped), so the limit there
 * is 1 s: still an order of magnitude below what any super-linear cost reaches at this size. When
 * the committed corpus is replayed by {@code ./mvnw verify} the code is not instrumented, but
 * shared CI machines stall for longer than 100 ms and the first inputs run before compilation, so
 * the limit is 2 s, and a replay is not flaky. A regression seed that was slow therefore fails the
 * build only if it is slow by a wide margin.
 *
 * <p>A slow input is measured again, up to {@value #ATTEMPTS} times in all, and is a finding only
 * if every attempt was slow: the first inputs of a run pay for class loading and compilation, and a
 * garbage collection or a deoptimisation can stall any single input.
 */
public final class InputBudget {
  /** The largest input a target accepts: 64 KiB. */
  public static final int MAX_INPUT_BYTES = 64 * 1024;

  private static final Duration FUZZING_LIMIT = Duration.ofSeconds(1);
  private static final Duration REPLAY_LIMIT = Duration.ofSeconds(2);

  /** How many times a slow input is run before it counts as slow. */
  public static final int ATTEMPTS = 3;

  private InputBudget() {}

  /** Whether Jazzer is fuzzing rather than replaying (it reads the same variable). */
  public static boolean fuzzing() {
    String v = System.getenv("JAZZER_FUZZ");
    return v != null && !v.isEmpty();
  }

  /** The most one input may cost in the current mode. */
  public static Duration limit() {
    return fuzzing() ? FUZZING_LIMIT : REPLAY_LIMIT;
  }

  /** A step of a target that may throw anything: its failures are the findings. */
  public interface Step {
    void run() throws Exception;
  }

  /**
   * Runs {@code step}, again while it takes longer than {@link #limit()}, and fails if all {@value
   * #ATTEMPTS} runs did. The step must give the same result each time it runs.
   *
   * @throws AssertionError naming {@code what} and the fastest time it took
   */
  public static void within(String what, Step step) throws Exception {
    long fastest = Long.MAX_VALUE;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      long start = System.nanoTime();
      step.run();
      fastest = Math.min(fastest, System.nanoTime() - start);
      if (fastest <= limit().toNanos()) {
        return;
      }
    }
    throw new AssertionError(
        what
            + " took at least "
            + fastest / 1_000_000
            + " ms in "
            + ATTEMPTS
            + " runs, limit is "
            + limit().toMillis()
            + " ms");
  }
}
