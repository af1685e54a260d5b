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
import java.util.function.Function;
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
    bindPool(registry, p, BufferPool::stats, tags);
  }

  /**
   * Registers the pool meters over whatever {@code stats} reads from {@code source} (a {@link
   * BufferPool}, or an engine's off-heap cache), each meter holding {@code source} weakly.
   */
  static <T> void bindPool(
      MeterRegistry registry, T source, Function<T, PoolStats> stats, Tags tags) {
    Binding<T> b = new Binding<>(registry, source, stats, tags);
    b.gauge(
        MeterNames.MEMORY_POOL_HIT_RATIO,
        "Share of acquisitions served from a free list",
        null,
        PoolStats::hitRatio);
    b.gauge(
        MeterNames.MEMORY_POOL_FRAGMENTATION_RATIO,
        "Share of the reserved memory that holds no requested byte",
        null,
        PoolStats::fragmentationRatio);
    b.gauge(
        MeterNames.MEMORY_POOL_RESERVED,
        "Off-heap bytes the pool holds",
        "bytes",
        PoolStats::bytesReserved);
    b.gauge(
        MeterNames.MEMORY_POOL_IN_USE,
        "Bytes of the blocks acquired now",
        "bytes",
        PoolStats::bytesInUse);
    b.gauge(
        MeterNames.MEMORY_POOL_PEAK,
        "The highest bytes in use seen",
        "bytes",
        PoolStats::peakBytesInUse);
    b.gauge(
        MeterNames.MEMORY_POOL_CAPACITY,
        "The limit on the pool's reserved bytes",
        "bytes",
        PoolStats::capacity);
    b.acquisitions("hit", PoolStats::hits);
    b.acquisitions("miss", PoolStats::misses);
  }

  /** One binding's registry, source and tags, so each meter is one call. */
  private static final class Binding<T> {
    private final MeterRegistry registry;
    private final T source;
    private final Function<T, PoolStats> stats;
    private final Tags tags;

    Binding(MeterRegistry registry, T source, Function<T, PoolStats> stats, Tags tags) {
      this.registry = registry;
      this.source = source;
      this.stats = stats;
      this.tags = tags;
    }

    void gauge(String name, String description, String unit, ToDoubleFunction<PoolStats> f) {
      // A local, so that the meter's function holds the reader and not this binding, which holds
      // the source strongly: the meter must hold the source weakly.
      Function<T, PoolStats> read = stats;
      Gauge.builder(name, source, x -> f.applyAsDouble(read.apply(x)))
          .description(description)
          .baseUnit(unit)
          .tags(tags)
          .register(registry);
    }

    void acquisitions(String result, ToDoubleFunction<PoolStats> f) {
      Function<T, PoolStats> read = stats; // as in gauge
      FunctionCounter.builder(
              MeterNames.MEMORY_POOL_ACQUISITIONS, source, x -> f.applyAsDouble(read.apply(x)))
          .description("Acquisitions from the pool")
          .tags(tags)
          .tag("result", result)
          .register(registry);
    }
  }
}
