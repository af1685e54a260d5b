/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.simd;

import dev.bulwark.simd.KeyedHash;
import dev.bulwark.simd.internal.HashKey;
import dev.bulwark.simd.internal.Kernels;
import java.util.Arrays;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The keyed 64-bit hash: Vector API kernels, scalar kernels, the public facade (whichever kernels
 * the JVM chose) and the JDK's {@code Arrays.hashCode} (32-bit, unkeyed: a speed reference, not an
 * equivalent) on the same random bytes.
 */
// Warm-up is long on purpose: Vector API code runs its slow, allocating Java fallback until C2
// has compiled it, which takes seconds on a loaded 2-core machine.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
public class KeyedHashBenchmark {

  @Param({"64", "256", "1024", "4096"})
  public int size;

  private byte[] data;
  private HashKey key;
  private Kernels scalar;
  private Kernels vector;

  @Setup
  public void setUp() {
    data = new byte[size];
    new SplittableRandom(size).nextBytes(data);
    key = HashKey.random();
    scalar = KernelFixture.scalar();
  }

  @Benchmark
  public long scalar() {
    return scalar.hash(key, data, 0, data.length);
  }

  @Benchmark
  public long vector() {
    if (vector == null) {
      vector = KernelFixture.vector();
    }
    return vector.hash(key, data, 0, data.length);
  }

  @Benchmark
  public long facade() {
    return KeyedHash.hash(data, 0, data.length);
  }

  @Benchmark
  public int jdkArraysHashCode() {
    return Arrays.hashCode(data);
  }
}
