/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyedHashTest {

  @Test
  void hash_rangeOutsideArray_throwsIndexOutOfBounds() {
    assertThatThrownBy(() -> KeyedHash.hash(new byte[10], 5, 6))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void hash_trailingZeroByteAppended_differs() {
    // Zero padding of the last word must not make "ab" and "ab\0" collide: the length is mixed.
    for (int len = 0; len < 200; len++) {
      byte[] a = new byte[len + 1];
      assertThat(KeyedHash.hash(a, 0, len))
          .as("length %d", len)
          .isNotEqualTo(KeyedHash.hash(a, 0, len + 1));
    }
  }
}
