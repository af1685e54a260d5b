/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChunkAllocatorTest {

  @Test
  void chunkSize_upTo2KiB_roundsUpToTheNext64Bytes() {
    assertThat(ChunkAllocator.chunkSize(1)).isEqualTo(64);
    assertThat(ChunkAllocator.chunkSize(64)).isEqualTo(64);
    assertThat(ChunkAllocator.chunkSize(65)).isEqualTo(128);
    assertThat(ChunkAllocator.chunkSize(2047)).isEqualTo(2048);
    assertThat(ChunkAllocator.chunkSize(2048)).isEqualTo(2048);
  }

  @Test
  void chunkSize_above2KiB_coarserClassesUpToTheLargest() {
    assertThat(ChunkAllocator.chunkSize(2049)).isEqualTo(2560);
    assertThat(ChunkAllocator.chunkSize(8193)).isEqualTo(10240);
    assertThat(ChunkAllocator.chunkSize(ChunkAllocator.MAX_CHUNK_BYTES))
        .isEqualTo(ChunkAllocator.MAX_CHUNK_BYTES);
  }

  @Test
  void chunkSize_outOfRange_throwsIllegalArgumentNamingTheValue() {
    assertThatThrownBy(() -> ChunkAllocator.chunkSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length must be between 1 and 16384, was 0");
    assertThatThrownBy(() -> ChunkAllocator.chunkSize(ChunkAllocator.MAX_CHUNK_BYTES + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 16385");
  }

  @Test
  void constructor_capacityBelowOneLargestChunk_throwsIllegalArgumentNamingTheValue() {
    assertThatThrownBy(() -> new ChunkAllocator(1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacityBytes must be at least 16384, was 1000");
  }

  @Test
  void allocate_bytesWrittenThroughThePage_readBackAtTheOffset() {
    ChunkAllocator chunks = new ChunkAllocator(1 << 20);
    long a = chunks.allocate(100);
    long b = chunks.allocate(100);
    chunks.page(a).putBytes(ChunkAllocator.offset(a), new byte[] {1, 2, 3});
    chunks.page(b).putBytes(ChunkAllocator.offset(b), new byte[] {7, 8, 9});
    byte[] got = new byte[3];
    chunks.page(a).getBytes(ChunkAllocator.offset(a), got);
    assertThat(got).containsExactly(1, 2, 3);
    assertThat(b).isNotEqualTo(a);
    assertThat(chunks.inBounds(a, 100)).isTrue();
    assertThat(chunks.bytesInUse()).isEqualTo(2 * 128);
    assertThat(chunks.requestedBytes()).isEqualTo(200);
  }

  @Test
  void free_thenAllocateOfTheSameClass_reusesTheChunkAtOnce() {
    ChunkAllocator chunks = new ChunkAllocator(1 << 20);
    long a = chunks.allocate(100);
    chunks.free(a, 100);
    assertThat(chunks.bytesInUse()).isZero();
    assertThat(chunks.requestedBytes()).isZero();
    assertThat(chunks.allocate(120)).isEqualTo(a);
  }

  @Test
  void inBounds_referenceOutsideEveryPublishedPage_false() {
    ChunkAllocator chunks = new ChunkAllocator(1 << 20);
    long a = chunks.allocate(64);
    assertThat(chunks.inBounds(-1, 1)).isFalse();
    assertThat(chunks.inBounds(1L << 32, 1)).as("page not yet published").isFalse();
    assertThat(chunks.inBounds(a + chunks.pageSize() - 10, 64)).as("past the page end").isFalse();
  }

  @Test
  void allocate_poolFull_returnsMinusOneAndThrowsNothing() {
    // One page: a single size class fills it, a second class finds no page.
    ChunkAllocator chunks = new ChunkAllocator(ChunkAllocator.MAX_CHUNK_BYTES);
    assertThat(chunks.allocate(100)).isNotNegative();
    assertThat(chunks.allocate(1000)).isEqualTo(-1);
    assertThat(chunks.stats().bytesReserved()).isEqualTo(ChunkAllocator.MAX_CHUNK_BYTES);
  }

  @Test
  void allocate_classFillsItsPage_takesAnotherPage() {
    ChunkAllocator chunks = new ChunkAllocator(4L << 20);
    int perPage = chunks.pageSize() / 64;
    Set<Long> refs = new HashSet<>();
    for (int i = 0; i <= perPage; i++) {
      refs.add(chunks.allocate(64));
    }
    assertThat(refs).hasSize(perPage + 1).doesNotContain(-1L);
    assertThat(chunks.stats().bytesInUse()).isEqualTo(2L * chunks.pageSize());
  }

  @Test
  void stopAllocating_laterAllocationsRefusedButFreesAllowed() {
    ChunkAllocator chunks = new ChunkAllocator(1 << 20);
    long a = chunks.allocate(64);
    chunks.stopAllocating();
    assertThat(chunks.allocate(64)).isEqualTo(-1);
    chunks.free(a, 64);
    assertThat(chunks.bytesInUse()).isZero();
  }

  @Test
  void releasePages_everyPageBackInThePoolAndIdempotent() {
    ChunkAllocator chunks = new ChunkAllocator(1 << 20);
    chunks.allocate(64);
    chunks.allocate(3000);
    assertThat(chunks.stats().bytesInUse()).isPositive();
    chunks.stopAllocating();
    chunks.releasePages();
    chunks.releasePages();
    assertThat(chunks.stats().bytesInUse()).isZero();
  }

  @Test
  void concurrentAllocateAndFree_noChunkHandedOutTwiceAndEveryByteAccounted() throws Exception {
    ChunkAllocator chunks = new ChunkAllocator(8L << 20);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final long mark = t + 1;
        futures.add(
            pool.submit(
                () -> {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  List<long[]> held = new ArrayList<>();
                  long errors = 0;
                  for (int i = 0; i < 20_000; i++) {
                    if (held.isEmpty() || random.nextBoolean()) {
                      int length = 8 + random.nextInt(3000);
                      long ref = chunks.allocate(length);
                      if (ref >= 0) {
                        // Owned by this thread alone: no other may write it until freed.
                        chunks.page(ref).putLong(ChunkAllocator.offset(ref), mark);
                        held.add(new long[] {ref, length});
                      }
                    } else {
                      long[] c = held.remove(random.nextInt(held.size()));
                      if (chunks.page(c[0]).getLong(ChunkAllocator.offset(c[0])) != mark) {
                        errors++;
                      }
                      chunks.free(c[0], (int) c[1]);
                    }
                  }
                  long bytes = 0;
                  long requested = 0;
                  for (long[] c : held) {
                    bytes += ChunkAllocator.chunkSize((int) c[1]);
                    requested += c[1];
                  }
                  return new long[] {errors, bytes, requested};
                }));
      }
      long errors = 0;
      long bytes = 0;
      long requested = 0;
      for (Future<long[]> f : futures) {
        long[] r = f.get(30, TimeUnit.SECONDS);
        errors += r[0];
        bytes += r[1];
        requested += r[2];
      }
      assertThat(errors).isZero();
      assertThat(chunks.bytesInUse()).isEqualTo(bytes);
      assertThat(chunks.requestedBytes()).isEqualTo(requested);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void chunkStats_freedChunkAllocatedAgain_countsOneCarveAndOneReuse() {
    ChunkAllocator a = new ChunkAllocator(1 << 20);
    long ref = a.allocate(100);
    a.free(ref, 100);
    a.allocate(100);
    PoolStats s = a.chunkStats();
    assertThat(new long[] {s.misses(), s.hits()}).containsExactly(1, 1);
  }

  @Test
  void chunkStats_oneRecord_fragmentationIsThePageBytesItDoesNotHold() {
    ChunkAllocator a = new ChunkAllocator(1 << 20);
    a.allocate(100);
    PoolStats s = a.chunkStats();
    assertThat(s.bytesRequested()).isEqualTo(100);
    assertThat(s.fragmentationRatio())
        .isEqualTo((double) (s.bytesReserved() - 100) / s.bytesReserved());
  }

  @Test
  void chunkStats_afterFree_peakKeepsTheHighestInUse() {
    ChunkAllocator a = new ChunkAllocator(1 << 20);
    long r1 = a.allocate(64);
    long r2 = a.allocate(64);
    a.free(r1, 64);
    a.free(r2, 64);
    PoolStats s = a.chunkStats();
    assertThat(new long[] {s.bytesInUse(), s.peakBytesInUse()}).containsExactly(0, 128);
  }
}
