/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.simd.internal.HashKey;
import dev.bulwark.simd.internal.Kernels;
import dev.bulwark.simd.internal.KernelsProvider;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Statistical quality of the keyed hash in the style of SMHasher (avalanche, bucket distribution by
 * chi-squared, collision counts), on the kernels this JVM runs. A fixed key and fixed inputs keep
 * the statistics reproducible; the bounds are six standard deviations, so a hash that is merely
 * unlucky does not fail, while a missing finaliser or lane fold fails by orders of magnitude.
 */
class KeyedHashDistributionTest {

  private static final HashKey KEY = HashKey.from(new Random(20261130));
  private final Kernels kernels = KernelsProvider.get();

  private long hash(byte[] a) {
    return kernels.hash(KEY, a, 0, a.length);
  }

  @Test
  void hash_singleInputBitFlips_eachOutputBitFlipsWithProbabilityOneHalf() {
    Random random = new Random(11);
    for (int len : new int[] {1, 2, 3, 8, 13, 16, 31, 64, 65, 100, 200}) {
      // Lengths 1 and 2 have fewer distinct inputs than samples: take every input once. Then
      // each flipped pair is seen from both ends, so only half the samples are independent.
      int samples = len <= 2 ? 1 << (8 * len) : 3000;
      double sigma = 0.5 / Math.sqrt(len <= 2 ? samples / 2 : samples);
      int[][] flips = new int[len * 8][64];
      byte[] a = new byte[len];
      for (int s = 0; s < samples; s++) {
        if (len <= 2) {
          a[0] = (byte) s;
          if (len == 2) {
            a[1] = (byte) (s >>> 8);
          }
        } else {
          random.nextBytes(a);
        }
        long h = hash(a);
        for (int bit = 0; bit < len * 8; bit++) {
          a[bit >>> 3] ^= (byte) (1 << (bit & 7));
          long d = h ^ hash(a);
          a[bit >>> 3] ^= (byte) (1 << (bit & 7));
          for (int out = 0; out < 64; out++) {
            flips[bit][out] += (int) ((d >>> out) & 1);
          }
        }
      }
      double worst = 0;
      for (int[] row : flips) {
        for (int count : row) {
          worst = Math.max(worst, Math.abs((double) count / samples - 0.5));
        }
      }
      assertThat(worst)
          .as("worst avalanche bias at length %d (sigma %.4f)", len, sigma)
          .isLessThan(6 * sigma);
    }
  }

  @Test
  void hash_sequentialCounters_fillBucketsUniformly() {
    int n = 1 << 18;
    assertUniform(
        "sequential 8-byte counters",
        n,
        i -> {
          byte[] a = new byte[8];
          for (int k = 0; k < 4; k++) {
            a[k] = (byte) (i >>> (8 * k));
          }
          return a;
        });
  }

  @Test
  void hash_sparseKeysTwoBitsSet_fillBucketsUniformly() {
    int bits = 256;
    int[] pairs = new int[bits * (bits - 1) / 2 * 2];
    int p = 0;
    for (int x = 0; x < bits; x++) {
      for (int y = x + 1; y < bits; y++) {
        pairs[p++] = x;
        pairs[p++] = y;
      }
    }
    assertUniform(
        "32-byte keys with two bits set",
        pairs.length / 2,
        i -> {
          byte[] a = new byte[32];
          a[pairs[2 * i] >>> 3] |= (byte) (1 << (pairs[2 * i] & 7));
          a[pairs[2 * i + 1] >>> 3] |= (byte) (1 << (pairs[2 * i + 1] & 7));
          return a;
        });
  }

  @Test
  void hash_textKeysWithCommonPrefix_fillBucketsUniformly() {
    assertUniform(
        "token-like text",
        1 << 17,
        i -> ("bk_live_0123456789abcdef_" + i).getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void hash_zeroKeysOfEveryLength_fillBucketsUniformly() {
    assertUniform("all-zero keys of lengths 0..4095", 4096, byte[]::new);
  }

  @Test
  void hash_cyclicKeysAcrossStripes_fillBucketsUniformly() {
    // SMHasher's cyclic keyset: a 16-byte cycle repeated over 160 bytes, so stripes repeat.
    assertUniform(
        "cyclic 160-byte keys",
        1 << 15,
        i -> {
          Random r = new Random(i);
          byte[] cycle = new byte[16];
          r.nextBytes(cycle);
          byte[] a = new byte[160];
          for (int k = 0; k < a.length; k++) {
            a[k] = cycle[k & 15];
          }
          return a;
        });
  }

  @Test
  void hash_swappedStripes_differ() {
    Random random = new Random(12);
    int same = 0;
    for (int t = 0; t < 10_000; t++) {
      byte[] a = new byte[128];
      random.nextBytes(a);
      byte[] b = new byte[128];
      System.arraycopy(a, 64, b, 0, 64);
      System.arraycopy(a, 0, b, 64, 64);
      if (hash(a) == hash(b)) {
        same++;
      }
    }
    assertThat(same).isZero();
  }

  @Test
  void hash_millionDistinctKeys_noFullCollisionsAndExpected32BitCollisions() {
    int n = 1 << 20;
    long[] h = new long[n];
    for (int i = 0; i < n; i++) {
      h[i] = hash(("k" + i).getBytes(StandardCharsets.US_ASCII));
    }
    // Birthday bound: 2^40 / 2^65 full collisions (none), 2^40 / 2^33 = 128 per 32-bit half.
    assertThat(collisions(h.clone(), 0)).as("64-bit collisions").isZero();
    double expected = (double) n * (n - 1) / 2 / Math.pow(2, 32);
    double tolerance = 6 * Math.sqrt(expected);
    assertThat((double) collisions(h.clone(), 32))
        .as("collisions in the high 32 bits")
        .isBetween(expected - tolerance, expected + tolerance);
    long[] low = new long[n];
    for (int i = 0; i < n; i++) {
      low[i] = h[i] << 32;
    }
    assertThat((double) collisions(low, 32))
        .as("collisions in the low 32 bits")
        .isBetween(expected - tolerance, expected + tolerance);
  }

  @Test
  void hash_differentKeys_differentHashes() {
    HashKey other = HashKey.from(new Random(20261131));
    byte[] a = "same input".getBytes(StandardCharsets.US_ASCII);
    assertThat(kernels.hash(other, a, 0, a.length)).isNotEqualTo(hash(a));
  }

  @Test
  void hashKey_toString_masksTheKey() {
    assertThat(KEY.toString()).isEqualTo("HashKey[<masked>]");
  }

  /** Number of values equal to their predecessor after sorting the top (64 - dropBits) bits. */
  private static int collisions(long[] h, int dropBits) {
    for (int i = 0; i < h.length; i++) {
      h[i] >>>= dropBits;
    }
    Arrays.sort(h);
    int c = 0;
    for (int i = 1; i < h.length; i++) {
      if (h[i] == h[i - 1]) {
        c++;
      }
    }
    return c;
  }

  /**
   * Chi-squared of the keys' spread over buckets chosen by the low bits and by the high bits, as a
   * Wilson-Hilferty z-score, within six standard deviations either way.
   */
  private void assertUniform(String keyset, int n, IntFunction<byte[]> keys) {
    int bucketBits = Math.min(12, 31 - Integer.numberOfLeadingZeros(n / 16));
    int buckets = 1 << bucketBits;
    long[] low = new long[buckets];
    long[] high = new long[buckets];
    for (int i = 0; i < n; i++) {
      long h = hash(keys.apply(i));
      low[(int) (h & (buckets - 1))]++;
      high[(int) (h >>> (64 - bucketBits))]++;
    }
    assertThat(chiSquaredZ(low, n)).as("%s, low %d bits", keyset, bucketBits).isBetween(-6.0, 6.0);
    assertThat(chiSquaredZ(high, n))
        .as("%s, high %d bits", keyset, bucketBits)
        .isBetween(-6.0, 6.0);
  }

  private static double chiSquaredZ(long[] counts, int n) {
    double expected = (double) n / counts.length;
    double chi = 0;
    for (long c : counts) {
      chi += (c - expected) * (c - expected) / expected;
    }
    double df = counts.length - 1;
    double v = 2.0 / (9 * df);
    return (Math.cbrt(chi / df) - (1 - v)) / Math.sqrt(v);
  }
}
