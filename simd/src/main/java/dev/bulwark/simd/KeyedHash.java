/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd;

import dev.bulwark.simd.internal.HashKey;
import dev.bulwark.simd.internal.KernelsProvider;
import java.util.Objects;

/**
 * A keyed 64-bit hash of byte ranges for hash tables that hold attacker-chosen keys (tokens);
 * stateless and thread-safe.
 *
 * <p>The key is drawn from {@link java.security.SecureRandom} once per process, so hashes differ
 * between processes and must never be stored or sent anywhere. The hash spreads well (every input
 * bit changes each output bit with probability close to one half) but it is not a MAC nor a
 * cryptographic digest: a match on the hash alone proves nothing, so confirm every candidate with
 * {@link ConstantTime}. The same bytes give the same hash whichever kernels run.
 */
public final class KeyedHash {

  private KeyedHash() {}

  /**
   * Hashes {@code a[off, off + len)}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside the array
   */
  public static long hash(byte[] a, int off, int len) {
    Objects.checkFromIndexSize(off, len, a.length);
    return KernelsProvider.get().hash(Key.KEY, a, off, len);
  }

  /** Hashes the whole array. */
  public static long hash(byte[] a) {
    return KernelsProvider.get().hash(Key.KEY, a, 0, a.length);
  }

  /** Holds the per-process key; drawn at first use, never logged (its toString is masked). */
  private static final class Key {
    static final HashKey KEY = HashKey.random();
  }
}
