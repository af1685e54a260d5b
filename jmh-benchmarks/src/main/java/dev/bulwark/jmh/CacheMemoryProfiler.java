/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
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
 * A JMH profiler, called by JMH from one thread per iteration (not thread-safe), for {@link
 * CachedAuthMemory}: reports {@code cache.heap.MiB}, the Java heap the filled token cache holds
 * (measured once in the benchmark's setup, after full GCs), {@code cache.heap.bytesPerEntry}, and
 * {@code gc.collector.ms}, the collection time the JVM's collectors reported (all {@link
 * GarbageCollectorMXBean}s, young and old) during the iteration, per second of iteration, and the
 * time of one full GC with the cache empty and filled ({@code gc.fullGc.empty.ms}, {@code
 * gc.fullGc.filled.ms}). Use with {@code -prof dev.bulwark.jmh.CacheMemoryProfiler}; with another
 * benchmark it reports only the GC time.
 */
public final class CacheMemoryProfiler implements InternalProfiler {
  private long gcBefore;
  private long startNanos;

  @Override
  public String getDescription() {
    return "Java heap held by the filled token cache, and GC collector time per iteration";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    gcBefore = collectorMillis();
    startNanos = System.nanoTime();
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw type
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    List<Result> out = new ArrayList<>();
    out.add(
        new ScalarResult(
            "gc.collector.ms",
            (collectorMillis() - gcBefore) / seconds,
            "ms/s",
            AggregationPolicy.AVG));
    long heap = CachedAuthMemory.cacheHeapBytes;
    int entries = CachedAuthMemory.cacheEntries;
    if (heap != Long.MIN_VALUE && entries > 0) {
      out.add(
          new ScalarResult(
              "cache.heap.MiB", heap / (1024.0 * 1024.0), "MiB", AggregationPolicy.AVG));
      out.add(
          new ScalarResult(
              "cache.heap.bytesPerEntry", (double) heap / entries, "B", AggregationPolicy.AVG));
      out.add(
          new ScalarResult(
              "gc.fullGc.empty.ms",
              CachedAuthMemory.fullGcEmptyMillis,
              "ms",
              AggregationPolicy.AVG));
      out.add(
          new ScalarResult(
              "gc.fullGc.filled.ms",
              CachedAuthMemory.fullGcFilledMillis,
              "ms",
              AggregationPolicy.AVG));
    }
    return out;
  }

  private static long collectorMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      long t = gc.getCollectionTime();
      if (t > 0) {
        total += t;
      }
    }
    return total;
  }
}
