/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.memory;

import dev.bulwark.memory.BufferPool;
import dev.bulwark.memory.PooledBuffer;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Getting a buffer of {@code size} bytes, writing its first and last words, and giving it back: the
 * pool's acquire and release, against {@code ByteBuffer.allocateDirect} (freed by the GC's cleaner)
 * and a new on-heap array. {@link OneThread} and {@link TwoThreads} run the same methods on one
 * shared pool.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public abstract class BufferPoolBenchmark {

  /** The pool, shared by the benchmark's threads. */
  @State(Scope.Benchmark)
  public static class Pool {
    @Param({"256", "4096"})
    public int size;

    BufferPool pool;

    @Setup
    public void setUp() {
      pool = BufferPool.builder().capacity(64L << 20).build();
      // Warm the free list so that the steady state is measured, not the first slab.
      pool.release(pool.acquire(size));
    }

    @TearDown
    public void tearDown() {
      pool.close();
    }
  }

  @Benchmark
  public long pooled(Pool p) {
    PooledBuffer b = p.pool.acquire(p.size);
    b.buffer().putLong(0, 1L);
    b.buffer().putLong(p.size - 8, 2L);
    long v = b.buffer().getLong(0);
    p.pool.release(b);
    return v;
  }

  @Benchmark
  public ByteBuffer allocateDirect(Pool p) {
    ByteBuffer b = ByteBuffer.allocateDirect(p.size);
    b.putLong(0, 1L);
    b.putLong(p.size - 8, 2L);
    return b;
  }

  @Benchmark
  public byte[] heapArray(Pool p) {
    byte[] b = new byte[p.size];
    b[0] = 1;
    b[p.size - 8] = 2;
    return b;
  }

  /** One thread. */
  @Threads(1)
  public static class OneThread extends BufferPoolBenchmark {}

  /** Two threads on one pool. */
  @Threads(2)
  public static class TwoThreads extends BufferPoolBenchmark {}
}
