/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.memory;

/**
 * A snapshot of a {@link BufferPool}'s counters; immutable and thread-safe.
 *
 * <p>Taken while other threads acquire and release, the figures are each exact but not taken at the
 * same instant; in a quiescent pool {@code bytesReserved == bytesInUse + bytesFree}.
 *
 * @param hits acquisitions served from a free list
 * @param misses acquisitions that had to carve new memory
 * @param bytesReserved off-heap bytes held by the pool (slabs), at most {@code capacity}
 * @param bytesInUse bytes of the blocks currently acquired (whole size classes)
 * @param bytesRequested bytes asked for by the holders of the blocks currently acquired
 * @param bytesFree bytes of the blocks waiting in the free lists
 * @param peakBytesInUse the highest {@code bytesInUse} seen since the pool was built
 * @param capacity the hard limit on {@code bytesReserved}
 */
public record PoolStats(
    long hits,
    long misses,
    long bytesReserved,
    long bytesInUse,
    long bytesRequested,
    long bytesFree,
    long peakBytesInUse,
    long capacity) {

  /** Share of acquisitions served from a free list, 0 when there were none. */
  public double hitRatio() {
    long total = hits + misses;
    return total == 0 ? 0.0 : (double) hits / total;
  }

  /**
   * Share of the reserved memory that holds no requested byte: the rounding up to a size class
   * (internal fragmentation) plus the free blocks (external); 0 when nothing is reserved.
   */
  public double fragmentationRatio() {
    return bytesReserved == 0 ? 0.0 : (double) (bytesReserved - bytesRequested) / bytesReserved;
  }
}
