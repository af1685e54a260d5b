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
 */
public final class OnHeapVerifiedTokenCache implements VerifiedTokenCache {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long M1 = 0x9E3779B97F4A7C15L;
  private static final long M2 = 0xC2B2AE3D27D4EB4FL;

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
    this(maximumSize, ttl, seededHash(new SecureRandom().nextLong()));
  }

  /** As above with a given slot hash; tests use it to force collisions. */
  public OnHeapVerifiedTokenCache(long maximumSize, Duration ttl, ToLongFunction<byte[]> hash) {
    this.maximumSize = maximumSize;
    this.hash = hash;
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
   * A seeded 64-bit hash over 8-byte words in two independent lanes (so the multiplies overlap),
   * finished with a murmur-style avalanche. Only chooses a slot; never decides a hit.
   */
  static ToLongFunction<byte[]> seededHash(long seed) {
    return b -> {
      long h1 = seed ^ b.length;
      long h2 = Long.rotateLeft(seed, 31) + M2;
      int i = 0;
      int n = b.length;
      for (; i + 16 <= n; i += 16) {
        h1 = Long.rotateLeft(h1 ^ ((long) LONGS.get(b, i) * M1), 29) * M2;
        h2 = Long.rotateLeft(h2 ^ ((long) LONGS.get(b, i + 8) * M2), 31) * M1;
      }
      for (; i < n; i++) {
        h1 = Long.rotateLeft(h1 ^ (b[i] * M1), 23) * M2;
      }
      long h = h1 ^ Long.rotateLeft(h2, 17);
      h ^= h >>> 33;
      h *= 0xFF51AFD7ED558CCDL;
      h ^= h >>> 33;
      h *= 0xC4CEB9FE1A85EC53L;
      return h ^ (h >>> 33);
    };
  }

  @Override
  public String toString() {
    return "OnHeapVerifiedTokenCache{maximumSize=" + maximumSize + "}";
  }
}
