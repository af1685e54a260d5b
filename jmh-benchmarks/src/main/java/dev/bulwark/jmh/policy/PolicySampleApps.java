/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.policy;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision on Cedar's sample applications (the handwritten integration tests: their policies,
 * entities, schema and requests), by Bulwark and by cedar-java in the same run on the same inputs.
 * Each invocation decides the next of the test's requests, round robin; requests are validated
 * against the schema by both engines, as the tests ask. cedar-java is measured with the policy set
 * and schema cached on the native side, and uncached (everything serialised per call, as most
 * callers use it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class PolicySampleApps {

  /** The test, by id under {@code tests/}: both sandboxes, every test group. */
  @Param({
    "example_use_cases/1a",
    "example_use_cases/3b",
    "example_use_cases/4e",
    "example_use_cases/5b",
    "ip/2",
    "decimal/2",
    "multi/3",
    "multi/5"
  })
  public String app;

  private SampleApp fixture;
  private int next;

  /** Loads the inputs and checks that every engine decides every request as expected. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    fixture = new SampleApp(app);
  }

  private int nextIndex(int size) {
    int i = next;
    next = i + 1 == size ? 0 : i + 1;
    return i;
  }

  /**
   * @return Bulwark's decision on the next request
   */
  @Benchmark
  public boolean bulwark() {
    return fixture
        .bulwark
        .authorize(fixture.bulwarkRequests.get(nextIndex(fixture.bulwarkRequests.size())))
        .isAllowed();
  }

  /**
   * @return cedar-java's decision, policy set (and schema) cached on the native side
   */
  @Benchmark
  public boolean cedarJavaCached() throws Exception {
    return fixture.cedarCached.authorize(nextIndex(fixture.cedarCached.size()));
  }

  /**
   * @return cedar-java's decision, everything serialised per call
   */
  @Benchmark
  public boolean cedarJavaUncached() throws Exception {
    return fixture.cedarUncached.authorize(nextIndex(fixture.cedarUncached.size()));
  }
}
