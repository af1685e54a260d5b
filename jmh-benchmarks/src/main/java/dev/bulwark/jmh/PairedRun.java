/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs two {@link JwtVerify} methods one after the other in this one JVM (JMH non-forked), in the
 * order given, writing one JMH JSON result per method. Not thread-safe; a command-line entry point
 * for {@code docs/bench/rs256-paired.sh}.
 *
 * <p>Why not the JMH command line: JMH forks every benchmark method separately, so two methods are
 * never measured in the same JVM, and with {@code -f 0} it runs them in name order only. On a
 * machine where one JVM runs the same code 40% slower than the next, a ratio is only meaningful
 * between two measurements of one JVM, and alternating which side runs first cancels what the order
 * does (JIT state, heap, the machine drifting).
 *
 * <p>Arguments: {@code alg iterations outPrefix method1 method2}, for example {@code RS256 5
 * /tmp/rs-1 rawJca bulwark}; results go to {@code outPrefix-method1.json} and {@code
 * outPrefix-method2.json}.
 */
public final class PairedRun {
  private PairedRun() {}

  /**
   * Runs the two methods.
   *
   * @throws RunnerException if JMH fails
   * @throws IllegalArgumentException for a wrong argument count or a non-numeric iteration count
   */
  public static void main(String[] args) throws RunnerException {
    if (args.length != 5) {
      throw new IllegalArgumentException(
          "usage: PairedRun alg iterations outPrefix method1 method2, was "
              + args.length
              + " arguments");
    }
    int iterations = Integer.parseInt(args[1]);
    for (int i = 3; i < 5; i++) {
      Options o =
          new OptionsBuilder()
              .include(JwtVerify.class.getName() + "\\." + args[i] + "$")
              .param("alg", args[0])
              .forks(0)
              .warmupIterations(iterations)
              .warmupTime(TimeValue.seconds(1))
              .measurementIterations(iterations)
              .measurementTime(TimeValue.seconds(1))
              .addProfiler(WorkerCpuProfiler.class)
              .resultFormat(ResultFormatType.JSON)
              .result(args[2] + "-" + args[i] + ".json")
              .build();
      new Runner(o).run();
    }
  }
}
