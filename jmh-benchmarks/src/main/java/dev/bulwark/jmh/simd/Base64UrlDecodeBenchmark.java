/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.simd;

import dev.bulwark.simd.Base64Url;
import dev.bulwark.simd.internal.Kernels;
import java.util.Base64;
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
 * Strict base64url decoding of {@code size} characters (canonical, unpadded) into a reused array:
 * Vector API kernels, scalar kernels, the facade, and the JDK's {@code Base64.getUrlDecoder()} into
 * the same kind of array ({@code decode(byte[], byte[])}, no allocation). The JDK decoder is more
 * lenient (it accepts padding and non-canonical trailing bits), so it does less checking.
 */
// Warm-up is long on purpose: Vector API code runs its slow, allocating Java fallback until C2
// has compiled it, which takes seconds on a loaded 2-core machine (the decoder is the largest
// Vector API method, hence 8 iterations here). A vector score with gc.alloc.rate.norm well above
// 0 B/op measured that fallback, not the kernel: re-run it with more warm-up.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 3, time = 1)
public class Base64UrlDecodeBenchmark {

  /** Encoded length in characters; a multiple of 4, so it decodes to size * 3 / 4 bytes. */
  @Param({"64", "256", "1024", "4096"})
  public int size;

  private byte[] text;
  private byte[] out;
  private Base64.Decoder jdk;
  private Kernels scalar;
  private Kernels vector;
  private Kernels vectorJdk17Lookup;

  @Setup
  public void setUp() {
    byte[] raw = new byte[size / 4 * 3];
    new SplittableRandom(size).nextBytes(raw);
    text = Base64.getUrlEncoder().withoutPadding().encode(raw);
    if (text.length != size) {
      throw new IllegalStateException("encoded length " + text.length + " != " + size);
    }
    out = new byte[raw.length];
    jdk = Base64.getUrlDecoder();
    scalar = KernelFixture.scalar();
  }

  @Benchmark
  public int scalar() {
    return scalar.decodeBase64Url(text, 0, size, out, 0);
  }

  @Benchmark
  public int vector() {
    if (vector == null) {
      vector = KernelFixture.vector();
    }
    return vector.decodeBase64Url(text, 0, size, out, 0);
  }

  /**
   * The vector kernels with the JDK 17 lookup: on JDK 24 and later, the A/B for the {@code
   * selectFrom(v1, v2)} lookup that {@link #vector()} uses there; on JDK 17 the same code as {@code
   * vector}.
   */
  @Benchmark
  public int vectorJdk17Lookup() {
    if (vectorJdk17Lookup == null) {
      vectorJdk17Lookup = KernelFixture.vectorJdk17Lookup();
    }
    return vectorJdk17Lookup.decodeBase64Url(text, 0, size, out, 0);
  }

  @Benchmark
  public int facade() {
    return Base64Url.decode(text, 0, size, out, 0);
  }

  @Benchmark
  public int jdkUrlDecoder() {
    return jdk.decode(text, out);
  }
}
