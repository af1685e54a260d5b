/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.memory;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.agrona.BufferUtil;
import org.jctools.queues.MpmcUnboundedXaddArrayQueue;

/**
 * A pool of off-heap memory blocks in power-of-two size classes; thread-safe: any thread may
 * acquire and release, concurrently and without locks. {@link #close()} alone must not race with
 * other calls.
 *
 * <p>Design. Memory is reserved from the JVM in slabs (direct {@link ByteBuffer}s, 64-byte aligned)
 * of {@code slabSize} bytes; each slab is cut into blocks of a single size class, each block gets
 * one {@link PooledBuffer} handle with an Agrona {@code UnsafeBuffer} view, and the handles wait in
 * the class's free list. A free list is a JCTools {@link MpmcUnboundedXaddArrayQueue}: lock-free
 * offer and poll by any number of threads, and heap that grows in chunks with the number of free
 * blocks rather than with the capacity (a bounded {@code MpmcArrayQueue} sized for the worst case
 * would cost 12 bytes of heap per potential block of the smallest class up front). Acquiring polls
 * the free list (a hit, no allocation) or carves a new slab (a miss); releasing offers the handle
 * back. Blocks never move between classes, and slabs go back to the JVM only on {@link #close()}:
 * the price is fragmentation, which {@link #stats()} reports.
 *
 * <p>The capacity is a hard limit on the bytes reserved, enforced with a compare-and-set before any
 * allocation; a request beyond it, or one the JVM's direct-memory limit refuses, gets a {@link
 * PoolExhaustedException} that names the limit, never an {@link OutOfMemoryError}.
 *
 * <p>Debug mode ({@link Builder#debug(boolean)}, default from {@link MemoryProperties#DEBUG})
 * retires every released handle and gives the block a fresh one, so stale handles and views fail
 * instead of reaching another owner's data.
 *
 * <p>After {@link #close()} the memory is freed: a view kept from before must not be used (in debug
 * mode every view is emptied first, so such use throws instead of reading freed memory).
 */
public final class BufferPool implements AutoCloseable {

  private static final int ALIGNMENT = 64;
  private static final int MAX_BLOCK = 1 << 30;

  private final int minShift;
  private final int maxShift;
  private final long capacity;
  private final int slabSize;
  private final boolean debug;
  private final Queue<PooledBuffer>[] freeLists;

  private final AtomicLong reserved = new AtomicLong();
  private final AtomicLong inUse = new AtomicLong();
  private final AtomicLong requested = new AtomicLong();
  private final AtomicLong peak = new AtomicLong();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final Queue<ByteBuffer> slabs = new ConcurrentLinkedQueue<>();

  /** Handles out in debug mode, so that close() can retire them; null otherwise. */
  private final Set<PooledBuffer> outstanding;

  private volatile boolean closed;

  @SuppressWarnings("unchecked")
  private BufferPool(Builder b) {
    this.minShift = Integer.numberOfTrailingZeros(b.minBlockSize);
    this.maxShift = Integer.numberOfTrailingZeros(b.maxBlockSize);
    this.capacity = b.capacity;
    this.slabSize = b.slabSize;
    this.debug = b.debug;
    // No generic array creation in Java: a wildcard array, cast once (hence the suppression).
    this.freeLists = (Queue<PooledBuffer>[]) new Queue<?>[maxShift - minShift + 1];
    for (int i = 0; i < freeLists.length; i++) {
      freeLists[i] = new MpmcUnboundedXaddArrayQueue<>(256);
    }
    this.outstanding = debug ? ConcurrentHashMap.newKeySet() : null;
  }

  /** A builder; {@link Builder#capacity(long)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  int blockSize(int sizeClass) {
    return 1 << (minShift + sizeClass);
  }

  /**
   * Acquires a block of at least {@code size} bytes; its view covers exactly {@code size}.
   *
   * @throws IllegalArgumentException if {@code size} is not between 1 and the largest block size
   * @throws PoolExhaustedException if serving it would take the pool beyond its capacity, or the
   *     JVM has no direct memory left
   * @throws IllegalStateException if the pool is closed
   */
  public PooledBuffer acquire(int size) {
    if (size < 1 || size > (1 << maxShift)) {
      throw new IllegalArgumentException(
          "size must be between 1 and " + (1 << maxShift) + ", was " + size);
    }
    if (closed) {
      throw new IllegalStateException("BufferPool is closed");
    }
    int shift = Math.max(minShift, 32 - Integer.numberOfLeadingZeros(size - 1));
    int sizeClass = shift - minShift;
    PooledBuffer buffer = freeLists[sizeClass].poll();
    if (buffer != null) {
      hits.increment();
    } else {
      misses.increment();
      buffer = carve(sizeClass);
    }
    if (!buffer.open(size)) {
      throw new IllegalStateException("BufferPool free list held a buffer in use: " + buffer);
    }
    long used = inUse.addAndGet(1L << shift);
    requested.addAndGet(size);
    long p;
    while (used > (p = peak.get()) && !peak.compareAndSet(p, used)) {
      // retry: another thread raised the peak meanwhile
    }
    if (debug) {
      outstanding.add(buffer);
    }
    return buffer;
  }

  /**
   * Returns a block to the pool. Release each block once; after a release neither the handle nor
   * its view may be used.
   *
   * @throws IllegalArgumentException if the buffer belongs to another pool
   * @throws IllegalStateException if the buffer was already released (detected unless it has been
   *     acquired again since; always detected in debug mode)
   */
  public void release(PooledBuffer buffer) {
    if (buffer.pool != this) {
      throw new IllegalArgumentException("PooledBuffer belongs to another BufferPool");
    }
    int size = buffer.requestedSize();
    if (!buffer.close(debug || closed, debug)) {
      throw new IllegalStateException(
          "PooledBuffer released twice (blockSize=" + buffer.blockSize() + ")");
    }
    inUse.addAndGet(-blockSize(buffer.sizeClass));
    requested.addAndGet(-size);
    if (debug) {
      outstanding.remove(buffer);
    }
    if (closed) {
      return;
    }
    PooledBuffer recycled =
        debug ? new PooledBuffer(this, buffer.sizeClass, buffer.address) : buffer;
    freeLists[buffer.sizeClass].offer(recycled);
  }

  /**
   * Reserves a slab for the class, keeps its first block for the caller and offers the others to
   * the free list. A slab that would cross the capacity is cut down to the blocks that still fit.
   */
  private PooledBuffer carve(int sizeClass) {
    final int block = blockSize(sizeClass);
    long bytes;
    while (true) {
      long r = reserved.get();
      long room = capacity - r;
      bytes = Math.min(Math.max(slabSize, block), room - room % block);
      if (bytes < block) {
        throw new PoolExhaustedException(
            "BufferPool capacity of "
                + capacity
                + " bytes exhausted: "
                + "a block of "
                + block
                + " bytes does not fit (reserved="
                + r
                + ", inUse="
                + inUse.get()
                + "); raise capacity or release buffers",
            null);
      }
      if (reserved.compareAndSet(r, r + bytes)) {
        break;
      }
    }
    ByteBuffer slab;
    try {
      slab = ByteBuffer.allocateDirect((int) bytes + ALIGNMENT);
    } catch (OutOfMemoryError e) {
      reserved.addAndGet(-bytes);
      throw new PoolExhaustedException(
          "JVM direct memory exhausted while reserving "
              + bytes
              + " bytes for a BufferPool of capacity "
              + capacity
              + " (reserved="
              + reserved.get()
              + "); raise -XX:MaxDirectMemorySize or lower the pool capacity",
          e);
    }
    slabs.add(slab);
    long base = BufferUtil.address(slab);
    long aligned = (base + ALIGNMENT - 1) & -ALIGNMENT;
    int blocks = (int) (bytes / block);
    for (int i = 1; i < blocks; i++) {
      freeLists[sizeClass].offer(new PooledBuffer(this, sizeClass, aligned + (long) i * block));
    }
    return new PooledBuffer(this, sizeClass, aligned);
  }

  /** The counters now; see {@link PoolStats} for their meaning. */
  public PoolStats stats() {
    long free = 0;
    for (int i = 0; i < freeLists.length; i++) {
      free += (long) freeLists[i].size() * blockSize(i);
    }
    return new PoolStats(
        hits.sum(),
        misses.sum(),
        reserved.get(),
        inUse.get(),
        requested.get(),
        free,
        peak.get(),
        capacity);
  }

  /**
   * Frees all the pool's memory; the pool refuses further acquisitions, and later releases only
   * update the counters. Idempotent. Views of blocks not yet released must not be used after this
   * (in debug mode they are emptied first and fail instead).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Queue<PooledBuffer> freeList : freeLists) {
      PooledBuffer b;
      while ((b = freeList.poll()) != null) {
        b.retire();
      }
    }
    if (debug) {
      for (PooledBuffer b : outstanding) {
        b.retire();
      }
    }
    ByteBuffer slab;
    while ((slab = slabs.poll()) != null) {
      BufferUtil.free(slab);
    }
    reserved.set(0);
  }

  @Override
  public String toString() {
    return "BufferPool[blockSizes="
        + (1 << minShift)
        + ".."
        + (1 << maxShift)
        + ", capacity="
        + capacity
        + ", debug="
        + debug
        + (closed ? ", closed" : "")
        + "]";
  }

  /**
   * Builds a {@link BufferPool}; not thread-safe, use it from one thread. Each setting may be made
   * once; a bad value is an {@link IllegalArgumentException}, a second setting an {@link
   * IllegalStateException}.
   */
  public static final class Builder {
    /** The default {@link #minBlockSize(int)}, in bytes: {@value}. */
    public static final int DEFAULT_MIN_BLOCK_SIZE = 64;

    /** The default {@link #maxBlockSize(int)}, in bytes: {@value}. */
    public static final int DEFAULT_MAX_BLOCK_SIZE = 64 * 1024;

    /** The default {@link #slabSize(int)}, in bytes: {@value} (1 MiB). */
    public static final int DEFAULT_SLAB_SIZE = 1 << 20;

    /** Smallest accepted block size, in bytes: {@value}. */
    public static final int MIN_BLOCK_SIZE = 16;

    private int minBlockSize = DEFAULT_MIN_BLOCK_SIZE;
    private int maxBlockSize = DEFAULT_MAX_BLOCK_SIZE;
    private long capacity = -1;
    private int slabSize = DEFAULT_SLAB_SIZE;
    private boolean debug = MemoryProperties.DEBUG;

    /** The settings made so far, each with its value, for the message of a second one. */
    private final java.util.Map<String, Object> made = new java.util.HashMap<>();

    private Builder() {}

    private void once(String setting, Object value) {
      Object previous = made.putIfAbsent(setting, value);
      if (previous != null) {
        throw new IllegalStateException(
            setting + " was already set to " + previous + ", cannot set it again to " + value);
      }
    }

    private static int powerOfTwo(String setting, int value, int min, int max) {
      if (value < min || value > max || Integer.bitCount(value) != 1) {
        throw new IllegalArgumentException(
            setting + " must be a power of two between " + min + " and " + max + ", was " + value);
      }
      return value;
    }

    /**
     * Smallest block size, a power of two from {@value #MIN_BLOCK_SIZE} to 2^30; default {@value
     * #DEFAULT_MIN_BLOCK_SIZE}.
     *
     * @throws IllegalArgumentException if it is not such a power of two
     * @throws IllegalStateException if it was already set
     */
    public Builder minBlockSize(int bytes) {
      once("minBlockSize", bytes);
      minBlockSize = powerOfTwo("minBlockSize", bytes, MIN_BLOCK_SIZE, MAX_BLOCK);
      return this;
    }

    /**
     * Largest block size, hence the largest request, a power of two from {@value #MIN_BLOCK_SIZE}
     * to 2^30; default {@value #DEFAULT_MAX_BLOCK_SIZE}.
     *
     * @throws IllegalArgumentException if it is not such a power of two
     * @throws IllegalStateException if it was already set
     */
    public Builder maxBlockSize(int bytes) {
      once("maxBlockSize", bytes);
      maxBlockSize = powerOfTwo("maxBlockSize", bytes, MIN_BLOCK_SIZE, MAX_BLOCK);
      return this;
    }

    /**
     * Bytes reserved from the JVM per slab, a power of two from 64 to 2^30; default {@value
     * #DEFAULT_SLAB_SIZE}.
     *
     * @throws IllegalArgumentException if it is not such a power of two
     * @throws IllegalStateException if it was already set
     */
    public Builder slabSize(int bytes) {
      once("slabSize", bytes);
      slabSize = powerOfTwo("slabSize", bytes, ALIGNMENT, MAX_BLOCK);
      return this;
    }

    /**
     * Hard limit on the off-heap bytes the pool reserves; required, at least maxBlockSize.
     *
     * @throws IllegalArgumentException if it is not positive
     * @throws IllegalStateException if it was already set
     */
    public Builder capacity(long bytes) {
      once("capacity", bytes);
      if (bytes <= 0) {
        throw new IllegalArgumentException("capacity must be positive, was " + bytes);
      }
      capacity = bytes;
      return this;
    }

    /**
     * Debug mode (see {@link MemoryProperties}); default {@link MemoryProperties#DEBUG}, read from
     * a system property and so shown by link rather than value.
     *
     * @throws IllegalStateException if it was already set
     */
    public Builder debug(boolean on) {
      once("debug", on);
      debug = on;
      return this;
    }

    /**
     * Builds the pool; reserves nothing yet.
     *
     * @throws IllegalStateException if capacity is not set, minBlockSize exceeds maxBlockSize, or
     *     capacity is below maxBlockSize
     */
    public BufferPool build() {
      if (capacity < 0) {
        throw new IllegalStateException("capacity must be set");
      }
      if (minBlockSize > maxBlockSize) {
        throw new IllegalStateException(
            "minBlockSize ("
                + minBlockSize
                + ") must not exceed maxBlockSize ("
                + maxBlockSize
                + "): requests between them would have no block size");
      }
      if (capacity < maxBlockSize) {
        throw new IllegalStateException(
            "capacity ("
                + capacity
                + ") must be at least maxBlockSize ("
                + maxBlockSize
                + "): the largest block could never be reserved");
      }
      return new BufferPool(this);
    }
  }
}
