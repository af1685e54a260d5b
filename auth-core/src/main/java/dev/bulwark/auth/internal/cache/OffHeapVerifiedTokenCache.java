/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.bulwark.memory.BufferPool;
import dev.bulwark.memory.PoolExhaustedException;
import dev.bulwark.memory.PooledBuffer;
import dev.bulwark.simd.ConstantTime;
import dev.bulwark.simd.KeyedHash;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * The off-heap {@link VerifiedTokenCache}: the token bytes live in a {@link BufferPool} outside the
 * Java heap, the slot is chosen by the simd module's keyed hash, and a hit is confirmed by
 * {@link ConstantTime#equals} over the full token. Thread-safe.
 *
 * <p>Design. A bounded Caffeine cache maps the 64-bit slot hash to an immutable node: the pooled
 * block holding the token, its length and the {@link CachedToken}. Node and bytes are published
 * together, so a concurrent put under the same slot can make a get miss but never confirm against
 * another token's bytes. Each node carries a reference count: the index holds one reference and a
 * reader pins another while it compares; the block goes back to the pool when the count reaches
 * zero, so eviction, expiry, replacement and {@link #invalidate} return memory at once without ever
 * freeing a block a reader is still comparing. An entry expires at the earlier of the TTL and its
 * {@link CachedToken#validUntilMillis()} (the token's {@code exp} plus skew), so expired tokens do
 * not hold memory until the TTL. A token the pool cannot hold (too long, or the pool is full) is
 * simply not cached: a miss only costs a verification.
 *
 * <p>Requires Agrona's JVM flag {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}.
 */
public final class OffHeapVerifiedTokenCache implements VerifiedTokenCache, AutoCloseable {

  /** Longest token kept off-heap; longer ones are not cached. */
  static final int MAX_TOKEN_BYTES = 16 * 1024;

  private final BufferPool pool;
  private final Cache<Long, Node> index;
  private final ToLongFunction<byte[]> hash;
  private final long maximumSize;

  /** One cached token. Immutable but for the reference count. */
  private static final class Node {
    final PooledBuffer block;
    final int length;
    final CachedToken entry;
    /** One for the index, one per reader comparing right now; 0 once the block is released. */
    private final AtomicInteger refs = new AtomicInteger(1);

    Node(PooledBuffer block, int length, CachedToken entry) {
      this.block = block;
      this.length = length;
      this.entry = entry;
    }

    boolean pin() {
      for (int r = refs.get(); r > 0; r = refs.get()) {
        if (refs.compareAndSet(r, r + 1)) {
          return true;
        }
      }
      return false;
    }

    void unpin(BufferPool pool) {
      if (refs.decrementAndGet() == 0) {
        pool.release(block);
      }
    }
  }

  /**
   * A cache of at most {@code maximumSize} entries, each dropped {@code ttl} after insertion or at
   * its {@code validUntilMillis}, whichever is first, with at most {@code capacityBytes} of token
   * bytes off-heap; for an engine on the system UTC clock.
   */
  public OffHeapVerifiedTokenCache(long maximumSize, Duration ttl, long capacityBytes) {
    this(maximumSize, ttl, capacityBytes, KeyedHash::hash, Clock.systemUTC(), Ticker.systemTicker());
  }

  /**
   * As above with a given slot hash, wall clock and ticker. {@code clock} must be the engine's
   * clock, the one {@code validUntilMillis} is measured on; {@code ticker} measures the TTL. Tests
   * use them to force collisions and to move time.
   *
   * @throws IllegalArgumentException if {@code capacityBytes} cannot hold one token of the largest
   *     size
   */
  public OffHeapVerifiedTokenCache(long maximumSize, Duration ttl, long capacityBytes,
      ToLongFunction<byte[]> hash, Clock clock, Ticker ticker) {
    if (capacityBytes < MAX_TOKEN_BYTES) {
      throw new IllegalArgumentException("token cache capacity must be at least " + MAX_TOKEN_BYTES
          + " bytes, was " + capacityBytes);
    }
    this.maximumSize = maximumSize;
    this.hash = hash;
    this.pool = BufferPool.builder().minBlockSize(128).maxBlockSize(MAX_TOKEN_BYTES)
        .capacity(capacityBytes).build();
    final long ttlNanos = ttl.toNanos();
    this.index = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .ticker(ticker)
        .expireAfter(new Expiry<Long, Node>() {
          @Override
          public long expireAfterCreate(Long slot, Node node, long currentTime) {
            long left = TimeUnit.MILLISECONDS.toNanos(Math.max(0, node.entry.validUntilMillis() - clock.millis()));
            return Math.min(ttlNanos, left);
          }

          @Override
          public long expireAfterUpdate(Long slot, Node node, long currentTime, long currentDuration) {
            return expireAfterCreate(slot, node, currentTime);
          }

          @Override
          public long expireAfterRead(Long slot, Node node, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .executor(Runnable::run)
        .removalListener((Long slot, Node node, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
          if (node != null) {
            node.unpin(pool);
          }
        })
        .build();
  }

  @Override
  public CachedToken get(byte[] token) {
    Node node = index.getIfPresent(hash.applyAsLong(token));
    if (node == null || node.length != token.length || !node.pin()) {
      return null;
    }
    try {
      return ConstantTime.equals(node.block.buffer(), 0, token, 0, token.length) ? node.entry : null;
    } finally {
      node.unpin(pool);
    }
  }

  @Override
  public void put(byte[] token, CachedToken entry) {
    if (token.length == 0 || token.length > MAX_TOKEN_BYTES) {
      return;
    }
    PooledBuffer block;
    try {
      block = pool.acquire(token.length);
    } catch (PoolExhaustedException full) {
      // Evicted and expired entries may not have been swept yet; one sweep, then give up.
      index.cleanUp();
      try {
        block = pool.acquire(token.length);
      } catch (PoolExhaustedException stillFull) {
        return;
      }
    }
    block.buffer().putBytes(0, token);
    index.put(hash.applyAsLong(token), new Node(block, token.length, entry));
  }

  @Override
  public void invalidate(byte[] token) {
    Long slot = hash.applyAsLong(token);
    Node node = index.getIfPresent(slot);
    if (node == null || node.length != token.length || !node.pin()) {
      return;
    }
    boolean same;
    try {
      same = ConstantTime.equals(node.block.buffer(), 0, token, 0, token.length);
    } finally {
      node.unpin(pool);
    }
    if (same) {
      index.asMap().remove(slot, node);
    }
  }

  @Override
  public long maximumSize() {
    return maximumSize;
  }

  @Override
  public long estimatedSize() {
    index.cleanUp();
    return index.estimatedSize();
  }

  /** The pool's counters: off-heap bytes reserved and in use, hits, fragmentation. */
  public dev.bulwark.memory.PoolStats memoryStats() {
    index.cleanUp();
    return pool.stats();
  }

  /** Drops every entry and frees the off-heap memory; the cache must not be used afterwards. */
  @Override
  public void close() {
    index.invalidateAll();
    index.cleanUp();
    pool.close();
  }

  @Override
  public String toString() {
    return "OffHeapVerifiedTokenCache{maximumSize=" + maximumSize + "}";
  }
}
