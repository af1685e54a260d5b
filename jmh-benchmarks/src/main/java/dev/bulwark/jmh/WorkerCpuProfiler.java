/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler, called by JMH from one thread per iteration (not thread-safe), that reports
 * {@code cpu.time.norm}: the CPU time the benchmark's worker threads used per operation, in
 * microseconds. Use with {@code -prof dev.bulwark.jmh.WorkerCpuProfiler}.
 *
 * <p>Why: the machines this project runs on have 2 cores shared by several busy processes, so the
 * wall-clock score also counts the time the OS kept the benchmark thread off a core, and it swings
 * by 2-3x between iterations. CPU time leaves that wait out. It still carries what sharing a core
 * costs (cold caches, JIT threads starved during warm-up), so it is a better comparison, not a
 * quiet-machine figure.
 */
public final class WorkerCpuProfiler implements InternalProfiler {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long before;

  @Override
  public String getDescription() {
    return "CPU time of the JMH worker threads per operation (leaves out time spent off a core)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = workerCpuNanos();
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw type
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = workerCpuNanos() - before;
    long ops = result.getMetadata().getAllOps();
    double microsPerOp = ops == 0 ? Double.NaN : cpu / 1_000.0 / ops;
    return List.of(new ScalarResult("cpu.time.norm", microsPerOp, "us/op", AggregationPolicy.AVG));
  }

  // JMH names its benchmark threads "<benchmark>-jmh-worker-<n>" and keeps them across iterations.
  private long workerCpuNanos() {
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("-jmh-worker-")) {
        long t = threads.getThreadCpuTime(info.getThreadId());
        if (t > 0) {
          total += t;
        }
      }
    }
    return total;
  }
}
