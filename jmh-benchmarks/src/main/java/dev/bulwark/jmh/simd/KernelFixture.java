/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.simd;

import dev.bulwark.simd.internal.Kernels;
import dev.bulwark.simd.internal.KernelsProvider;
import dev.bulwark.simd.internal.ScalarKernels;

/** The two kernel implementations, side by side in one JVM. */
final class KernelFixture {

  private KernelFixture() {}

  static Kernels scalar() {
    return ScalarKernels.INSTANCE;
  }

  /**
   * The Vector API kernels. Run the {@code vector} benchmarks only with {@code -jvmArgsAppend
   * --add-modules=jdk.incubator.vector}; without it they fail at setup (exclude them with {@code -e
   * '\.vector$'}).
   */
  static Kernels vector() {
    return KernelsProvider.vectorKernels()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Vector API kernels unavailable: pass -jvmArgsAppend --add-modules=jdk.incubator.vector"));
  }

  /**
   * The Vector API kernels with base64url decoding held to the lookup of JDK 17 to 23 (two 64-entry
   * permutations per block). Only on JDK 24 and later does this differ from {@link #vector()},
   * which there looks up with {@code ByteVector.selectFrom(Vector, Vector)}.
   */
  static Kernels vectorJdk17Lookup() {
    vector();
    try {
      return (Kernels)
          Class.forName("dev.bulwark.simd.internal.panama.PanamaKernels")
              .getConstructor(boolean.class)
              .newInstance(false);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create PanamaKernels(false)", e);
    }
  }
}
