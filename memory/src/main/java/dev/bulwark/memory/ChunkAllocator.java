/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.memory;

import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Small off-heap chunks of fixed size classes, carved from pages that a {@link BufferPool} of its
 * own hands out; thread-safe: writers ({@link #allocate}, {@link #free}) take the lock of one size
 * class, readers of chunk memory take none.
 *
 * <p>For structures that hold many small records off-heap and must not pay a heap object per
 * record: a {@link PooledBuffer} per record would cost exactly that. A chunk is named by a {@code
 * long} reference, {@code pageIndex << 32 | offsetInPage}, and read or written through {@link
 * #page(long)} at {@link #offset(long)}.
 *
 * <p>Design. Chunks come in {@value #FINE_STEP}-byte steps up to {@value #FINE_LIMIT} bytes and
 * coarser above, up to {@value #MAX_CHUNK_BYTES}. Pages are {@value #MAX_PAGE_BYTES} bytes, smaller
 * for a small capacity so that several size classes can each have one. A size class carves its
 * current page from the start; a freed chunk is pushed on an intrusive list kept in the free chunks
 * themselves (its first 8 bytes hold the next reference) and is the next one that class hands out.
 * Pages stay with their size class until {@link #releasePages()}: the price is fragmentation, which
 * {@link #bytesInUse()} against {@link #stats()} shows.
 *
 * <p>Memory lifetime. {@link #releasePages()} returns every page to the pool (so its counters read
 * zero), but the views handed out by {@link #page(long)} stay mapped until this allocator is
 * unreachable: a reader that races with the release reads stale bytes, never unmapped memory. A
 * reader that cannot exclude writers must check a reference with {@link #inBounds} before reading
 * through it, and must not trust what it read until it has checked by other means (a version, for
 * example) that the chunk was not freed and reused meanwhile.
 */
public final class ChunkAllocator {

  /** The largest chunk, in bytes; {@link #allocate} refuses longer records. */
  public static final int MAX_CHUNK_BYTES = 16 * 1024;

  /** The largest page, in bytes. */
  public static final int MAX_PAGE_BYTES = 1 << 20;

  /** The step between the small size classes, in bytes. */
  public static final int FINE_STEP = 64;

  /** The largest size of a small class, in bytes; the classes above it are coarser. */
  public static final int FINE_LIMIT = 2048;

  private static final int[] SIZES;

  static {
    int[] coarse = {
      2560, 3072, 3584, 4096, 5120, 6144, 7168, 8192, 10240, 12288, 14336, MAX_CHUNK_BYTES
    };
    int fine = FINE_LIMIT / FINE_STEP;
    SIZES = new int[fine + coarse.length];
    for (int i = 0; i < fine; i++) {
      SIZES[i] = FINE_STEP * (i + 1);
    }
    System.arraycopy(coarse, 0, SIZES, fine, coarse.length);
  }

  private final BufferPool pool;
  private final int pageSize;
  private final PooledBuffer[] handles;
  private final UnsafeBuffer[] pages;

  /** Pages published; NOTE: written (release) after the page's slot in {@link #pages}. */
  private volatile int pageCount;

  private final SizeClass[] classes = new SizeClass[SIZES.length];
  private final AtomicLong bytesInUse = new AtomicLong();
  private final AtomicLong requestedBytes = new AtomicLong();
  private final AtomicLong peakBytesInUse = new AtomicLong();
  private volatile boolean stopped;

  /** One size class's free list, the page it is carving, and its counts. Guarded by itself. */
  private static final class SizeClass {
    final int size;
    long freeHead = -1;
    long carve = -1;
    // Chunks handed out from the free list, and carved from a page.
    long reused;
    long carved;

    SizeClass(int size) {
      this.size = size;
    }
  }

  /**
   * An allocator of at most {@code capacityBytes} of pages.
   *
   * @throws IllegalArgumentException if {@code capacityBytes} cannot hold one chunk of the largest
   *     size
   */
  public ChunkAllocator(long capacityBytes) {
    if (capacityBytes < MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException(
          "capacityBytes must be at least " + MAX_CHUNK_BYTES + ", was " + capacityBytes);
    }
    this.pageSize =
        (int)
            Math.max(
                MAX_CHUNK_BYTES, Math.min(MAX_PAGE_BYTES, Long.highestOneBit(capacityBytes / 16)));
    this.pool =
        BufferPool.builder()
            .minBlockSize(pageSize)
            .maxBlockSize(pageSize)
            .capacity(capacityBytes)
            .build();
    int maxPages = (int) Math.min(Integer.MAX_VALUE - 8, capacityBytes / pageSize);
    this.handles = new PooledBuffer[maxPages];
    this.pages = new UnsafeBuffer[maxPages];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = new SizeClass(SIZES[i]);
    }
  }

  /**
   * The size of the chunk that holds {@code length} bytes.
   *
   * @throws IllegalArgumentException if {@code length} is not between 1 and {@value
   *     #MAX_CHUNK_BYTES}
   */
  public static int chunkSize(int length) {
    if (length < 1 || length > MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException(
          "length must be between 1 and " + MAX_CHUNK_BYTES + ", was " + length);
    }
    return SIZES[classOf(length)];
  }

  private static int classOf(int length) {
    if (length <= FINE_LIMIT) {
      return (length - 1) / FINE_STEP;
    }
    int c = FINE_LIMIT / FINE_STEP;
    while (SIZES[c] < length) {
      c++;
    }
    return c;
  }

  /** The offset within its page of the chunk {@code ref}. */
  public static int offset(long ref) {
    return (int) ref;
  }

  /** The size of a page in bytes. */
  public int pageSize() {
    return pageSize;
  }

  /**
   * Whether {@code length} bytes from {@code ref} lie inside a published page; a reader checks a
   * reference it read without a lock with this before it reads through it.
   */
  public boolean inBounds(long ref, int length) {
    long page = ref >>> 32;
    int offset = (int) ref;
    return ref >= 0 && page < pageCount && offset >= 0 && offset <= pageSize - length;
  }

  /** The view of the page that holds the chunk {@code ref}, which must be in bounds. */
  public UnsafeBuffer page(long ref) {
    return pages[(int) (ref >>> 32)];
  }

  /**
   * A chunk for {@code length} bytes (1 to {@value #MAX_CHUNK_BYTES}), or -1 if the pool is full or
   * allocation has stopped. Its bytes are whatever was there before.
   *
   * @throws IllegalArgumentException if {@code length} is not between 1 and {@value
   *     #MAX_CHUNK_BYTES}
   */
  public long allocate(int length) {
    SizeClass c = classes[classOf(checkedLength(length))];
    long ref;
    synchronized (c) {
      if (stopped) {
        return -1;
      }
      if (c.freeHead >= 0) {
        ref = c.freeHead;
        c.freeHead = page(ref).getLong(offset(ref));
        c.reused++;
      } else {
        if (c.carve < 0 || offset(c.carve) > pageSize - c.size) {
          c.carve = newPage();
          if (c.carve < 0) {
            return -1;
          }
        }
        ref = c.carve;
        c.carve = ref + c.size;
        c.carved++;
      }
    }
    long inUse = bytesInUse.addAndGet(c.size);
    // Read first: the peak moves rarely, so most allocations pay one read and no write.
    if (inUse > peakBytesInUse.get()) {
      peakBytesInUse.accumulateAndGet(inUse, Math::max);
    }
    requestedBytes.addAndGet(length);
    return ref;
  }

  /**
   * Frees the chunk {@code ref}, allocated for {@code length} bytes; it may be handed out again at
   * once. Free each chunk once. Allowed after {@link #stopAllocating()}.
   *
   * @throws IllegalArgumentException if {@code length} is not between 1 and {@value
   *     #MAX_CHUNK_BYTES}
   */
  public void free(long ref, int length) {
    SizeClass c = classes[classOf(checkedLength(length))];
    synchronized (c) {
      page(ref).putLong(offset(ref), c.freeHead);
      c.freeHead = ref;
    }
    bytesInUse.addAndGet(-c.size);
    requestedBytes.addAndGet(-length);
  }

  private static int checkedLength(int length) {
    if (length < 1 || length > MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException(
          "length must be between 1 and " + MAX_CHUNK_BYTES + ", was " + length);
    }
    return length;
  }

  /** A reference to the start of a new page, or -1 if the pool has no room. */
  private synchronized long newPage() {
    int n = pageCount;
    if (n == pages.length) {
      return -1;
    }
    PooledBuffer block;
    try {
      block = pool.acquire(pageSize);
    } catch (PoolExhaustedException full) {
      return -1;
    }
    handles[n] = block;
    // A view of our own: the pooled handle's view refuses use once the page is back in the pool,
    // and a reader racing with releasePages must still read (mapped) memory, not throw.
    pages[n] = new UnsafeBuffer(block.buffer().addressOffset(), pageSize);
    pageCount = n + 1;
    return (long) n << 32;
  }

  /** Makes every later {@link #allocate} return -1; returns once no allocation is in flight. */
  public void stopAllocating() {
    stopped = true;
    for (SizeClass c : classes) {
      synchronized (c) {
        // Taken and released only to wait for an allocation in flight: none starts after this.
        assert stopped;
      }
    }
  }

  /**
   * Returns every page to the pool; call it after {@link #stopAllocating()} and once nothing refers
   * to a chunk any more. Idempotent.
   */
  public synchronized void releasePages() {
    for (int i = 0; i < pageCount; i++) {
      if (handles[i] != null) {
        pool.release(handles[i]);
        handles[i] = null;
      }
    }
  }

  /** Bytes of the chunks now allocated (each request rounded up to its chunk size). */
  public long bytesInUse() {
    return bytesInUse.get();
  }

  /** Bytes requested by the chunks now allocated. */
  public long requestedBytes() {
    return requestedBytes.get();
  }

  /** The pool's counters: the pages reserved and in use (each page is one pool block). */
  public PoolStats stats() {
    return pool.stats();
  }

  /**
   * The chunks' counters, in the pool's terms: a hit is a chunk handed out again from its size
   * class's free list, a miss one carved from a page; the reserved bytes are the pages taken, of
   * which the chunks allocated now are in use and the rest free (free-listed chunks and the
   * uncarved rest of pages); the requested bytes are the records' own lengths. Its {@link
   * PoolStats#fragmentationRatio()} is thus the share of the pages taken that holds no record byte.
   * Each figure is exact, though not all taken at one instant.
   */
  public PoolStats chunkStats() {
    long reused = 0;
    long carved = 0;
    for (SizeClass c : classes) {
      synchronized (c) {
        reused += c.reused;
        carved += c.carved;
      }
    }
    long reserved = (long) pageCount * pageSize;
    long inUse = bytesInUse.get();
    return new PoolStats(
        reused,
        carved,
        reserved,
        inUse,
        requestedBytes.get(),
        Math.max(0, reserved - inUse),
        peakBytesInUse.get(),
        (long) pages.length * pageSize);
  }

  @Override
  public String toString() {
    return "ChunkAllocator{pageSize="
        + pageSize
        + ", pages="
        + pageCount
        + "/"
        + pages.length
        + ", bytesInUse="
        + bytesInUse.get()
        + "}";
  }
}
