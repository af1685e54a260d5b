/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The definition of Bulwark's keyed 64-bit hash, written as plain Java; stateless and thread-safe.
 *
 * <p>Design. The hash is defined lane-parallel so that a vector unit computes it exactly: the input
 * is cut into 64-byte stripes, and word {@code i} (little-endian, 4 bytes) of stripe {@code j} goes
 * to 32-bit lane {@code i} (16 lanes), all arithmetic modulo 2^32:
 *
 * <pre>
 *   k    = key.lane[i] + j * key.step[i]
 *   x    = w ^ k
 *   acc[i] += w + (x &amp; 0xFFFF) * (x &gt;&gt;&gt; 16)
 * </pre>
 *
 * An input of 64 bytes or more is {@code len / 64} whole stripes and, when {@code len} is not a
 * multiple of 64, one more stripe (index {@code len / 64}) made of the input's last 64 bytes, which
 * overlap the previous stripe. The 16 accumulators are then paired into eight 64-bit words {@code
 * P[m] = acc[2m] | acc[2m + 1] << 32}, each XORed with a key word, and merged:
 *
 * <pre>
 *   h = seed ^ len * C
 *   h += fold(P[0], P[1]) + fold(P[2], P[3]) + fold(P[4], P[5]) + fold(P[6], P[7])
 *   fold(x, y) = lo64(x * y) ^ hi64(x * y)        (signed 128-bit product)
 *   result = fmix64(h)
 * </pre>
 *
 * An input under 64 bytes is cut into 8-byte words instead (the last one padded with zero bytes),
 * and word {@code m} goes straight to pair {@code m}, with 64-bit arithmetic: {@code P[m] = init[m]
 * + w + lo32(w ^ k[m]) * hi32(w ^ k[m])}, where {@code init[m]} and {@code k[m]} are the lane
 * pair's starting accumulators and stripe-0 key words, paired the same way; pairs without a word
 * keep {@code init[m]}. The merge is the same. Short inputs are hashed by this scalar code on both
 * paths, and half as many words (with 64-bit multiplies, one instruction for a scalar unit) keep
 * them fast.
 *
 * <p>Why this shape. The 16 x 16 -&gt; 32-bit product of a word's two keyed halves is the NH
 * construction (as in UMAC and, with 32-bit halves, XXH3): a multiply per word, which every SIMD
 * instruction set has for 32-bit lanes (AVX-512 and AVX2 {@code vpmulld}), while a 32 x 32 -&gt;
 * 64-bit lane multiply is a three-uop {@code vpmullq} on JDK 17's C2. Adding {@code w} as well
 * keeps the word's bits when a half of {@code x} is zero. The per-stripe key makes stripes
 * order-sensitive, and the overlapping last stripe lets the vector kernels finish with one more
 * full-width step instead of a scalar tail. The merge multiplies lane pairs together (XXH3's
 * 128-bit fold), four independent products instead of a serial chain, and the length is mixed in,
 * so the zero padding and the overlap are not ambiguous. {@code fmix64} is David Stafford's Mix13
 * finaliser.
 *
 * <p>The vector kernels compute the same lanes with the same wrapping arithmetic, then call {@link
 * #merge} here, so both paths give bit-identical results.
 *
 * <p>This is a hash for hash tables under attacker-chosen input (the key is secret and random per
 * process), not a MAC and not a cryptographic digest: equality must always be confirmed on the full
 * bytes.
 */
public final class ScalarHash {

  private static final VarHandle LONGS_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long LEN_MUL = 0xC2B2AE3D27D4EB4FL;

  private ScalarHash() {}

  /** The per-word lane step: {@code w + lo16(w ^ k) * hi16(w ^ k)}, modulo 2^32. */
  static int mix(int w, int k) {
    int x = w ^ k;
    return w + (x & 0xFFFF) * (x >>> 16);
  }

  /**
   * David Stafford's "Mix13" variant of the murmur3 64-bit finaliser (the one SplitMix64 uses): a
   * bijection with better avalanche than murmur3's own constants on low-entropy input.
   */
  static long fmix64(long h) {
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }

  /** XOR of the two halves of the signed 128-bit product. */
  private static long fold(long x, long y) {
    return x * y ^ Math.multiplyHigh(x, y);
  }

  private static long pair(int lo, int hi) {
    return (lo & 0xFFFFFFFFL) | (long) hi << 32;
  }

  /**
   * Merges the lanes, given as the eight pairs {@code p0 .. p7} ({@code acc[2m] | acc[2m+1] << 32},
   * which is also what a vector of 16 ints reads as when reinterpreted as 8 longs on a
   * little-endian machine), with the length, and finalises. The vector kernels call this.
   */
  public static long merge(
      HashKey key,
      int len,
      long p0,
      long p1,
      long p2,
      long p3,
      long p4,
      long p5,
      long p6,
      long p7) {
    final long[] f = key.fold;
    long h = key.seed ^ (len & 0xFFFFFFFFL) * LEN_MUL;
    h += fold(p0 ^ f[0], p1 ^ f[1]);
    h += fold(p2 ^ f[2], p3 ^ f[3]);
    h += fold(p4 ^ f[4], p5 ^ f[5]);
    h += fold(p6 ^ f[6], p7 ^ f[7]);
    return fmix64(h);
  }

  /**
   * Hashes {@code len} bytes of {@code a} from {@code off}; bounds are the caller's.
   *
   * <p>Per 4-byte word the scalar code does what one vector lane does: an XOR with the lane's key
   * word, one 16 x 16-bit multiply of the halves and two adds into the lane's accumulator (plus,
   * per stripe, one add per lane to advance the key words). It reads two words per 8-byte load and
   * keeps the 16 accumulators and key words in locals.
   */
  public static long hash(HashKey key, byte[] a, int off, int len) {
    if (len < HashKey.STRIPE_BYTES) {
      return shortInput(key, a, off, len);
    }
    final int[] s = key.step;
    final int[] in = key.init;
    final int[] kl = key.lane;
    int a0 = in[0],
        a1 = in[1],
        a2 = in[2],
        a3 = in[3],
        a4 = in[4],
        a5 = in[5],
        a6 = in[6],
        a7 = in[7];
    int a8 = in[8],
        a9 = in[9],
        a10 = in[10],
        a11 = in[11],
        a12 = in[12],
        a13 = in[13],
        a14 = in[14];
    int a15 = in[15];
    int k0 = kl[0],
        k1 = kl[1],
        k2 = kl[2],
        k3 = kl[3],
        k4 = kl[4],
        k5 = kl[5],
        k6 = kl[6],
        k7 = kl[7];
    int k8 = kl[8],
        k9 = kl[9],
        k10 = kl[10],
        k11 = kl[11],
        k12 = kl[12],
        k13 = kl[13],
        k14 = kl[14];
    int k15 = kl[15];
    final int whole = len >>> 6;
    final int stripes = whole + ((len & 63) == 0 ? 0 : 1);
    for (int j = 0; j < stripes; j++) {
      // The stripe after the whole ones is the input's last 64 bytes.
      final int p = j < whole ? off + (j << 6) : off + len - HashKey.STRIPE_BYTES;
      long w = (long) LONGS_LE.get(a, p);
      a0 += mix((int) w, k0);
      a1 += mix((int) (w >>> 32), k1);
      w = (long) LONGS_LE.get(a, p + 8);
      a2 += mix((int) w, k2);
      a3 += mix((int) (w >>> 32), k3);
      w = (long) LONGS_LE.get(a, p + 16);
      a4 += mix((int) w, k4);
      a5 += mix((int) (w >>> 32), k5);
      w = (long) LONGS_LE.get(a, p + 24);
      a6 += mix((int) w, k6);
      a7 += mix((int) (w >>> 32), k7);
      w = (long) LONGS_LE.get(a, p + 32);
      a8 += mix((int) w, k8);
      a9 += mix((int) (w >>> 32), k9);
      w = (long) LONGS_LE.get(a, p + 40);
      a10 += mix((int) w, k10);
      a11 += mix((int) (w >>> 32), k11);
      w = (long) LONGS_LE.get(a, p + 48);
      a12 += mix((int) w, k12);
      a13 += mix((int) (w >>> 32), k13);
      w = (long) LONGS_LE.get(a, p + 56);
      a14 += mix((int) w, k14);
      a15 += mix((int) (w >>> 32), k15);
      k0 += s[0];
      k1 += s[1];
      k2 += s[2];
      k3 += s[3];
      k4 += s[4];
      k5 += s[5];
      k6 += s[6];
      k7 += s[7];
      k8 += s[8];
      k9 += s[9];
      k10 += s[10];
      k11 += s[11];
      k12 += s[12];
      k13 += s[13];
      k14 += s[14];
      k15 += s[15];
    }
    return merge(
        key,
        len,
        pair(a0, a1),
        pair(a2, a3),
        pair(a4, a5),
        pair(a6, a7),
        pair(a8, a9),
        pair(a10, a11),
        pair(a12, a13),
        pair(a14, a15));
  }

  /** The short-input step on a 64-bit word: {@code w + lo32(w ^ k) * hi32(w ^ k)}, modulo 2^64. */
  static long mix64(long w, long k) {
    long x = w ^ k;
    return w + (x & 0xFFFFFFFFL) * (x >>> 32);
  }

  /** An input under 64 bytes: at most eight 8-byte words, one per lane pair. */
  private static long shortInput(HashKey key, byte[] a, int off, int len) {
    final long[] f = key.fold;
    final int words = (len + 7) >>> 3;
    long h = key.seed ^ (len & 0xFFFFFFFFL) * LEN_MUL;
    long x = 0;
    for (int m = 0; m < HashKey.LANES / 2; m++) {
      long p = key.pairInit[m];
      if (m < words) {
        p += mix64(shortWord(a, off, len, m), key.pairLane[m]);
      }
      p ^= f[m];
      if ((m & 1) == 0) {
        x = p;
      } else {
        h += fold(x, p);
      }
    }
    return fmix64(h);
  }

  /**
   * 8-byte word {@code m} of {@code a[off, off + len)}, which has at least one byte, zero-padded.
   */
  private static long shortWord(byte[] a, int off, int len, int m) {
    int p = 8 * m;
    if (p + 8 <= len) {
      return (long) LONGS_LE.get(a, off + p);
    }
    if (len >= 8) {
      // The input's last 8 bytes end with this word's bytes: shift the others out.
      return (long) LONGS_LE.get(a, off + len - 8) >>> (8 * (p + 8 - len));
    }
    long w = 0;
    for (int shift = 0; p < len; p++, shift += 8) {
      w |= (a[off + p] & 0xFFL) << shift;
    }
    return w;
  }
}
