/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import dev.bulwark.simd.KeyedHash;

/**
 * The slot hash of both token caches: simd's {@link KeyedHash} of the token's last {@value
 * #WINDOW} bytes, mixed with its length. Stateless and thread-safe.
 *
 * <p>Keyed once per process from {@link java.security.SecureRandom}, so collisions cannot be
 * computed offline; and a collision, crafted or not, only costs a miss, because the caches compare
 * the full token before they answer. A hash only chooses where to look.
 *
 * <p>Why only the tail: a JWS ends with its signature, which differs between any two tokens that
 * verified (it is a MAC or signature over everything before it), so the tail spreads the slots as
 * well as the whole token would, for a fraction of the cost. Tokens that share a tail share a
 * slot, which only costs a miss: only a token that verified is ever put.
 */
final class SlotHash {
  /** Bytes at the end of a token that the hash reads. */
  static final int WINDOW = 64;

  private SlotHash() {}

  /** The slot hash of the whole of {@code token}. */
  static long of(byte[] token) {
    return of(token, token.length);
  }

  /**
   * The slot hash of the first {@code n} bytes of {@code b}, which may be longer (a scratch
   * buffer): the same as that of an array of exactly those bytes.
   */
  static long of(byte[] b, int n) {
    int window = Math.min(n, WINDOW);
    return KeyedHash.hash(b, n - window, window) ^ (n * 0x9E37_79B9_7F4A_7C15L);
  }
}
