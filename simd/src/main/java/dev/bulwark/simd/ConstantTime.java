/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd;

import dev.bulwark.simd.internal.KernelsProvider;
import java.util.Objects;
import org.agrona.DirectBuffer;

/**
 * Equality of byte ranges in time that does not depend on their contents; stateless and
 * thread-safe.
 *
 * <p>Every byte of both ranges is read and the XOR of each pair is OR-ed into one accumulator that
 * is tested once at the end: there is no early exit, so the time does not reveal where two ranges
 * differ. Lengths are public: ranges of different lengths are unequal at once, as with {@link
 * java.security.MessageDigest#isEqual}. Use it to confirm a token, a MAC or a key hash.
 */
public final class ConstantTime {

  private ConstantTime() {}

  /**
   * Whether {@code a[aOff, aOff + len)} and {@code b[bOff, bOff + len)} hold the same bytes.
   *
   * @throws IndexOutOfBoundsException if a range is not inside its array
   */
  public static boolean equals(byte[] a, int aOff, byte[] b, int bOff, int len) {
    Objects.checkFromIndexSize(aOff, len, a.length);
    Objects.checkFromIndexSize(bOff, len, b.length);
    return KernelsProvider.get().equal(a, aOff, b, bOff, len);
  }

  /** Whether the two arrays hold the same bytes; false at once if their lengths differ. */
  public static boolean equals(byte[] a, byte[] b) {
    if (a.length != b.length) {
      return false;
    }
    return KernelsProvider.get().equal(a, 0, b, 0, a.length);
  }

  /**
   * Whether {@code len} bytes of an Agrona buffer (for example a pooled off-heap block) equal a
   * range of an array.
   *
   * @throws IndexOutOfBoundsException if a range is not inside its buffer or array
   */
  public static boolean equals(DirectBuffer a, int aIndex, byte[] b, int bOff, int len) {
    Objects.checkFromIndexSize(aIndex, len, a.capacity());
    Objects.checkFromIndexSize(bOff, len, b.length);
    return KernelsProvider.get().equal(a, aIndex, b, bOff, len);
  }
}
