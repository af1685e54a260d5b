/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * The on-heap {@link VerifiedTokenCache}: a bounded Caffeine cache keyed by a seeded 64-bit hash of
 * the token, whose value is an immutable node pairing the full token bytes with the entry; a hit is
 * confirmed with {@link MessageDigest#isEqual} on the full token. Thread-safe.
 *
 * <p>The bound is a weight, so that it bounds memory as well as entries: each entry weighs its
 * token's share of memory, but never less than {@link #ENTRY_ALLOWANCE}, and the maximum weight is
 * {@code maximumSize * ENTRY_ALLOWANCE}. Typical tokens (up to about 1.8 KB) weigh exactly one
 * allowance, so at most {@code maximumSize} entries are held as before; an 8 KiB token counts as
 * about four entries, so tokens made large on purpose cannot hold gigabytes.
 *
 * <p>The hash is seeded per instance from {@link SecureRandom}, so collisions cannot be computed
 * offline; and a collision, crafted or not, only costs a miss (two tokens in one slot replace
 * each other).
 *
 * <p>The engine looks tokens up with {@link #get(String, int, int)}, straight from the
 * {@code Authorization} header: the seeded hash is computed over the chars as if they were the
 * token's ISO-8859-1 bytes (the same value {@link #get(byte[])} computes), and the hit is confirmed
 * by {@link #sameToken}, a constant-time loop over the chars against the stored bytes. A hit thus
 * copies nothing; the only allocation left is the {@code Long} that boxes the slot hash for
 * Caffeine's lookup, unless the JIT removes it.
 */
public final class OnHeapVerifiedTokenCache implements VerifiedTokenCache {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long M1 = 0x9E3779B97F4A7C15L;
  private static final long M2 = 0xC2B2AE3D27D4EB4FL;
  /** How many bytes at the end of a token the slot hash reads; see {@link #seededHash}. */
  static final int HASH_WINDOW = 64;

  /**
   * The weight of one entry of a typical token, in (roughly) bytes: the least any entry weighs.
   * The maximum weight is {@code maximumSize} times this.
   */
  static final int ENTRY_ALLOWANCE = 4096;

  /**
   * Fixed bytes per entry beyond the token: the node, the entry, the principal and their maps.
   * The token counts twice, for its bytes and for the claims decoded from it.
   */
  private static final int ENTRY_OVERHEAD = 512;

  private final Cache<Long, Node> cache;
  private final ToLongFunction<byte[]> hash;
  /**
   * True when {@link #hash} is {@link #seededHash} with {@link #seed}, so that {@link
   * #hashChars} gives the same slot for a token's chars; false for a hash given by a test, whose
   * char-range lookups then copy the range to bytes (the seam's default).
   */
  private final boolean charHash;
  private final long seed;
  private final long maximumSize;

  private static final class Node {
    final byte[] token;
    final CachedToken entry;

    Node(byte[] token, CachedToken entry) {
      this.token = token;
      this.entry = entry;
    }
  }

  /**
   * A cache of at most {@code maximumSize} entries of typical tokens (fewer for large tokens, see
   * above), each dropped {@code ttl} after insertion.
   */
  public OnHeapVerifiedTokenCache(long maximumSize, Duration ttl) {
    this(maximumSize, ttl, new SecureRandom().nextLong());
  }

  /** As above with a given seed; tests use it to check the char and byte hashes agree. */
  OnHeapVerifiedTokenCache(long maximumSize, Duration ttl, long seed) {
    this(maximumSize, ttl, seededHash(seed), true, seed);
  }

  /** As above with a given slot hash; tests use it to force collisions. */
  public OnHeapVerifiedTokenCache(long maximumSize, Duration ttl, ToLongFunction<byte[]> hash) {
    this(maximumSize, ttl, hash, false, 0);
  }

  private OnHeapVerifiedTokenCache(long maximumSize, Duration ttl, ToLongFunction<byte[]> hash,
      boolean charHash, long seed) {
    this.maximumSize = maximumSize;
    this.hash = hash;
    this.charHash = charHash;
    this.seed = seed;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maximumSize * ENTRY_ALLOWANCE)
        .weigher((Long slot, Node node) -> weight(node.token.length))
        .expireAfterWrite(ttl)
        .executor(Runnable::run)
        .build();
  }

  /** The weight of an entry for a token of {@code tokenLength} bytes. */
  static int weight(int tokenLength) {
    return (int) Math.min(Integer.MAX_VALUE,
        Math.max(ENTRY_ALLOWANCE, 2L * tokenLength + ENTRY_OVERHEAD));
  }

  @Override
  public CachedToken get(byte[] token) {
    Node node = cache.getIfPresent(hash.applyAsLong(token));
    if (node == null || !MessageDigest.isEqual(node.token, token)) {
      return null;
    }
    return node.entry;
  }

  @Override
  public CachedToken get(String header, int start, int end) {
    if (!charHash) {
      return get(VerifiedTokenCache.latin1(header, start, end));
    }
    Node node = cache.getIfPresent(hashChars(seed, header, start, end));
    if (node == null || !sameToken(node.token, header, start, end)) {
      return null;
    }
    return node.entry;
  }

  @Override
  public void invalidate(String header, int start, int end) {
    if (!charHash) {
      invalidate(VerifiedTokenCache.latin1(header, start, end));
      return;
    }
    Long slot = hashChars(seed, header, start, end);
    Node node = cache.getIfPresent(slot);
    if (node != null && sameToken(node.token, header, start, end)) {
      cache.asMap().remove(slot, node);
    }
  }

  /**
   * Whether the chars of {@code s} in [start, end) are exactly the bytes of {@code token}, in time
   * that depends only on the length: every char is compared and the differences are OR-ed together,
   * with no early exit, so the time taken does not tell how long a matching prefix was (the
   * guarantee {@link MessageDigest#isEqual} gives for byte arrays). A char above {@code 0xFF} can
   * equal no byte, so it can never confirm a hit. The length is compared first: it is the
   * presented token's own length, which the caller knows anyway.
   */
  static boolean sameToken(byte[] token, String s, int start, int end) {
    if (token.length != end - start) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < token.length; i++) {
      diff |= s.charAt(start + i) ^ (token[i] & 0xFF);
    }
    return diff == 0;
  }

  @Override
  public void put(byte[] token, CachedToken entry) {
    cache.put(hash.applyAsLong(token), new Node(token, entry));
  }

  @Override
  public void invalidate(byte[] token) {
    Long slot = hash.applyAsLong(token);
    Node node = cache.getIfPresent(slot);
    if (node != null && MessageDigest.isEqual(node.token, token)) {
      cache.asMap().remove(slot, node);
    }
  }

  @Override
  public long maximumSize() {
    return maximumSize;
  }

  @Override
  public long estimatedSize() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /**
   * A seeded 64-bit hash of the length and the last {@link #HASH_WINDOW} bytes, over 8-byte words
   * in two independent lanes (so the multiplies overlap), finished with a murmur-style avalanche.
   * Only chooses a slot; never decides a hit.
   *
   * <p>Why only the tail: a JWS ends with its signature, which differs between any two tokens that
   * verified (it is a MAC or signature over everything before it), so the tail spreads the slots as
   * well as the whole token would, at a quarter of the cost for a typical token. Tokens that share
   * a tail share a slot, which only costs a miss: the full token is still compared on every hit,
   * and only a token that verified is ever put.
   */
  static ToLongFunction<byte[]> seededHash(long seed) {
    return b -> {
      long h1 = seed ^ b.length;
      long h2 = Long.rotateLeft(seed, 31) + M2;
      int n = b.length;
      int i = Math.max(0, n - HASH_WINDOW);
      for (; i + 16 <= n; i += 16) {
        h1 = Long.rotateLeft(h1 ^ ((long) LONGS.get(b, i) * M1), 29) * M2;
        h2 = Long.rotateLeft(h2 ^ ((long) LONGS.get(b, i + 8) * M2), 31) * M1;
      }
      for (; i < n; i++) {
        h1 = Long.rotateLeft(h1 ^ (b[i] * M1), 23) * M2;
      }
      return finish(h1, h2);
    };
  }

  /**
   * {@link #seededHash} over the chars of {@code s} in [start, end) taken as ISO-8859-1 bytes,
   * without copying them: the same value for any string whose chars are all at most {@code 0xFF}.
   * (For a char above {@code 0xFF} it differs from the hash of {@code getBytes}'s {@code '?'},
   * which only sends the lookup to another slot: such a token can never be confirmed anyway.)
   */
  static long hashChars(long seed, String s, int start, int end) {
    int n = end - start;
    long h1 = seed ^ n;
    long h2 = Long.rotateLeft(seed, 31) + M2;
    int i = Math.max(0, n - HASH_WINDOW);
    for (; i + 16 <= n; i += 16) {
      h1 = Long.rotateLeft(h1 ^ (word(s, start + i) * M1), 29) * M2;
      h2 = Long.rotateLeft(h2 ^ (word(s, start + i + 8) * M2), 31) * M1;
    }
    for (; i < n; i++) {
      // (byte): the byte hash multiplies a signed byte, so chars 0x80-0xFF must sign-extend too.
      h1 = Long.rotateLeft(h1 ^ ((byte) s.charAt(start + i) * M1), 23) * M2;
    }
    return finish(h1, h2);
  }

  /** Eight chars as the little-endian long that {@link #LONGS} reads from their Latin-1 bytes. */
  private static long word(String s, int i) {
    return (s.charAt(i) & 0xFFL)
        | (s.charAt(i + 1) & 0xFFL) << 8
        | (s.charAt(i + 2) & 0xFFL) << 16
        | (s.charAt(i + 3) & 0xFFL) << 24
        | (s.charAt(i + 4) & 0xFFL) << 32
        | (s.charAt(i + 5) & 0xFFL) << 40
        | (s.charAt(i + 6) & 0xFFL) << 48
        | (s.charAt(i + 7) & 0xFFL) << 56;
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

  @Override
  public String toString() {
    return "OnHeapVerifiedTokenCache{maximumSize=" + maximumSize + "}";
  }
}
