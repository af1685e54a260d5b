/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

  private static BufferPool pool(long capacity, boolean debug) {
    return BufferPool.builder()
        .minBlockSize(64)
        .maxBlockSize(4096)
        .slabSize(16 * 1024)
        .capacity(capacity)
        .debug(debug)
        .build();
  }

  private static long directMemoryUsed() {
    for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (b.getName().equals("direct")) {
        return b.getMemoryUsed();
      }
    }
    throw new AssertionError("no direct BufferPoolMXBean");
  }

  @Test
  void acquire_oddSize_roundedUpToPowerOfTwoBlockWithExactView() {
    try (BufferPool pool = pool(1 << 20, false)) {
      PooledBuffer b = pool.acquire(100);
      assertThat(b.blockSize()).isEqualTo(128);
      assertThat(b.capacity()).isEqualTo(100);
      assertThat(b.buffer().capacity()).isEqualTo(100);
      assertThat(pool.acquire(1).blockSize()).isEqualTo(64);
      assertThat(pool.acquire(4096).blockSize()).isEqualTo(4096);
    }
  }

  @Test
  void acquire_anyBlock_addressIs64ByteAligned() {
    try (BufferPool pool = pool(1 << 20, false)) {
      for (int size = 1; size <= 4096; size = size * 3 + 1) {
        assertThat(pool.acquire(size).buffer().addressOffset() % 64).as("size %d", size).isZero();
      }
    }
  }

  @Test
  void buffer_writeBeyondRequestedSize_throwsIndexOutOfBounds() {
    try (BufferPool pool = pool(1 << 20, false)) {
      MutableDirectBuffer view = pool.acquire(100).buffer();
      view.putLong(92, 1L);
      assertThatThrownBy(() -> view.putLong(93, 1L)).isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void acquire_afterReleaseOfSameClass_isHitOnSameBlock() {
    try (BufferPool pool = pool(1 << 20, false)) {
      PooledBuffer first = pool.acquire(1000);
      long address = first.buffer().addressOffset();
      pool.release(first);
      PooledBuffer second = pool.acquire(900);
      assertThat(pool.stats().misses()).isEqualTo(1);
      assertThat(pool.stats().hits()).isEqualTo(1);
      assertThat(pool.stats().hitRatio()).isEqualTo(0.5);
      // One slab of 16 KiB was cut into 16 blocks of 1 KiB; the LIFO order is not promised,
      // but the block must come from that slab.
      assertThat(second.buffer().addressOffset())
          .isBetween(address - 15 * 1024, address + 15 * 1024);
    }
  }

  @Test
  void release_twice_throwsIllegalState() {
    try (BufferPool pool = pool(1 << 20, false)) {
      PooledBuffer b = pool.acquire(10);
      pool.release(b);
      assertThatThrownBy(() -> pool.release(b))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("released twice");
    }
  }

  @Test
  void debugMode_doubleReleaseAfterBlockReacquired_throwsAndSparesNewOwner() {
    // Without debug mode the handle is recycled: the stale second release would hand the new
    // owner's block back to the free list. Debug mode retires the handle instead.
    try (BufferPool pool = pool(64 * 1024, true)) {
      PooledBuffer stale = pool.acquire(64);
      pool.release(stale);
      List<PooledBuffer> owners = new ArrayList<>();
      for (int i = 0; i < 256; i++) {
        owners.add(pool.acquire(64));
      }
      assertThatThrownBy(() -> pool.release(stale)).isInstanceOf(IllegalStateException.class);
      assertThat(pool.stats().bytesInUse()).isEqualTo(256 * 64);
      assertThat(owners).allSatisfy(o -> assertThat(o.buffer().capacity()).isEqualTo(64));
    }
  }

  @Test
  void debugMode_handleUsedAfterRelease_throwsIllegalState() {
    try (BufferPool pool = pool(1 << 20, true)) {
      PooledBuffer b = pool.acquire(32);
      pool.release(b);
      assertThatThrownBy(b::buffer)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("after release");
    }
  }

  @Test
  void debugMode_viewKeptAfterRelease_throwsOnAccessAndBlockIsPoisoned() {
    try (BufferPool pool = pool(64 * 1024, true)) {
      PooledBuffer b = pool.acquire(64);
      MutableDirectBuffer view = b.buffer();
      long address = view.addressOffset();
      view.putLong(0, 42L);
      pool.release(b);
      assertThatThrownBy(() -> view.getLong(0)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> view.putByte(0, (byte) 1))
          .isInstanceOf(IndexOutOfBoundsException.class);
      PooledBuffer next = null;
      for (int i = 0; i < 1024 && (next == null || next.buffer().addressOffset() != address); i++) {
        next = pool.acquire(64);
      }
      assertThat(next.buffer().addressOffset()).isEqualTo(address);
      assertThat(next.buffer().getByte(0)).isEqualTo((byte) 0xDB);
    }
  }

  @Test
  void release_bufferOfAnotherPool_throwsIllegalArgument() {
    try (BufferPool a = pool(1 << 20, false);
        BufferPool b = pool(1 << 20, false)) {
      PooledBuffer buffer = a.acquire(8);
      assertThatThrownBy(() -> b.release(buffer)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void acquire_beyondCapacity_throwsPoolExhaustedNamingTheLimit() {
    try (BufferPool pool = pool(40 * 1024, false)) {
      List<PooledBuffer> held = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        held.add(pool.acquire(4096));
      }
      assertThatThrownBy(() -> pool.acquire(4096))
          .isInstanceOf(PoolExhaustedException.class)
          .hasMessageContaining("capacity of 40960 bytes exhausted");
      assertThat(pool.stats().bytesReserved()).isEqualTo(40 * 1024);
    }
  }

  @Test
  void acquire_slabLargerThanRoomLeft_slabCutToFitCapacity() {
    try (BufferPool pool = pool(20 * 1024, false)) {
      pool.acquire(4096); // a 16 KiB slab of 4 KiB blocks
      PooledBuffer small = pool.acquire(64); // 4 KiB left: a cut-down slab of 64 blocks
      assertThat(small.blockSize()).isEqualTo(64);
      assertThat(pool.stats().bytesReserved()).isEqualTo(20 * 1024);
      assertThat(pool.stats().bytesFree()).isEqualTo(3 * 4096 + 63 * 64);
    }
  }

  @Test
  void acquire_beyondJvmDirectMemoryLimit_throwsPoolExhaustedNotOutOfMemoryError() {
    // Surefire runs this module with -XX:MaxDirectMemorySize=256m.
    try (BufferPool pool =
        BufferPool.builder().maxBlockSize(1 << 29).slabSize(1 << 29).capacity(1L << 31).build()) {
      assertThatThrownBy(() -> pool.acquire(1 << 29))
          .isInstanceOf(PoolExhaustedException.class)
          .hasMessageContaining("MaxDirectMemorySize");
      assertThat(pool.stats().bytesReserved()).isZero();
    }
  }

  @Test
  void acquire_sizeOutOfRange_throwsIllegalArgumentNamingTheValue() {
    try (BufferPool pool = pool(1 << 20, false)) {
      assertThatThrownBy(() -> pool.acquire(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("size must be between 1 and 4096, was 0");
      assertThatThrownBy(() -> pool.acquire(4097))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("size must be between 1 and 4096, was 4097");
    }
  }

  @Test
  void stats_afterMixedTraffic_reportBytesPeakAndFragmentation() {
    try (BufferPool pool = pool(1 << 20, false)) {
      PooledBuffer a = pool.acquire(100); // 128-byte block
      PooledBuffer b = pool.acquire(1000); // 1024-byte block
      PoolStats s = pool.stats();
      assertThat(s.bytesInUse()).isEqualTo(128 + 1024);
      assertThat(s.bytesRequested()).isEqualTo(1100);
      assertThat(s.bytesReserved()).isEqualTo(2 * 16 * 1024);
      assertThat(s.bytesFree()).isEqualTo(2 * 16 * 1024 - 128 - 1024);
      assertThat(s.fragmentationRatio()).isEqualTo((2 * 16 * 1024 - 1100) / (2.0 * 16 * 1024));
      pool.release(a);
      pool.release(b);
      assertThat(pool.stats().peakBytesInUse()).isEqualTo(128 + 1024);
      assertThat(pool.stats().bytesInUse()).isZero();
      assertThat(pool.stats().capacity()).isEqualTo(1 << 20);
    }
  }

  @Test
  void close_withSlabsReserved_returnsAllDirectMemory() {
    long before = directMemoryUsed();
    BufferPool pool = pool(1 << 20, false);
    for (int size = 64; size <= 4096; size *= 2) {
      pool.acquire(size);
    }
    assertThat(directMemoryUsed() - before).isGreaterThanOrEqualTo(7 * 16 * 1024);
    pool.close();
    assertThat(directMemoryUsed()).isEqualTo(before);
    assertThat(pool.stats().bytesReserved()).isZero();
  }

  @Test
  void acquire_afterClose_throwsIllegalState() {
    BufferPool pool = pool(1 << 20, false);
    pool.close();
    assertThatThrownBy(() -> pool.acquire(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("BufferPool is closed");
  }

  @Test
  void debugMode_viewOutstandingAtClose_throwsInsteadOfReadingFreedMemory() {
    BufferPool pool = pool(1 << 20, true);
    MutableDirectBuffer view = pool.acquire(64).buffer();
    pool.close();
    assertThatThrownBy(() -> view.getLong(0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void builder_settingMadeTwice_throwsIllegalState() {
    BufferPool.Builder builder = BufferPool.builder().capacity(1 << 20);
    assertThatThrownBy(() -> builder.capacity(1 << 21))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("capacity was already set to 1048576, cannot set it again to 2097152");
  }

  @Test
  void builder_defaults_areTheDocumentedConstants() {
    BufferPool pool = BufferPool.builder().capacity(1 << 20).build();
    assertThat(pool.toString())
        .contains(
            "blockSizes="
                + BufferPool.Builder.DEFAULT_MIN_BLOCK_SIZE
                + ".."
                + BufferPool.Builder.DEFAULT_MAX_BLOCK_SIZE);
    pool.close();
  }

  @Test
  void builder_blockSizeNotPowerOfTwo_throwsIllegalArgumentNamingTheValue() {
    assertThatThrownBy(() -> BufferPool.builder().maxBlockSize(1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBlockSize must be a power of two between 16 and 1073741824, was 1000");
  }

  @Test
  void builder_minBlockSizeAboveMaxBlockSize_throwsIllegalStateNamingBothWithValues() {
    assertThatThrownBy(
            () ->
                BufferPool.builder().minBlockSize(1024).maxBlockSize(512).capacity(1 << 20).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("minBlockSize (1024) must not exceed maxBlockSize (512)");
  }

  @Test
  void builder_capacityBelowMaxBlockSize_throwsIllegalStateNamingBothWithValues() {
    assertThatThrownBy(() -> BufferPool.builder().capacity(1000).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("capacity (1000) must be at least maxBlockSize (65536)");
  }

  @Test
  void builder_conflictingOrMissingSettings_throwIllegalState() {
    assertThatThrownBy(() -> BufferPool.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("capacity must be set");
    assertThatThrownBy(
            () ->
                BufferPool.builder().minBlockSize(1024).maxBlockSize(512).capacity(1 << 20).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("minBlockSize (1024)");
    assertThatThrownBy(() -> BufferPool.builder().capacity(1000).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("capacity (1000)");
  }

  @Test
  void memoryProperties_debugDefault_readFromDocumentedProperty() {
    assertThat(MemoryProperties.DEBUG_PROPERTY).isEqualTo("bulwark.memory.debug");
    assertThat(MemoryProperties.DEBUG).isEqualTo(Boolean.getBoolean("bulwark.memory.debug"));
  }
}
