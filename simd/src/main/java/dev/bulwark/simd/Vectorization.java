/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd;

import dev.bulwark.simd.internal.KernelsProvider;

/**
 * Reports which kernels this process runs; stateless and thread-safe.
 *
 * <p>The choice is made once, at first use of any kernel: the Vector API kernels when the module
 * {@code jdk.incubator.vector} is readable ({@code --add-modules jdk.incubator.vector}), C2 is the
 * JIT and the platform is little-endian; the scalar kernels otherwise. Both give the same results.
 */
public final class Vectorization {

  private Vectorization() {}

  /**
   * Short name of the active kernels: {@code "scalar"}, or {@code "panama, <bits>-bit"} for the
   * Vector API ones.
   */
  public static String implementation() {
    return KernelsProvider.get().name();
  }

  /** Whether the Vector API kernels are active. */
  public static boolean isVectorized() {
    return !"scalar".equals(implementation());
  }
}
