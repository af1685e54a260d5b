/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * The slot hash of both token caches: a keyed 64-bit hash of a token's length and its last {@value
 * #WINDOW} bytes. Stateless and thread-safe.
 *
 * <p>Keyed once per process from {@link SecureRandom}, so collisions cannot be computed offline;
 * and a collision, crafted or not, only costs a miss, because the caches compare the full token
 * before they answer. A hash only chooses where to look.
 *
 * <p>Why only the tail: a JWS ends with its signature, which differs between any two tokens that
 * verified (it is a MAC or signature over everything before it), so the tail spreads the slots as
 * well as the whole token would, for a fraction of the cost. Tokens that share a tail share a slot,
 * which only costs a miss: only a token that verified is ever put.
 *
 * <p>Why not simd's {@code KeyedHash}: its lane-parallel definition (sixteen 32-bit lanes, a keyed
 * 128-bit merge) pays off on long inputs, but on a 64-byte window its scalar form costs more than
 * this hash, which reads the window as 8-byte words in two independent lanes (so the multiplies
 * overlap) and finishes with a murmur3 avalanche; on a cache hit the hash is a large share of the
 * work. Measure both (JwtCached) before changing it.
 */
final class SlotHash {
  /** Bytes at the end of a token that the hash reads. */
  static final int WINDOW = 64;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long M1 = 0x9E3779B97F4A7C15L;
  private static final long M2 = 0xC2B2AE3D27D4EB4FL;

  /** The per-process key; never logged or shown. */
  private static final long KEY = new SecureRandom().nextLong();

  private SlotHash() {}

  /** The slot hash of the whole of {@code token}. */
  static long of(byte[] token) {
    return of(KEY, token, token.length);
  }

  /**
   * The slot hash of the first {@code n} bytes of {@code b}, which may be longer (a scratch
   * buffer): the same as that of an array of exactly those bytes.
   */
  static long of(byte[] b, int n) {
    return of(KEY, b, n);
  }

  /** As {@link #of(byte[], int)} under another key; for tests. */
  static long of(long key, byte[] b, int n) {
    long h1 = key ^ n;
    long h2 = Long.rotateLeft(key, 31) + M2;
    int i = Math.max(0, n - WINDOW);
    for (; i + 16 <= n; i += 16) {
      h1 = Long.rotateLeft(h1 ^ ((long) LONGS.get(b, i) * M1), 29) * M2;
      h2 = Long.rotateLeft(h2 ^ ((long) LONGS.get(b, i + 8) * M2), 31) * M1;
    }
    for (; i < n; i++) {
      h1 = Long.rotateLeft(h1 ^ (b[i] * M1), 23) * M2;
    }
    return finish(h1, h2);
  }

  /** The two lanes combined, then a murmur3 fmix64 avalanche. */
  private static long finish(long h1, long h2) {
    long h = h1 ^ Long.rotateLeft(h2, 17);
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    return h ^ (h >>> 33);
  }
}
