/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.Issuer;

/**
 * The seam behind which the verified-token cache keeps its hashing and its storage; implementations
 * are thread-safe and lock-free for readers (rule 3 below). {@link OnHeapVerifiedTokenCache} is the
 * Caffeine implementation (the default), {@link OffHeapVerifiedTokenCache} the off-heap one. The
 * engine calls {@link #get} before verifying a bearer token and {@link #put} after a token passed
 * every check.
 *
 * <p>Every implementation must guarantee:
 *
 * <ol>
 *   <li><b>Exactness.</b> {@link #get} returns an entry only if it was {@link #put} for a token
 *       whose bytes are exactly equal to the given bytes, confirmed over the full token with a
 *       constant-time comparison ({@link java.security.MessageDigest#isEqual}, or a loop that
 *       OR-accumulates the XOR of every char against every byte with no early exit) or over a
 *       SHA-256 of it. A shorter hash (32 or 64 bits) may only choose where to look, never decide a
 *       hit; an attacker who can make any number of hash collisions must still only ever get
 *       misses.
 *   <li><b>Atomic pairing.</b> An entry and the token bytes it was confirmed against are published
 *       together (for example as one immutable node), so that a concurrent {@code put} of another
 *       token under the same hash can make {@code get} miss but never return the other token's
 *       entry.
 *   <li><b>Thread-safety.</b> Any thread may call any method at any time; there is no external
 *       locking. {@code get} must not block on a {@code put} of another key.
 *   <li><b>Bounds.</b> At most about {@link #maximumSize()} entries are held (an implementation may
 *       exceed it briefly while it evicts), and no entry is held longer than the TTL it was built
 *       with. Dropping any entry at any time is always correct: a miss only costs a verification.
 *   <li><b>No extension of validity.</b> The cache never decides that a token is still valid: the
 *       engine checks each hit against {@link CachedToken#validUntilMillis()}, the revocation store
 *       and the issuer's current keys. An implementation must return the {@link CachedToken} it was
 *       given, unchanged, or (one that keeps no object per entry, such as {@link
 *       OffHeapVerifiedTokenCache}) a new one with the same issuer, key and valid-until and the
 *       result the verifying path gives for the same token bytes.
 *   <li><b>Secrecy.</b> Token bytes are never logged, and {@code toString()} never shows them. The
 *       caller must not modify an array after handing it to {@link #put}.
 * </ol>
 */
public interface VerifiedTokenCache {

  /**
   * Rebuilds the result of a hit from the token itself, for a cache that keeps no result per entry
   * (the off-heap one); implemented by the engine. Must be thread-safe.
   */
  @FunctionalInterface
  interface ResultRebuilder {
    /**
     * The result the verifying path gives for {@code token} (already verified under {@code issuer})
     * without checking its signature again, or {@code null} if its claims no longer pass (the hit
     * then counts as a miss).
     */
    AuthResult rebuild(Issuer issuer, byte[] token);
  }

  /** Returns the entry put for exactly these token bytes, or {@code null}. */
  CachedToken get(byte[] token);

  /** Remembers {@code entry} for {@code token}, replacing whatever shared its slot. */
  void put(byte[] token, CachedToken entry);

  /** Forgets the entry for exactly these token bytes, if held. */
  void invalidate(byte[] token);

  /**
   * As {@link #get(byte[])} for the token held in {@code header} from {@code start} (inclusive) to
   * {@code end} (exclusive), each char standing for one byte as in ISO-8859-1. The same exactness
   * rule holds: a char above {@code 0xFF} matches no stored byte, so such a header never hits.
   *
   * <p>The default copies the range into a new array; an implementation overrides it to hash and
   * compare the chars in place, so that a hit allocates nothing (the engine's hot path).
   */
  default CachedToken get(String header, int start, int end) {
    return get(latin1(header, start, end));
  }

  /** As {@link #invalidate(byte[])} for a token held in a range of a string; see above. */
  default void invalidate(String header, int start, int end) {
    invalidate(latin1(header, start, end));
  }

  /**
   * The ISO-8859-1 bytes of {@code s} from {@code start} to {@code end}, as {@link
   * String#getBytes(java.nio.charset.Charset)} would give them (a char above {@code 0xFF} becomes
   * {@code '?'}).
   */
  static byte[] latin1(String s, int start, int end) {
    return s.substring(start, end).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** The bound on the number of entries. */
  long maximumSize();

  /** An estimate of the number of entries held; for tests and metrics. */
  long estimatedSize();

  /**
   * Entries dropped to keep within the bound or because their TTL passed, not those invalidated or
   * replaced by a put of the same token; -1 for an implementation that does not count them. For
   * metrics.
   */
  default long evictionCount() {
    return -1;
  }
}
