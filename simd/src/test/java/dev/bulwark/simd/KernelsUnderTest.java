/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd;

import dev.bulwark.simd.internal.Kernels;
import dev.bulwark.simd.internal.KernelsProvider;
import dev.bulwark.simd.internal.ScalarKernels;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;

/** Shared fixtures: the two kernel implementations and the lengths every kernel is tried at. */
final class KernelsUnderTest {

  /** The odd lengths of STYLE.md, plus the block edges of the kernels (32, 64 bytes). */
  static final int[] ODD_LENGTHS = {
    0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 47, 48, 63, 64, 65, 95, 96, 127,
    128, 129, 255, 256, 257, 1023, 1024, 1025, 4095, 4096, 4097, 8191, 8193
  };

  private static final String PANAMA_KERNELS = "dev.bulwark.simd.internal.panama.PanamaKernels";

  private KernelsUnderTest() {}

  static Kernels scalar() {
    return ScalarKernels.INSTANCE;
  }

  /** The Vector API kernels; the calling test is skipped when this JVM cannot run them. */
  static Kernels vector() {
    Optional<Kernels> vector = KernelsProvider.vectorKernels();
    Assumptions.assumeTrue(
        vector.isPresent(),
        "Vector API kernels unavailable: run with -Pvector (--add-modules jdk.incubator.vector)");
    return vector.get();
  }

  /**
   * The Vector API kernels as {@link #vector()} gives them, then the same kernels with base64url
   * decoding held to the lookup that JDK 17 to 23 use: from JDK 24 the default decoder looks up
   * with {@code ByteVector.selectFrom(Vector, Vector)}, so both lookups must match the scalar code.
   * Below JDK 24 the two are the same code. The calling test is skipped when this JVM cannot run
   * the vector kernels.
   */
  static List<Kernels> vectorDecoders() {
    Kernels chosen = vector();
    try {
      Kernels portable =
          (Kernels) Class.forName(PANAMA_KERNELS).getConstructor(boolean.class).newInstance(false);
      return List.of(chosen, portable);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot create " + PANAMA_KERNELS + "(false)", e);
    }
  }

  /** Every length from 0 to 4096, then the odd lengths above it. */
  static IntStream allLengths() {
    return IntStream.concat(
        IntStream.rangeClosed(0, 4096), IntStream.of(ODD_LENGTHS).filter(n -> n > 4096));
  }
}
