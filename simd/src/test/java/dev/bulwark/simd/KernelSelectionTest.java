/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.simd.internal.Kernels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class KernelSelectionTest {

  /**
   * The build tells the tests which kernels must be active (bulwark.test.expectedSimd: "scalar" by
   * default, "panama" under -Pvector), so a JVM flag that silently stops reaching the tests fails
   * the build instead of quietly testing the scalar path twice.
   */
  @Test
  void activeKernels_expectationFromBuild_matches() {
    String expected = System.getProperty("bulwark.test.expectedSimd");
    boolean moduleReadable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    if (expected == null || expected.isEmpty()) {
      expected = moduleReadable ? "panama" : "scalar";
    }
    assertThat(Vectorization.implementation()).startsWith(expected);
    assertThat(Vectorization.isVectorized()).isEqualTo(expected.equals("panama"));
  }

  /**
   * From JDK 24 the 512-bit base64url decoder looks up each character with one two-table
   * permutation, {@code ByteVector.selectFrom(Vector, Vector)}, found by a method handle because
   * the code is compiled against JDK 17's API; a renamed or missing method would silently cost the
   * speed-up, so this fails instead.
   */
  @Test
  void vectorKernels_jdk24OrLaterWith512BitVectors_useTwoTableLookup() {
    Kernels vector = KernelsUnderTest.vector();
    Assumptions.assumeTrue(
        vector.name().contains("512-bit"), "needs 512-bit vectors, have " + vector.name());
    boolean expected = Runtime.version().feature() >= 24;
    assertThat(vector.name().contains("selectFrom(v1, v2)")).as(vector.name()).isEqualTo(expected);
  }
}
