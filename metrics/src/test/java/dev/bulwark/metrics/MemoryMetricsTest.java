/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.memory.BufferPool;
import dev.bulwark.memory.PooledBuffer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MemoryMetricsTest extends MeterBinderContract<BufferPool> {

  @Override
  BufferPool newWatched() {
    return BufferPool.builder().capacity(1 << 20).slabSize(1 << 16).build();
  }

  @Override
  MeterBinder binder(BufferPool watched) {
    return new MemoryMetrics(watched, "test");
  }

  @Override
  void exercise(BufferPool watched) {
    PooledBuffer b = watched.acquire(100);
    watched.release(b);
    watched.release(watched.acquire(100));
  }

  @Override
  String movingMeter() {
    return MeterNames.MEMORY_POOL_ACQUISITIONS;
  }

  @Override
  void close(BufferPool watched) {
    watched.close();
  }

  @Test
  void hitRatio_secondAcquisitionFromFreeList_isAHalf() {
    BufferPool pool = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(pool).bindTo(r);
    exercise(pool);
    assertThat(r.get(MeterNames.MEMORY_POOL_HIT_RATIO).tag("pool", "test").gauge().value())
        .isGreaterThan(0.0);
    pool.close();
  }
}
