/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class ConstantTimeTest {

  @Test
  void equals_oneBitDifferenceAtEveryPosition_false() {
    SplittableRandom random = new SplittableRandom(31);
    for (int len : new int[] {1, 7, 8, 31, 32, 33, 65, 257}) {
      byte[] a = new byte[len];
      random.nextBytes(a);
      for (int at = 0; at < len; at++) {
        for (int bit = 0; bit < 8; bit++) {
          byte[] b = a.clone();
          b[at] ^= (byte) (1 << bit);
          assertThat(ConstantTime.equals(a, b))
              .as("length %d, byte %d, bit %d", len, at, bit)
              .isFalse();
        }
      }
      assertThat(ConstantTime.equals(a, a.clone())).isTrue();
    }
  }

  @Test
  void equals_differentLengths_false() {
    assertThat(ConstantTime.equals(new byte[3], new byte[4])).isFalse();
  }

  @Test
  void equals_emptyRanges_true() {
    assertThat(ConstantTime.equals(new byte[0], new byte[0])).isTrue();
    assertThat(ConstantTime.equals(new byte[5], 5, new byte[2], 2, 0)).isTrue();
  }

  @Test
  void equals_agronaBufferAgainstArray_agreesWithArrays() {
    SplittableRandom random = new SplittableRandom(32);
    for (int len : KernelsUnderTest.ODD_LENGTHS) {
      byte[] a = new byte[len];
      random.nextBytes(a);
      UnsafeBuffer offHeap = new UnsafeBuffer(BufferUtil.allocateDirectAligned(len + 64, 64));
      offHeap.putBytes(3, a);
      UnsafeBuffer overArray = new UnsafeBuffer(a.clone());

      assertThat(ConstantTime.equals(offHeap, 3, a, 0, len)).as("length %d", len).isTrue();
      assertThat(ConstantTime.equals(overArray, 0, a, 0, len)).as("length %d", len).isTrue();
      if (len > 0) {
        int at = random.nextInt(len);
        offHeap.putByte(3 + at, (byte) ~a[at]);
        overArray.putByte(at, (byte) ~a[at]);
        assertThat(ConstantTime.equals(offHeap, 3, a, 0, len)).as("length %d", len).isFalse();
        assertThat(ConstantTime.equals(overArray, 0, a, 0, len)).as("length %d", len).isFalse();
      }
    }
  }

  @Test
  void equals_rangeOutsideArray_throwsIndexOutOfBounds() {
    assertThatThrownBy(() -> ConstantTime.equals(new byte[4], 0, new byte[4], 1, 4))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
