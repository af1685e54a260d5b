/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The scalar kernels: stateless and thread-safe, the default, and the definition the vector kernels
 * are tested against.
 */
public class ScalarKernels extends Kernels {

  /** The one instance; the class is not final only so that the vector kernels can reuse it. */
  public static final ScalarKernels INSTANCE = new ScalarKernels();

  private static final VarHandle LONGS_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** For subclasses; use {@link #INSTANCE}. */
  protected ScalarKernels() {}

  static long longLE(byte[] a, int i) {
    return (long) LONGS_LE.get(a, i);
  }

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public long hash(HashKey key, byte[] a, int off, int len) {
    return ScalarHash.hash(key, a, off, len);
  }

  @Override
  public boolean equal(byte[] a, int aOff, byte[] b, int bOff, int len) {
    return equalScalar(a, aOff, b, bOff, 0, len, 0L);
  }

  /**
   * OR-accumulates the XOR of {@code a[aOff + i, aOff + len)} and the matching range of {@code b}
   * into {@code diff}, with no early exit, and reports whether all of it is zero.
   */
  public static boolean equalScalar(
      byte[] a, int aOff, byte[] b, int bOff, int i, int len, long diff) {
    // Four words per round: a token compare (a few hundred bytes, on every cache hit) spends
    // less on the loop and its bounds checks than one word per round did. Still no early exit.
    for (; i + 32 <= len; i += 32) {
      int p = aOff + i;
      int q = bOff + i;
      diff |=
          ((long) LONGS_LE.get(a, p) ^ (long) LONGS_LE.get(b, q))
              | ((long) LONGS_LE.get(a, p + 8) ^ (long) LONGS_LE.get(b, q + 8))
              | ((long) LONGS_LE.get(a, p + 16) ^ (long) LONGS_LE.get(b, q + 16))
              | ((long) LONGS_LE.get(a, p + 24) ^ (long) LONGS_LE.get(b, q + 24));
    }
    for (; i + 8 <= len; i += 8) {
      diff |= (long) LONGS_LE.get(a, aOff + i) ^ (long) LONGS_LE.get(b, bOff + i);
    }
    for (; i < len; i++) {
      diff |= a[aOff + i] ^ b[bOff + i];
    }
    return diff == 0;
  }

  @Override
  public int decodeBase64Url(byte[] src, int off, int len, byte[] dst, int dstOff) {
    int end = ScalarBase64.decode(src, off, off + len, dst, dstOff);
    return end < 0 ? ScalarBase64.MALFORMED : end - dstOff;
  }
}
