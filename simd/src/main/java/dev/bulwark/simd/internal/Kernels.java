/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd.internal;

import java.nio.ByteOrder;
import org.agrona.DirectBuffer;

/**
 * The kernels behind Bulwark's hashing, constant-time comparison and base64url decoding;
 * implementations are stateless and thread-safe.
 *
 * <p>Two implementations exist: {@link ScalarKernels}, always present and always correct, and a
 * Vector API one loaded by name by {@link KernelsProvider} when the platform allows. They differ
 * only in the {@code byte[]} methods; an Agrona buffer over an array is routed there. Off-heap
 * memory always takes the scalar code: the Vector API has no way to load from native memory that is
 * the same on JDK 17 and on JDK 25 ({@code fromByteBuffer} was replaced by {@code
 * fromMemorySegment} in JDK 20).
 *
 * <p>Arguments are trusted: the public facades check bounds before they call in.
 */
public abstract class Kernels {

  /** Short name of the implementation, for the start-up log line and the tests. */
  public abstract String name();

  /** Keyed hash of {@code a[off, off + len)}, as defined in {@link ScalarHash}. */
  public abstract long hash(HashKey key, byte[] a, int off, int len);

  /** Whether the ranges hold the same bytes, reading every byte whatever the answer. */
  public abstract boolean equal(byte[] a, int aOff, byte[] b, int bOff, int len);

  /**
   * Decodes strict base64url; returns the number of bytes written or {@link
   * ScalarBase64#MALFORMED}.
   */
  public abstract int decodeBase64Url(byte[] src, int off, int len, byte[] dst, int dstOff);

  /** Constant-time equality of an Agrona buffer range and an array range. */
  public final boolean equal(DirectBuffer a, int aIndex, byte[] b, int bOff, int len) {
    byte[] aa = a.byteArray();
    if (aa != null) {
      return equal(aa, arrayIndex(a, aIndex), b, bOff, len);
    }
    long diff = 0;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      diff |= a.getLong(aIndex + i, ByteOrder.LITTLE_ENDIAN) ^ ScalarKernels.longLE(b, bOff + i);
    }
    for (; i < len; i++) {
      diff |= a.getByte(aIndex + i) ^ b[bOff + i];
    }
    return diff == 0;
  }

  private static int arrayIndex(DirectBuffer b, int index) {
    return b.wrapAdjustment() + index;
  }
}
