/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd.internal;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The secret of the keyed hash: immutable and thread-safe once built.
 *
 * <p>The hash runs {@value #LANES} independent 32-bit lanes over the input's 4-byte words (see
 * {@link ScalarHash} for the definition). Each lane has its own starting accumulator, its own key
 * word and its own odd step that advances the key word from one 64-byte stripe to the next, so that
 * moving a word to another lane or another stripe changes the hash; {@link #fold} keys the final
 * merge of the lanes. The arrays are exposed as fields for the kernels' inner loops; nothing may
 * write to them.
 */
public final class HashKey {

  /** Number of independent 32-bit lanes; one 64-byte stripe feeds one 4-byte word to each lane. */
  public static final int LANES = 16;

  /** Bytes consumed per stripe: one little-endian word per lane. */
  public static final int STRIPE_BYTES = LANES * Integer.BYTES;

  /** Mixed with the input length before the lanes are merged. Never written. */
  public final long seed;

  /** Initial accumulator of each lane. Never written. */
  public final int[] init = new int[LANES];

  /** Key word of each lane for stripe 0. Never written. */
  public final int[] lane = new int[LANES];

  /** Odd per-lane step added to the key word after each stripe. Never written. */
  public final int[] step = new int[LANES];

  /** XORed into the eight 64-bit lane pairs before they are multiplied together. Never written. */
  public final long[] fold = new long[LANES / 2];

  /** {@link #init} as eight lane pairs {@code init[2m] | init[2m + 1] << 32}, for short inputs. */
  public final long[] pairInit = new long[LANES / 2];

  /** {@link #lane} as eight lane pairs, like {@link #pairInit}. */
  public final long[] pairLane = new long[LANES / 2];

  private HashKey(Random random) {
    seed = random.nextLong();
    for (int i = 0; i < LANES; i++) {
      init[i] = random.nextInt();
      lane[i] = random.nextInt();
      step[i] = random.nextInt() | 1;
    }
    for (int i = 0; i < fold.length; i++) {
      fold[i] = random.nextLong();
      pairInit[i] = (init[2 * i] & 0xFFFFFFFFL) | (long) init[2 * i + 1] << 32;
      pairLane[i] = (lane[2 * i] & 0xFFFFFFFFL) | (long) lane[2 * i + 1] << 32;
    }
  }

  /** Draws a fresh key from a {@link SecureRandom}; this is the per-process key. */
  public static HashKey random() {
    return new HashKey(new SecureRandom());
  }

  /**
   * Derives a key from the given source of randomness. Tests use a seeded {@link Random} so that
   * their statistics are reproducible; production code uses {@link #random()}.
   */
  public static HashKey from(Random random) {
    return new HashKey(random);
  }

  @Override
  public String toString() {
    return "HashKey[<masked>]";
  }
}
