/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.internal.cache.PairRegistry.Pair;
import dev.bulwark.memory.BufferPool;
import dev.bulwark.memory.ChunkAllocator;
import dev.bulwark.memory.PoolStats;
import dev.bulwark.simd.ConstantTime;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The off-heap {@link VerifiedTokenCache}; thread-safe, and lock-free for readers: every per-entry
 * byte lives outside the Java heap, so a million cached tokens cost the heap a few hundred
 * kilobytes of fixed structures rather than a million objects. Requires Agrona's JVM flag {@code
 * --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} ({@code =org.agrona} on the module path).
 *
 * <p>Design. The index is a fixed table of buckets in direct memory, sized once for {@code
 * maximumSize} entries at a load of 0.8. A bucket holds {@value #WAYS} slots: first the {@value
 * #WAYS} 64-bit keyed hashes side by side (one cache line, scanned by a lookup), then {@value
 * #WAYS} records of {@value #RECORD} bytes: a version, a reference to the token bytes, the entry's
 * valid-until millisecond, the token length, and the id of the (issuer, key) pair in a small
 * on-heap {@link PairRegistry} (bounded by the number of keys seen, not of tokens). Each token may
 * sit in either of two buckets chosen from its hash (two-choice hashing: a put takes the emptier
 * one), which keeps overflow rare at that load. The token bytes live in the chunks of a {@link
 * ChunkAllocator}, carved out of pages of a {@link BufferPool}: a pool block per token would cost a
 * {@code PooledBuffer} object on the heap per entry, which is what this class exists to avoid. A
 * freed chunk is reused at once; pages are returned to the pool on {@link #close()}.
 *
 * <p>No per-entry object. A hit rebuilds its {@link AuthResult} from the presented token, which the
 * constant-time comparison has just shown to be byte for byte the token that was verified: the
 * engine's {@link ResultRebuilder} decodes and checks its claims the way the verifying path did,
 * skipping only the signature. The cache returns a new {@link CachedToken} with the stored issuer,
 * key and valid-until, so the engine still checks expiry, the key set and revocation on each hit.
 *
 * <p>Concurrency. Every record is a seqlock (the methods under "Seqlock" below are the only code
 * that reads or writes a version). A writer (put, invalidate, close) takes a slot by moving its
 * version from even to odd with a compare-and-set, writes, and releases it with a release store of
 * the next even version; writers never hold two slots, so they cannot deadlock, and a put that
 * cannot take a slot at once gives up (dropping a put is always correct). A reader never writes and
 * never waits: it reads the version (acquire), the fields, compares the token bytes in constant
 * time, looks up the pair, then issues an acquire fence and reads the version again; any change, or
 * an odd version, is a miss. Until that second read nothing it read is trusted: a chunk may be
 * freed and refilled by another token while it is compared, which is why the reference is
 * bounds-checked against the pages before any byte is read.
 *
 * <p>Memory lifetime. Direct memory is never freed while a reader could touch it: {@link #close()}
 * empties every slot and returns every page to the pool (so its counters read zero), but the pages
 * and the index stay mapped until this object is unreachable, when the JVM's cleaners free them. A
 * get that races with close therefore reads mapped memory and misses.
 */
public final class OffHeapVerifiedTokenCache implements VerifiedTokenCache, AutoCloseable {

  /** Longest token kept off-heap, the allocator's largest chunk; longer ones are not cached. */
  static final int MAX_TOKEN_BYTES = ChunkAllocator.MAX_CHUNK_BYTES;

  /** Slots per bucket. */
  static final int WAYS = 8;

  private static final int RECORD = 32;
  private static final int HASHES = WAYS * Long.BYTES;
  private static final int BUCKET = HASHES + WAYS * RECORD;
  // Record fields.
  private static final int VERSION = 0;
  private static final int REF = 8;
  private static final int VALID_UNTIL = 16;
  private static final int LENGTH = 24;
  private static final int PAIR = 28;

  /** Buckets per index segment (a direct buffer of 1.25 MiB). */
  private static final int SEGMENT_SHIFT = 12;

  private static final int SEGMENT_MASK = (1 << SEGMENT_SHIFT) - 1;
  private static final double LOAD = 0.8;
  private static final int PUT_ATTEMPTS = 4;

  private final long maximumSize;
  private final long ttlMillis;
  private final ToLongFunction<byte[]> hash;
  private final Clock clock;
  private final ResultRebuilder rebuilder;
  private final long buckets;

  /** Held so that the index stays mapped as long as this cache is reachable. */
  @SuppressWarnings("unused")
  private final ByteBuffer[] indexMemory;

  private final UnsafeBuffer[] index;
  private final ChunkAllocator chunks;
  private final PairRegistry pairs = new PairRegistry(PairRegistry.DEFAULT_CAPACITY);
  private final AtomicLong size = new AtomicLong();
  // Entries another put took the place of; for metrics.
  private final LongAdder evictions = new LongAdder();
  private volatile boolean closed;

  /**
   * A cache of at most about {@code maximumSize} entries, each dropped {@code ttl} after insertion
   * or at its {@code validUntilMillis}, whichever is first, with at most {@code capacityBytes} of
   * token bytes off-heap (the index adds about 50 bytes per entry of {@code maximumSize}); for an
   * engine on the system UTC clock.
   */
  public OffHeapVerifiedTokenCache(
      long maximumSize, Duration ttl, long capacityBytes, ResultRebuilder rebuilder) {
    this(
        maximumSize,
        ttl,
        capacityBytes,
        OffHeapVerifiedTokenCache::slotHash,
        Clock.systemUTC(),
        rebuilder);
  }

  /** Bytes at the end of a token that {@link #slotHash} reads. */
  static final int HASH_WINDOW = SlotHash.WINDOW;

  /** The default slot hash, shared with the on-heap cache: see {@link SlotHash}. */
  public static long slotHash(byte[] token) {
    return SlotHash.of(token);
  }

  /**
   * As above with a given slot hash and clock. {@code clock} must be the engine's clock, the one
   * {@code validUntilMillis} is measured on; tests use these to force collisions and move time.
   *
   * @throws IllegalArgumentException if {@code capacityBytes} cannot hold one token of the largest
   *     size, or {@code maximumSize} is not between 1 and 100,000,000
   */
  public OffHeapVerifiedTokenCache(
      long maximumSize,
      Duration ttl,
      long capacityBytes,
      ToLongFunction<byte[]> hash,
      Clock clock,
      ResultRebuilder rebuilder) {
    if (capacityBytes < MAX_TOKEN_BYTES) {
      throw new IllegalArgumentException(
          "token cache capacity must be at least "
              + MAX_TOKEN_BYTES
              + " bytes, was "
              + capacityBytes);
    }
    if (maximumSize < 1 || maximumSize > 100_000_000L) {
      throw new IllegalArgumentException(
          "token cache maximumSize must be between 1 and 100000000, was " + maximumSize);
    }
    this.maximumSize = maximumSize;
    this.ttlMillis = ttl.toMillis();
    this.hash = hash;
    this.clock = clock;
    this.rebuilder = rebuilder;
    this.buckets = Math.max(1, (long) Math.ceil(maximumSize / (WAYS * LOAD)));
    int segments = (int) ((buckets + SEGMENT_MASK) >>> SEGMENT_SHIFT);
    this.indexMemory = new ByteBuffer[segments];
    this.index = new UnsafeBuffer[segments];
    for (int s = 0; s < segments; s++) {
      long inSegment = Math.min(1L << SEGMENT_SHIFT, buckets - ((long) s << SEGMENT_SHIFT));
      // allocateDirect zeroes the memory: every slot starts empty (length 0) at version 0.
      indexMemory[s] = BufferUtil.allocateDirectAligned((int) (inSegment * BUCKET), 64);
      index[s] = new UnsafeBuffer(indexMemory[s]);
    }
    this.chunks = new ChunkAllocator(capacityBytes);
  }

  // Two buckets from the two halves of the hash, by multiply-shift (no power-of-two table needed).
  private long bucket1(long h) {
    return ((h >>> 32) * buckets) >>> 32;
  }

  private long bucket2(long h) {
    return ((h & 0xFFFF_FFFFL) * buckets) >>> 32;
  }

  private UnsafeBuffer segment(long bucket) {
    return index[(int) (bucket >>> SEGMENT_SHIFT)];
  }

  private static int bucketOffset(long bucket) {
    return (int) (bucket & SEGMENT_MASK) * BUCKET;
  }

  private static int record(int bucketOffset, int way) {
    return bucketOffset + HASHES + way * RECORD;
  }

  @Override
  public CachedToken get(byte[] token) {
    int length = token.length;
    if (length == 0 || length > MAX_TOKEN_BYTES) {
      return null;
    }
    long h = hash.applyAsLong(token);
    long b1 = bucket1(h);
    long b2 = bucket2(h);
    CachedToken hit = probe(b1, h, token);
    if (hit == null && b2 != b1) {
      hit = probe(b2, h, token);
    }
    // NOTE: keeps this cache (and so the direct memory read above) reachable until here.
    Reference.reachabilityFence(this);
    return hit;
  }

  private CachedToken probe(long bucket, long h, byte[] token) {
    UnsafeBuffer seg = segment(bucket);
    int base = bucketOffset(bucket);
    for (int way = nextWay(seg, base, h, 0); way < WAYS; way = nextWay(seg, base, h, way + 1)) {
      int rec = record(base, way);
      long v1 = beginRead(seg, rec);
      if (v1 < 0) {
        continue;
      }
      int length = seg.getInt(rec + LENGTH);
      long ref = seg.getLong(rec + REF);
      long validUntil = seg.getLong(rec + VALID_UNTIL);
      int pairId = seg.getInt(rec + PAIR);
      if (length != token.length || !chunks.inBounds(ref, length)) {
        continue;
      }
      boolean same =
          ConstantTime.equals(chunks.page(ref), ChunkAllocator.offset(ref), token, 0, length);
      Pair pair = pairs.lookup(pairId);
      if (!validateRead(seg, rec, v1) || !same || pair == null) {
        continue;
      }
      if (clock.millis() >= validUntil) {
        // Freed now rather than when the bucket next needs room; without waiting, as a reader.
        remove(bucket, h, token, false);
        return null;
      }
      AuthResult result = rebuilder.rebuild(pair.issuer, token);
      return result == null ? null : new CachedToken(result, pair.issuer, pair.key, validUntil);
    }
    return null;
  }

  @Override
  public void put(byte[] token, CachedToken entry) {
    int length = token.length;
    if (length == 0 || length > MAX_TOKEN_BYTES || closed) {
      return;
    }
    long now = clock.millis();
    long validUntil =
        Math.min(
            entry.validUntilMillis(),
            now > Long.MAX_VALUE - ttlMillis ? Long.MAX_VALUE : now + ttlMillis);
    if (validUntil <= now) {
      return;
    }
    int pairId = pairs.idOf(entry.issuer(), entry.key());
    long h = hash.applyAsLong(token);
    long b1 = bucket1(h);
    long b2 = bucket2(h);
    if (refresh(b1, h, token, validUntil, pairId)
        || (b2 != b1 && refresh(b2, h, token, validUntil, pairId))) {
      return;
    }
    for (int attempt = 0; attempt < PUT_ATTEMPTS; attempt++) {
      long victim = chooseVictim(b1, b2, now);
      long bucket = victim >>> 4;
      int rec = record(bucketOffset(bucket), (int) (victim & 0xF));
      UnsafeBuffer seg = segment(bucket);
      long locked = tryLock(seg, rec);
      if (locked < 0) {
        continue;
      }
      try {
        if (seg.getInt(rec + LENGTH) != 0) {
          // Another token's entry gives way: over the bound, or expired.
          evictions.increment();
        }
        clear(seg, bucketOffset(bucket), (int) (victim & 0xF));
        long ref = chunks.allocate(length);
        if (ref < 0) {
          return;
        }
        chunks.page(ref).putBytes(ChunkAllocator.offset(ref), token);
        seg.putLong(rec + REF, ref);
        seg.putLong(rec + VALID_UNTIL, validUntil);
        seg.putInt(rec + PAIR, pairId);
        seg.putInt(rec + LENGTH, length);
        seg.putLong(bucketOffset(bucket) + (int) (victim & 0xF) * Long.BYTES, h);
        size.incrementAndGet();
      } finally {
        unlock(seg, rec, locked);
      }
      return;
    }
  }

  /** If this bucket holds the same token, gives it the new validity and pair; true if it did. */
  private boolean refresh(long bucket, long h, byte[] token, long validUntil, int pairId) {
    UnsafeBuffer seg = segment(bucket);
    int base = bucketOffset(bucket);
    for (int way = nextWay(seg, base, h, 0); way < WAYS; way = nextWay(seg, base, h, way + 1)) {
      int rec = record(base, way);
      long locked = lock(seg, rec);
      try {
        if (holds(seg, base, way, h, token)) {
          seg.putLong(rec + VALID_UNTIL, validUntil);
          seg.putInt(rec + PAIR, pairId);
          return true;
        }
      } finally {
        unlock(seg, rec, locked);
      }
    }
    return false;
  }

  /**
   * The slot a put should take in either bucket, as {@code bucket << 4 | way}: an empty one while
   * the cache is below its bound, else an expired one, else the one whose validity ends first (so
   * that the bound holds). Read without locks: it is only a choice, the put locks it afterwards.
   */
  private long chooseVictim(long b1, long b2, long now) {
    boolean room = size.get() < maximumSize;
    long best = -1;
    long bestScore = Long.MAX_VALUE;
    int bestFill = Integer.MAX_VALUE;
    for (int i = 0; i < 2; i++) {
      long bucket = i == 0 ? b1 : b2;
      UnsafeBuffer seg = segment(bucket);
      int base = bucketOffset(bucket);
      int fill = 0;
      for (int way = 0; way < WAYS; way++) {
        if (seg.getInt(record(base, way) + LENGTH) != 0) {
          fill++;
        }
      }
      for (int way = 0; way < WAYS; way++) {
        int rec = record(base, way);
        long score;
        if (seg.getInt(rec + LENGTH) == 0) {
          score = room ? Long.MIN_VALUE : Long.MAX_VALUE;
        } else {
          long until = seg.getLong(rec + VALID_UNTIL);
          // Below an empty slot's score once at the bound, so that a full cache replaces.
          score = until <= now ? Long.MIN_VALUE + 1 : Math.min(until, Long.MAX_VALUE - 1);
        }
        // Ties (two empty slots) go to the emptier bucket: two-choice hashing.
        if (best < 0 || score < bestScore || (score == bestScore && fill < bestFill)) {
          best = bucket << 4 | way;
          bestScore = score;
          bestFill = fill;
        }
      }
    }
    return best;
  }

  @Override
  public void invalidate(byte[] token) {
    int length = token.length;
    if (length == 0 || length > MAX_TOKEN_BYTES) {
      return;
    }
    long h = hash.applyAsLong(token);
    long b1 = bucket1(h);
    long b2 = bucket2(h);
    remove(b1, h, token, true);
    if (b2 != b1) {
      remove(b2, h, token, true);
    }
  }

  /**
   * Removes the token from the bucket; {@code wait}: whether to wait for a writer that holds a slot
   * with the same hash (invalidate must, a reader must not).
   */
  private void remove(long bucket, long h, byte[] token, boolean wait) {
    UnsafeBuffer seg = segment(bucket);
    int base = bucketOffset(bucket);
    for (int way = nextWay(seg, base, h, 0); way < WAYS; way = nextWay(seg, base, h, way + 1)) {
      int rec = record(base, way);
      long locked = wait ? lock(seg, rec) : tryLock(seg, rec);
      if (locked < 0) {
        continue;
      }
      try {
        if (holds(seg, base, way, h, token)) {
          clear(seg, base, way);
        }
      } finally {
        unlock(seg, rec, locked);
      }
    }
  }

  /** Under the slot's lock: whether it holds exactly this token. */
  private boolean holds(UnsafeBuffer seg, int base, int way, long h, byte[] token) {
    int rec = record(base, way);
    int length = seg.getInt(rec + LENGTH);
    long ref = seg.getLong(rec + REF);
    return seg.getLong(base + way * Long.BYTES) == h
        && length == token.length
        && length != 0
        && ConstantTime.equals(chunks.page(ref), ChunkAllocator.offset(ref), token, 0, length);
  }

  /** Under the slot's lock: empties it and frees its chunk at once. */
  private void clear(UnsafeBuffer seg, int base, int way) {
    int rec = record(base, way);
    int length = seg.getInt(rec + LENGTH);
    if (length == 0) {
      return;
    }
    chunks.free(seg.getLong(rec + REF), length);
    seg.putInt(rec + LENGTH, 0);
    seg.putLong(base + way * Long.BYTES, 0);
    size.decrementAndGet();
  }

  // Seqlock. A record's version is even while the record is stable and odd while a writer holds
  // it; these five methods are the only code that reads or writes a version.

  /** A reader's first step: the record's even version, or -1 if a writer holds it. */
  private static long beginRead(UnsafeBuffer seg, int rec) {
    long v = seg.getLongAcquire(rec + VERSION);
    return (v & 1) != 0 ? -1 : v;
  }

  /** A reader's last step: whether no writer took the record since {@link #beginRead} gave v. */
  private static boolean validateRead(UnsafeBuffer seg, int rec, long v) {
    // NOTE: the (plain) reads of the fields before this must complete before the version is read
    // again; the acquire fence orders them before the volatile read below.
    VarHandle.acquireFence();
    return seg.getLongVolatile(rec + VERSION) == v;
  }

  /** Takes the slot, waiting for another writer; returns the odd version to unlock with. */
  private static long lock(UnsafeBuffer seg, int rec) {
    while (true) {
      long locked = tryLock(seg, rec);
      if (locked >= 0) {
        return locked;
      }
      Thread.onSpinWait();
    }
  }

  /** Takes the slot if no writer holds it; returns the odd version, or -1. */
  private static long tryLock(UnsafeBuffer seg, int rec) {
    long v = seg.getLongVolatile(rec + VERSION);
    // NOTE: the compare-and-set is a full fence: the writes that follow cannot move above it.
    return (v & 1) == 0 && seg.compareAndSetLong(rec + VERSION, v, v + 1) ? v + 1 : -1;
  }

  private static void unlock(UnsafeBuffer seg, int rec, long locked) {
    // NOTE: release store: every write made under the lock is visible before the even version.
    seg.putLongRelease(rec + VERSION, locked + 1);
  }

  /**
   * The first way from {@code from} on whose stored hash is {@code h}, or {@link #WAYS} if none:
   * what a lookup, a refresh and a removal visit. A plain read of the hashes: a way it names is
   * only a candidate, confirmed on the full token (under the version or the lock).
   */
  private static int nextWay(UnsafeBuffer seg, int base, long h, int from) {
    for (int way = from; way < WAYS; way++) {
      if (seg.getLong(base + way * Long.BYTES) == h) {
        return way;
      }
    }
    return WAYS;
  }

  @Override
  public long maximumSize() {
    return maximumSize;
  }

  @Override
  public long evictionCount() {
    return evictions.sum();
  }

  @Override
  public long estimatedSize() {
    return size.get();
  }

  /** The pool's counters: the pages reserved and in use (each page is one pool block). */
  public PoolStats memoryStats() {
    return chunks.stats();
  }

  /**
   * The chunks' counters ({@link ChunkAllocator#chunkStats()}): reuse, pages taken, token bytes.
   */
  public PoolStats chunkStats() {
    return chunks.chunkStats();
  }

  /** Bytes of the chunks now holding tokens (token lengths rounded up to their chunk size). */
  public long chunkBytesInUse() {
    return chunks.bytesInUse();
  }

  /** Bytes of the tokens now held. */
  public long tokenBytesInUse() {
    return chunks.requestedBytes();
  }

  /**
   * Drops every entry and returns every page to the pool; later puts are ignored and gets miss. The
   * direct memory itself is freed once this cache is unreachable (see the class comment), so a get
   * that races with close never reads unmapped memory. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    chunks.stopAllocating();
    for (long bucket = 0; bucket < buckets; bucket++) {
      UnsafeBuffer seg = segment(bucket);
      int base = bucketOffset(bucket);
      for (int way = 0; way < WAYS; way++) {
        int rec = record(base, way);
        long locked = lock(seg, rec);
        try {
          clear(seg, base, way);
        } finally {
          unlock(seg, rec, locked);
        }
      }
    }
    chunks.releasePages();
  }

  @Override
  public String toString() {
    return "OffHeapVerifiedTokenCache{maximumSize=" + maximumSize + ", buckets=" + buckets + "}";
  }
}
