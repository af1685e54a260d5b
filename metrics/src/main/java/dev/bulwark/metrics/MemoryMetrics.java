/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import dev.bulwark.memory.BufferPool;
import dev.bulwark.memory.PoolStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.ref.WeakReference;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link BufferPool}'s counters ({@link BufferPool#stats()}), each tagged {@code pool}:
 * {@value MeterNames#MEMORY_POOL_HIT_RATIO}, {@value MeterNames#MEMORY_POOL_FRAGMENTATION_RATIO},
 * {@value MeterNames#MEMORY_POOL_ACQUISITIONS}{@code {result}} (hit, miss), and in bytes {@value
 * MeterNames#MEMORY_POOL_RESERVED}, {@value MeterNames#MEMORY_POOL_IN_USE}, {@value
 * MeterNames#MEMORY_POOL_PEAK} and {@value MeterNames#MEMORY_POOL_CAPACITY}. Needs bulwark-memory.
 *
 * <p>Holds the pool weakly. Thread-safe.
 */
public final class MemoryMetrics implements MeterBinder {
  private final WeakReference<BufferPool> pool;
  private final Tags tags;

  /**
   * A binder for {@code pool}, whose meters carry the tag {@code pool=name}.
   *
   * @throws NullPointerException if an argument is null
   */
  public MemoryMetrics(BufferPool pool, String name) {
    this.pool = new WeakReference<>(Objects.requireNonNull(pool, "pool"));
    this.tags = Tags.of("pool", Objects.requireNonNull(name, "name"));
  }

  /** Registers the meters; does nothing if the pool was already collected. */
  @Override
  public void bindTo(MeterRegistry registry) {
    BufferPool p = pool.get();
    if (p == null) {
      return;
    }
    gauge(
        registry,
        p,
        MeterNames.MEMORY_POOL_HIT_RATIO,
        "Share of acquisitions served from a free list",
        null,
        PoolStats::hitRatio);
    gauge(
        registry,
        p,
        MeterNames.MEMORY_POOL_FRAGMENTATION_RATIO,
        "Share of the reserved memory that holds no requested byte",
        null,
        PoolStats::fragmentationRatio);
    gauge(
        registry,
        p,
        MeterNames.MEMORY_POOL_RESERVED,
        "Off-heap bytes the pool holds",
        "bytes",
        PoolStats::bytesReserved);
    gauge(
        registry,
        p,
        MeterNames.MEMORY_POOL_IN_USE,
        "Bytes of the blocks acquired now",
        "bytes",
        PoolStats::bytesInUse);
    gauge(
        registry,
        p,
        MeterNames.MEMORY_POOL_PEAK,
        "The highest bytes in use seen",
        "bytes",
        PoolStats::peakBytesInUse);
    gauge(
        registry,
        p,
        MeterNames.MEMORY_POOL_CAPACITY,
        "The limit on the pool's reserved bytes",
        "bytes",
        PoolStats::capacity);
    acquisitions(registry, p, "hit", PoolStats::hits);
    acquisitions(registry, p, "miss", PoolStats::misses);
  }

  private void gauge(
      MeterRegistry registry,
      BufferPool p,
      String name,
      String description,
      String unit,
      ToDoubleFunction<PoolStats> f) {
    Gauge.builder(name, p, x -> f.applyAsDouble(x.stats()))
        .description(description)
        .baseUnit(unit)
        .tags(tags)
        .register(registry);
  }

  private void acquisitions(
      MeterRegistry registry, BufferPool p, String result, ToDoubleFunction<PoolStats> f) {
    FunctionCounter.builder(MeterNames.MEMORY_POOL_ACQUISITIONS, p, x -> f.applyAsDouble(x.stats()))
        .description("Acquisitions from the pool")
        .tags(tags)
        .tag("result", result)
        .register(registry);
  }
}
