/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.bulwark.simd.ConstantTime;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * The on-heap {@link VerifiedTokenCache}; thread-safe, and lookups take no lock. A bounded Caffeine
 * cache keyed by a seeded 64-bit hash of the token is the store of record, and a flat array of
 * slots is a read index in front of it. A hit is confirmed on the full token in constant time (see
 * {@link #sameBytes}).
 *
 * <p><b>Design.</b> Each token is held as one {@link Node} (immutable but for a removed mark): its
 * hash, its bytes and its entry, so that the bytes a hit is confirmed against and the entry it
 * returns are published together (atomic pairing). Two structures refer to the nodes:
 *
 * <ul>
 *   <li>Caffeine holds every node, and alone decides what is held: the bound (a weight, below), the
 *       TTL ({@code expireAfterWrite}) and what to evict (W-TinyLFU).
 *   <li>The index is an array of slots, {@value #WAYS} per bucket, chosen by the hash's low bits; a
 *       slot holds a node and, beside it, copies of the node's token and entry references; a
 *       separate array holds a 32-bit tag of each slot's hash, which tells which way to read. A hit
 *       reads one slot and its bucket's tags, then the node, the token's bytes and the entry all at
 *       once: no boxed key, no hash-map chain, no Caffeine read bookkeeping and no clock read. With
 *       10,000 tokens of a few hundred bytes the nodes do not fit the CPU's caches, so it is the
 *       number of dependent memory reads per hit, not instructions, that sets the cost: two here
 *       (slot and tags, then the rest), against about six through Caffeine (boxed key, table,
 *       hash-map node, key, Caffeine's node, ours, then the token and entry). The copies count only
 *       if they are the node's own (the same token array and entry objects), so the bytes confirmed
 *       and the entry returned were put together.
 * </ul>
 *
 * A lookup that finds no node of its hash in the index, or one that it cannot confirm, asks
 * Caffeine, and indexes what it finds; so does {@link #put}: in a free way of the bucket, or else
 * in place of another node (that one stays in Caffeine and is found there). Asking Caffeine when
 * the confirmation fails is what lets an invalidation find a node whose publisher has not yet
 * written the copies beside it.
 *
 * <p><b>The index holds only what Caffeine holds.</b> Caffeine's removal listener (eviction,
 * expiry, replacement, invalidation; it runs in the removing thread) marks the node removed and
 * clears it from the index. A thread that writes a node into the index reads the node's mark
 * afterwards and clears its own write if the node was removed meanwhile. Both sides write one
 * volatile variable and then read the other's, so at least one of them sees the other (the
 * sequential consistency of volatiles): a removed node can be in the index only for the moment
 * between these steps, and a lookup never returns a node marked removed. So the index adds no
 * memory beyond its two arrays, and never outlives Caffeine's bound or TTL (the token and entry
 * copies are cleared with their node, and a publisher whose node left its slot while it wrote the
 * copies takes them back). Because index hits do not pass through Caffeine, one hit in {@value
 * #READ_SAMPLE} is also recorded there (a lookup by key), so that Caffeine's policy still sees
 * which tokens are used and its maintenance, expiry included, still runs when every request hits.
 * The sampled hashes are handed over {@value #HINT_BATCH} at a time by the hit that fills the batch
 * (see there). Between a node's TTL and the maintenance that removes it the index may still answer
 * with it; that never extends a token's validity, because the engine checks every hit against
 * {@link CachedToken#validUntilMillis()}, which is at most the insertion time plus the same TTL
 * (rule 5 of the seam).
 *
 * <p><b>Bound.</b> The bound is a weight, so that it bounds memory as well as entries: each entry
 * weighs its token's share of memory, but never less than {@link #ENTRY_ALLOWANCE}, and the maximum
 * weight is {@code maximumSize * ENTRY_ALLOWANCE}. Typical tokens (up to about 1.8 KB) weigh
 * exactly one allowance, so at most {@code maximumSize} entries are held; an 8 KiB token counts as
 * about four entries, so tokens made large on purpose cannot hold gigabytes. The index is sized
 * once, at the bound rounded up to a power of two, at most {@value #MAX_INDEX_SLOTS} slots (16
 * bytes each with compressed references, the 4-byte tag included: 2 MiB for the default 100,000
 * entries); a cache fuller than its index finds the overflow in Caffeine.
 *
 * <p><b>Hash.</b> {@link SlotHash}, a keyed hash of the token's tail, the one the off-heap cache
 * uses too: keyed per process, so collisions cannot be computed offline; and a collision, crafted
 * or not, only costs a miss (two tokens of one hash replace each other in Caffeine, and a node of
 * the right hash but other bytes is never a hit).
 *
 * <p><b>Lookups on a header.</b> The engine looks tokens up with {@link #get(String, int, int)},
 * straight from the {@code Authorization} header. The range is encoded to ISO-8859-1 into a
 * per-thread scratch buffer with the JDK's bulk (vectorised) routines, which refuse a char above
 * {@code 0xFF} (such a header never hits: no stored byte can equal it); then the slot hash and the
 * constant-time comparison run over 8-byte words. This copies into memory the thread already owns
 * and allocates nothing, and costs far less per char than a loop through {@link String#charAt}
 * would (the figures are in docs/benchmarks.md). The scratch buffer keeps the last token a thread
 * looked up, as the header string itself does; it is never logged or shown.
 */
public final class OnHeapVerifiedTokenCache implements VerifiedTokenCache {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle HINTS = MethodHandles.arrayElementVarHandle(long[].class);

  /** Array elements per index slot: the node, then its token and its entry beside it. */
  private static final int WIDTH = 3;

  /** Where a slot's token copy sits, from its node. */
  private static final int TOKEN = 1;

  /** Where a slot's entry copy sits, from its node. */
  private static final int ENTRY = 2;

  /**
   * Slots per bucket; a power of two. A bucket overflows when more tokens share it than it has
   * ways, and the overflowing tokens then displace each other from the index, each such lookup
   * going through Caffeine; four ways make that rare at the index's load (it needs five tokens in
   * one bucket). The tags let a lookup read only the matching way, so more ways cost no reads.
   */
  static final int WAYS = 4;

  /** How many bytes at the end of a token the slot hash reads; see {@link SlotHash}. */
  static final int HASH_WINDOW = SlotHash.WINDOW;

  /**
   * The weight of one entry of a typical token, in (roughly) bytes: the least any entry weighs. The
   * maximum weight is {@code maximumSize} times this.
   */
  static final int ENTRY_ALLOWANCE = 4096;

  /**
   * Fixed bytes per entry beyond the token: the node, the entry, the principal and their maps. The
   * token counts twice, for its bytes and for the claims decoded from it.
   */
  private static final int ENTRY_OVERHEAD = 512;

  /** The largest read index, in slots; a larger cache finds more of its entries in Caffeine. */
  static final int MAX_INDEX_SLOTS = 1 << 19;

  /**
   * One index hit in this many is also recorded in Caffeine; a power of two. A recorded hit costs a
   * Caffeine lookup (and, when Caffeine's read buffer fills, its maintenance), so the rate is low
   * enough that these hits stay out of the 99th percentile, and high enough that a token used a few
   * thousand times within its TTL still reaches the frequencies Caffeine's admission policy uses.
   */
  static final int READ_SAMPLE = 256;

  /**
   * Sampled hits are handed to Caffeine this many at a time; a power of two. Each replayed hit is a
   * Caffeine lookup of a likely cold entry (a boxed key, the hash map's table, its node, the key
   * and Caffeine's node, then its read buffer, whose drain runs the maintenance), about as costly
   * as a hit itself: paid one by one they would be a fixed share of all hits, and a high percentile
   * of the latency. Together they are one longer pause, once in {@code READ_SAMPLE * HINT_BATCH}
   * hits. The batch only delays what Caffeine learns, not what it holds: its bound and TTL do not
   * depend on reads.
   */
  static final int HINT_BATCH = 32;

  /** The initial per-thread scratch size in chars; it grows to the longest token looked up. */
  private static final int INITIAL_SCRATCH = 1024;

  private static final ThreadLocal<Scratch> SCRATCH =
      ThreadLocal.withInitial(() -> new Scratch(INITIAL_SCRATCH));

  private final Cache<Long, Node> cache;
  // Nodes Caffeine evicted (size, expiry); counted by the removal listener, for metrics.
  private final LongAdder evictions = new LongAdder();

  /**
   * The read index: slot {@code s} is the elements {@code WIDTH * s} (the node, authoritative),
   * {@code WIDTH * s + 1} (its token) and {@code WIDTH * s + 2} (its entry). The copies beside the
   * node let a hit read the token's bytes and the entry's fields in parallel with the node instead
   * of after it (one dependent cache miss fewer); they count only if they are the node's own.
   */
  private final Object[] index;

  /**
   * Per slot, the high 32 bits of its node's hash: which way of a bucket to read. A hint only,
   * written after the node and never cleared: a stale tag only sends the lookup to Caffeine (which
   * rewrites it), and a matching tag still has the node's full hash checked, then the full token.
   * With the tags the way is known before any node is read: choosing it on the ways' nodes would
   * put a dependent cache miss before the right node, token and entry could even be requested.
   */
  private final int[] tags;

  private final int slotMask;

  /** Sampled hashes waiting to be replayed into Caffeine; see {@link #HINT_BATCH}. */
  private final long[] hints = new long[HINT_BATCH];

  private final AtomicInteger hinted = new AtomicInteger();
  private final ToLongFunction<byte[]> hash;

  /**
   * True when {@link #hash} is {@link SlotHash}, so that a looked-up range is hashed in the scratch
   * buffer; false for a hash given by a test, which needs an exact-length array (the range is then
   * copied).
   */
  private final boolean defaultHash;

  private final long maximumSize;

  /**
   * One cached token: immutable but for the {@link #removed} mark, which only ever goes from false
   * to true.
   */
  static final class Node {
    final long hash;
    final byte[] token;
    final CachedToken entry;
    // NOTE: volatile for the index handshake (see the class comment): the removal listener writes
    // it before clearing the index; a publisher reads it after writing the index.
    volatile boolean removed;

    /** Keeps {@code token} itself, which the caller no longer modifies (rule 6 of the seam). */
    Node(long hash, byte[] token, CachedToken entry) {
      this.hash = hash;
      this.token = token;
      this.entry = entry;
    }
  }

  /**
   * A cache of at most {@code maximumSize} entries of typical tokens (fewer for large tokens, see
   * above), each dropped {@code ttl} after insertion.
   */
  public OnHeapVerifiedTokenCache(long maximumSize, Duration ttl) {
    this(maximumSize, ttl, Ticker.systemTicker());
  }

  /** As above with a given time source; tests use it to expire entries. */
  public OnHeapVerifiedTokenCache(long maximumSize, Duration ttl, Ticker ticker) {
    this(maximumSize, ttl, SlotHash::of, true, ticker);
  }

  /** As above with a given slot hash; tests use it to force collisions. */
  public OnHeapVerifiedTokenCache(long maximumSize, Duration ttl, ToLongFunction<byte[]> hash) {
    this(maximumSize, ttl, hash, Ticker.systemTicker());
  }

  /** As above with a given slot hash and time source. */
  public OnHeapVerifiedTokenCache(
      long maximumSize, Duration ttl, ToLongFunction<byte[]> hash, Ticker ticker) {
    this(maximumSize, ttl, hash, false, ticker);
  }

  private OnHeapVerifiedTokenCache(
      long maximumSize,
      Duration ttl,
      ToLongFunction<byte[]> hash,
      boolean defaultHash,
      Ticker ticker) {
    this.maximumSize = maximumSize;
    this.hash = hash;
    this.defaultHash = defaultHash;
    int slots = indexSlots(maximumSize);
    this.index = new Object[WIDTH * slots];
    this.tags = new int[slots];
    this.slotMask = slots - 1;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maximumSize * ENTRY_ALLOWANCE)
            .weigher((Long slot, Node node) -> weight(node.token.length))
            .expireAfterWrite(ttl)
            .ticker(ticker)
            .executor(Runnable::run)
            .removalListener(
                (Long slot, Node node, RemovalCause cause) -> {
                  if (cause.wasEvicted()) {
                    evictions.increment();
                  }
                  unindex(node);
                })
            .build();
  }

  /** The number of index slots for a bound: the bound rounded up to a power of two, capped. */
  static int indexSlots(long maximumSize) {
    long want = Math.max(16, Math.min(MAX_INDEX_SLOTS, maximumSize));
    return (int) Long.highestOneBit(want * 2 - 1);
  }

  /** The weight of an entry for a token of {@code tokenLength} bytes. */
  static int weight(int tokenLength) {
    return (int)
        Math.min(Integer.MAX_VALUE, Math.max(ENTRY_ALLOWANCE, 2L * tokenLength + ENTRY_OVERHEAD));
  }

  @Override
  public CachedToken get(byte[] token) {
    return entryOf(find(hash.applyAsLong(token), token, token.length));
  }

  @Override
  public CachedToken get(String header, int start, int end) {
    Scratch s = SCRATCH.get();
    int n = end - start;
    s.ensureCapacity(n);
    if (!s.encode(header, start, end, 0)) {
      return null; // a char above 0xFF: no stored token can equal it
    }
    if (!defaultHash) {
      return entryOf(find(slotHash(s.bytes, n), s.bytes, n));
    }
    long h = SlotHash.of(s.bytes, n);
    Object[] slots = index;
    int at = indexed(slots, h);
    byte[] token = null;
    CachedToken entry = null;
    if (at >= 0) {
      token = laToken(slots, at);
      entry = laEntry(slots, at);
      // NOTE: reads the token's length and a field of the entry now, so that both (likely cache
      // misses) are on their way together, before the comparison loop waits on the token's bytes.
      // A length that differs is a miss; an entry's result is never null, the test only keeps the
      // read.
      if (token == null || token.length != n || entry == null || entry.result() == null) {
        at = -1;
      }
    }
    Node node = at >= 0 ? confirm(slots, at, token, entry, s.bytes, n) : null;
    // As in find: a refused node of this hash is settled by Caffeine.
    return entryOf(node != null ? node : fallback(h, s.bytes, n));
  }

  private static CachedToken entryOf(Node node) {
    return node == null ? null : node.entry;
  }

  @Override
  public void put(byte[] token, CachedToken entry) {
    // No copy: the engine hands over a copy of its own, made just before the entry, so the token,
    // the entry and this node are allocated side by side (one run of memory, often shared or
    // prefetched cache lines, until the collector moves them); a second copy here was work done
    // twice on every cached verification.
    Node node = new Node(hash.applyAsLong(token), token, entry);
    // Caffeine first: the index may only refer to what Caffeine holds. The listener unindexes the
    // node this one replaces.
    cache.put(node.hash, node);
    publish(node);
  }

  @Override
  public void invalidate(byte[] token) {
    long h = hash.applyAsLong(token);
    remove(find(h, token, token.length));
  }

  @Override
  public void invalidate(String header, int start, int end) {
    Scratch s = SCRATCH.get();
    int n = end - start;
    s.ensureCapacity(n);
    if (s.encode(header, start, end, 0)) {
      remove(find(slotHash(s.bytes, n), s.bytes, n));
    }
  }

  private void remove(Node node) {
    if (node != null) {
      cache.asMap().remove(node.hash, node);
      // Whether or not Caffeine still held it (the listener then already ran), it is gone now.
      unindex(node);
    }
  }

  /** The hash of the first {@code n} bytes of {@code b}, which may be longer (the scratch). */
  private long slotHash(byte[] b, int n) {
    return defaultHash ? SlotHash.of(b, n) : hash.applyAsLong(Arrays.copyOf(b, n));
  }

  /**
   * The node put for exactly the first {@code n} bytes of {@code token}, or null: first in the
   * index, then in Caffeine. A node of this hash with other bytes is a miss, never a hit.
   */
  private Node find(long h, byte[] token, int n) {
    Object[] slots = index;
    int at = indexed(slots, h);
    Node node =
        at < 0 ? null : confirm(slots, at, laToken(slots, at), laEntry(slots, at), token, n);
    // NOTE: a node of this hash that confirm refused is another token's, or this token's while a
    // publish has written the node but not yet the copies beside it. Caffeine decides: otherwise
    // an invalidate in that window would find nothing to remove, and the publish would then leave
    // the node indexed, answering every later lookup.
    return node != null ? node : fallback(h, token, n);
  }

  /**
   * The array position of the slot whose node has hash {@code h} and is not marked removed, or -1.
   * Only ways whose tag matches are read: the {@value #WAYS} tags of a bucket are 16 aligned bytes,
   * in one cache line requested together with the slots' line, so the way is known before any node
   * is read. A node whose tag is stale is not found here but in Caffeine, and {@link #fallback}
   * rewrites its tag.
   */
  private int indexed(Object[] slots, long h) {
    int first = (int) h & slotMask & -WAYS;
    int t = tag(h);
    for (int i = first; i < first + WAYS; i++) {
      if (lpTag(i) == t) {
        Node node = laNode(slots, WIDTH * i);
        if (node != null && node.hash == h && !node.removed) {
          return WIDTH * i;
        }
      }
    }
    return -1;
  }

  /**
   * The node at {@code at}, if the token and entry read beside it are that node's own (so they were
   * put together: atomic pairing) and the token is exactly the first {@code n} bytes of {@code
   * presented}; else null. The node is read once, here: a second read could be another's.
   */
  private Node confirm(
      Object[] slots, int at, byte[] token, CachedToken entry, byte[] presented, int n) {
    Node node = laNode(slots, at);
    // The same node object, so the bytes compared below and the entry returned were put together;
    // a token of other bytes is refused by the comparison whatever the hash.
    if (node == null
        || node.token != token
        || node.entry != entry
        || node.removed
        || !sameBytes(token, presented, n)) {
      return null;
    }
    if ((ThreadLocalRandom.current().nextInt() & (READ_SAMPLE - 1)) == 0) {
      hint(node.hash);
    }
    return node;
  }

  /**
   * Notes a sampled hit on {@code h}; the thread that fills the batch replays it into Caffeine
   * (each a lookup, which feeds Caffeine's policy and, as its read buffer fills, runs its
   * maintenance, expiry included). Lock-free: concurrent writers take distinct positions, and a
   * position not yet written when the batch is replayed (or written twice) only replays an older
   * hash again, which no rule of the cache depends on: a lookup changes what Caffeine prefers to
   * keep, never what it may hold.
   */
  void hint(long h) {
    int k = hinted.getAndIncrement() & (HINT_BATCH - 1);
    soHint(k, h);
    if (k == HINT_BATCH - 1) {
      for (int j = 0; j < HINT_BATCH; j++) {
        // The lookup itself is the point (it feeds Caffeine's policy); the node is not needed.
        var unused = cache.getIfPresent(loHint(j));
      }
    }
  }

  /** Caffeine's node for {@code h} if it is exactly this token; indexed for the next lookup. */
  private Node fallback(long h, byte[] token, int n) {
    Node node = cache.getIfPresent(h);
    if (node == null || !sameBytes(node.token, token, n)) {
      return null;
    }
    publish(node);
    return node;
  }

  /**
   * Writes {@code node} into its bucket: the way that holds its own hash, else the first that is
   * free or stale, else (for a node Caffeine just took) the way its hash's low bits name; then its
   * tag, and its token and entry beside it. Loses quietly to a concurrent write: the node stays in
   * Caffeine, where lookups find it.
   */
  private void publish(Node node) {
    Object[] slots = index;
    int first = (int) node.hash & slotMask & -WAYS;
    int i = -1;
    Node seen = null;
    for (int w = first; w < first + WAYS; w++) {
      Node s = lvNode(slots, WIDTH * w);
      if (s != null && s.hash == node.hash) {
        i = w;
        seen = s;
        break;
      }
      if (i < 0 && (s == null || s.removed)) {
        i = w;
        seen = s;
      }
    }
    if (i < 0) {
      i = (int) node.hash & slotMask;
      seen = lvNode(slots, WIDTH * i);
    }
    int at = WIDTH * i;
    if (!casNode(slots, at, seen, node)) {
      return;
    }
    spTag(i, tag(node.hash));
    svCopies(slots, at, node);
    if (lvNode(slots, at) != node) {
      // Replaced or unindexed while the copies were written: take back ours, which nothing else
      // would clear (a lookup ignores them anyway, as they are not the slot node's own).
      clearCopies(slots, at, node);
    }
    if (node.removed) {
      // Removed between Caffeine's put (or lookup) and the write above; the listener may have
      // looked at this slot before the write, so clear it here.
      clearSlot(slots, at, node);
    }
  }

  /** The tag of hash {@code h}: its high half, as the low bits already chose the bucket. */
  private static int tag(long h) {
    return (int) (h >>> 32);
  }

  /** Caffeine's removal listener, and invalidation: marks the node and clears it from the index. */
  private void unindex(Node node) {
    if (node == null) {
      return;
    }
    node.removed = true;
    Object[] slots = index;
    int first = (int) node.hash & slotMask & -WAYS;
    for (int i = first; i < first + WAYS; i++) {
      clearSlot(slots, WIDTH * i, node);
    }
  }

  /** Clears the slot at {@code at} of {@code node} and of its copies, wherever they are there. */
  private static void clearSlot(Object[] slots, int at, Node node) {
    casNode(slots, at, node, null);
    clearCopies(slots, at, node);
  }

  /** Clears the token and entry copies at {@code at} if they are {@code node}'s own. */
  private static void clearCopies(Object[] slots, int at, Node node) {
    casCopy(slots, at + TOKEN, node.token, null);
    casCopy(slots, at + ENTRY, node.entry, null);
  }

  // The memory-order operations of the index, named as in JCTools: lp/sp a plain load or store,
  // lo/so an opaque one, la a load with acquire semantics, lv/sv a volatile load or store, cas a
  // (volatile) compare-and-set. The index protocol (see the class comment) uses only these.

  /** The node of the slot at {@code at}, read with acquire: what a lookup reads. */
  private static Node laNode(Object[] slots, int at) {
    return (Node) SLOTS.getAcquire(slots, at);
  }

  /** The node of the slot at {@code at}, read volatile: what a writer reads. */
  private static Node lvNode(Object[] slots, int at) {
    return (Node) SLOTS.getVolatile(slots, at);
  }

  private static boolean casNode(Object[] slots, int at, Node expected, Node node) {
    return SLOTS.compareAndSet(slots, at, expected, node);
  }

  /** The token copy beside the node at {@code at}, read with acquire. */
  private static byte[] laToken(Object[] slots, int at) {
    return (byte[]) SLOTS.getAcquire(slots, at + TOKEN);
  }

  /** The entry copy beside the node at {@code at}, read with acquire. */
  private static CachedToken laEntry(Object[] slots, int at) {
    return (CachedToken) SLOTS.getAcquire(slots, at + ENTRY);
  }

  /** Writes {@code node}'s token, then its entry, beside it (volatile stores). */
  private static void svCopies(Object[] slots, int at, Node node) {
    SLOTS.setVolatile(slots, at + TOKEN, node.token);
    SLOTS.setVolatile(slots, at + ENTRY, node.entry);
  }

  /** A token or entry copy, read volatile (for the test counters). */
  private static Object lvCopy(Object[] slots, int position) {
    return SLOTS.getVolatile(slots, position);
  }

  private static void casCopy(Object[] slots, int position, Object expected, Object copy) {
    SLOTS.compareAndSet(slots, position, expected, copy);
  }

  /** The tag of slot {@code i}: a plain read of a hint (see {@link #tags}). */
  private int lpTag(int i) {
    return tags[i];
  }

  /** Writes the tag of slot {@code i}: a plain write of a hint (see {@link #tags}). */
  private void spTag(int i, int tag) {
    tags[i] = tag;
  }

  /** Records a sampled hash in the batch: opaque, as only the batch's replay reads it. */
  private void soHint(int k, long h) {
    HINTS.setOpaque(hints, k, h);
  }

  private long loHint(int k) {
    return (long) HINTS.getOpaque(hints, k);
  }

  /**
   * Whether the first {@code n} bytes of {@code presented} are exactly {@code stored}, in time that
   * depends only on the length: simd's {@link ConstantTime#equals} (every byte pair XOR-ed and
   * OR-ed into one accumulator, no early exit; the vector kernel where the JVM has it). The lengths
   * are compared first: the presented length is the caller's own.
   */
  static boolean sameBytes(byte[] stored, byte[] presented, int n) {
    return stored.length == n && ConstantTime.equals(stored, 0, presented, 0, n);
  }

  /**
   * Whether the chars of {@code s} in [start, end) are exactly the bytes of {@code token}: the
   * engine's lookup (ISO-8859-1 encoding into the scratch buffer, then {@link #sameBytes}) on its
   * own. A char above {@code 0xFF} equals no byte.
   */
  static boolean sameToken(byte[] token, String s, int start, int end) {
    Scratch scratch = SCRATCH.get();
    int n = end - start;
    scratch.ensureCapacity(n);
    return scratch.encode(s, start, end, 0) && sameBytes(token, scratch.bytes, n);
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
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /**
   * For tests: the number of index slots holding a node that Caffeine does not map to that node,
   * plus the number of token or entry copies that are not their slot node's own (none once
   * concurrent writes have finished: see the class comment and {@link #publish}).
   */
  int indexedNodesNotInCache() {
    cache.cleanUp();
    int stray = 0;
    for (int at = 0; at < index.length; at += WIDTH) {
      Node node = lvNode(index, at);
      Object token = lvCopy(index, at + TOKEN);
      Object entry = lvCopy(index, at + ENTRY);
      if (node != null && cache.asMap().get(node.hash) != node) {
        stray++;
      }
      if (token != null && (node == null || node.token != token)) {
        stray++;
      }
      if (entry != null && (node == null || node.entry != entry)) {
        stray++;
      }
    }
    return stray;
  }

  /** For tests: the number of index slots holding a node. */
  int indexedNodes() {
    int held = 0;
    for (int at = 0; at < index.length; at += WIDTH) {
      if (lvNode(index, at) != null) {
        held++;
      }
    }
    return held;
  }

  /**
   * Per-thread buffers that turn a range of a string into its ISO-8859-1 bytes with the JDK's bulk
   * routines: {@link String#getChars} (a vectorised Latin-1 inflation) and the ISO-8859-1 encoder
   * over arrays (a vectorised narrowing that stops at the first char above {@code 0xFF}). Used by
   * one thread at a time, never across a call.
   */
  static final class Scratch {
    private final CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
    private char[] chars;
    private CharBuffer in;
    byte[] bytes;
    private ByteBuffer out;

    Scratch(int capacity) {
      allocate(capacity);
    }

    private void allocate(int capacity) {
      chars = new char[capacity];
      bytes = new byte[capacity];
      in = CharBuffer.wrap(chars);
      out = ByteBuffer.wrap(bytes);
    }

    /** Makes room for a token of {@code n} chars. */
    void ensureCapacity(int n) {
      if (n > chars.length) {
        allocate(Math.max(n, 2 * chars.length));
      }
    }

    /**
     * Writes the ISO-8859-1 bytes of {@code s} in [from, to) to {@link #bytes} from index {@code
     * at}, and returns true; or returns false if a char is above {@code 0xFF}. The caller has made
     * room with {@link #ensureCapacity}.
     */
    boolean encode(String s, int from, int to, int at) {
      int end = at + to - from;
      s.getChars(from, to, chars, at);
      in.limit(end).position(at);
      out.limit(end).position(at);
      latin1.reset();
      CoderResult r = latin1.encode(in, out, true);
      return r.isUnderflow() && !in.hasRemaining();
    }
  }

  @Override
  public String toString() {
    return "OnHeapVerifiedTokenCache{maximumSize=" + maximumSize + "}";
  }
}
