/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.simd;

import dev.bulwark.simd.ConstantTime;
import dev.bulwark.simd.internal.Kernels;
import java.security.MessageDigest;
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
 * Equality of two equal ranges (the case where every byte must be read): Vector API kernels, scalar
 * kernels, the facade, {@code MessageDigest.isEqual} (constant time since JDK 6u17) and {@code
 * Arrays.equals} (not constant time: a speed reference only).
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
public class ConstantTimeEqualsBenchmark {

  @Param({"64", "256", "1024", "4096"})
  public int size;

  private byte[] a;
  private byte[] b;
  private Kernels scalar;
  private Kernels vector;

  @Setup
  public void setUp() {
    a = new byte[size];
    new SplittableRandom(size).nextBytes(a);
    b = a.clone();
    scalar = KernelFixture.scalar();
  }

  @Benchmark
  public boolean scalar() {
    return scalar.equal(a, 0, b, 0, size);
  }

  @Benchmark
  public boolean vector() {
    if (vector == null) {
      vector = KernelFixture.vector();
    }
    return vector.equal(a, 0, b, 0, size);
  }

  @Benchmark
  public boolean facade() {
    return ConstantTime.equals(a, b);
  }

  @Benchmark
  public boolean jdkMessageDigestIsEqual() {
    return MessageDigest.isEqual(a, b);
  }

  @Benchmark
  public boolean jdkArraysEquals() {
    return Arrays.equals(a, b);
  }
}
