/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;

/**
 * Several threads acquire and release random sizes for a bounded time. Each holder stamps its whole
 * block and checks the stamp before releasing it, and a shared map proves no address is ever held
 * twice; afterwards every reserved byte must be in a free list.
 */
class BufferPoolStressTest {

  private static final int THREADS = 4;

  @Test
  void acquireRelease_fourThreadsThreeSeconds_noSharedBlockAndEveryByteAccountedFor()
      throws Exception {
    run(false, 3000);
  }

  @Test
  void acquireRelease_debugModeOneSecond_noSharedBlockAndEveryByteAccountedFor() throws Exception {
    run(true, 1000);
  }

  private static void run(boolean debug, long millis) throws Exception {
    BufferPool pool =
        BufferPool.builder()
            .minBlockSize(16)
            .maxBlockSize(16 * 1024)
            .slabSize(64 * 1024)
            .capacity(64L << 20)
            .debug(debug)
            .build();
    ConcurrentHashMap<Long, Integer> held = new ConcurrentHashMap<>();
    AtomicLong acquisitions = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    CountDownLatch done = new CountDownLatch(THREADS);
    for (int t = 0; t < THREADS; t++) {
      final int id = t;
      Thread thread =
          new Thread(
              () -> {
                SplittableRandom random = new SplittableRandom(id);
                List<PooledBuffer> mine = new ArrayList<>();
                List<Long> stamps = new ArrayList<>();
                long seq = 0;
                try {
                  while (System.nanoTime() < deadline && failure.get() == null) {
                    if (mine.size() < 64 && (mine.isEmpty() || random.nextBoolean())) {
                      // Mostly small, sometimes up to the largest class.
                      int size =
                          random.nextInt(8) == 0
                              ? 1 + random.nextInt(16 * 1024)
                              : 1 + random.nextInt(512);
                      PooledBuffer b = pool.acquire(size);
                      acquisitions.incrementAndGet();
                      MutableDirectBuffer view = b.buffer();
                      Integer previous = held.putIfAbsent(view.addressOffset(), id);
                      if (previous != null) {
                        throw new AssertionError(
                            "block "
                                + view.addressOffset()
                                + " handed to thread "
                                + id
                                + " while thread "
                                + previous
                                + " holds it");
                      }
                      long stamp = ((long) id << 56) | seq++;
                      view.setMemory(0, size, (byte) stamp);
                      if (size >= 8) {
                        view.putLong(0, stamp);
                      }
                      mine.add(b);
                      stamps.add(stamp);
                    } else {
                      int k = random.nextInt(mine.size());
                      PooledBuffer b = mine.remove(k);
                      long stamp = stamps.remove(k);
                      MutableDirectBuffer view = b.buffer();
                      int size = view.capacity();
                      for (int i = size >= 8 ? 8 : 0; i < size; i++) {
                        if (view.getByte(i) != (byte) stamp) {
                          throw new AssertionError(
                              "block overwritten by another holder at byte " + i);
                        }
                      }
                      if (size >= 8 && view.getLong(0) != stamp) {
                        throw new AssertionError("block stamp overwritten by another holder");
                      }
                      held.remove(view.addressOffset());
                      pool.release(b);
                    }
                  }
                  for (PooledBuffer b : mine) {
                    held.remove(b.buffer().addressOffset());
                    pool.release(b);
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                } finally {
                  done.countDown();
                }
              });
      thread.start();
    }
    assertThat(done.await(millis + 30_000, TimeUnit.MILLISECONDS)).as("threads finished").isTrue();
    assertThat(failure.get()).as("failure in a worker").isNull();

    PoolStats stats = pool.stats();
    assertThat(acquisitions.get()).isGreaterThan(1000);
    assertThat(stats.hits() + stats.misses()).isEqualTo(acquisitions.get());
    assertThat(stats.bytesInUse()).isZero();
    assertThat(stats.bytesRequested()).isZero();
    assertThat(stats.bytesFree()).isEqualTo(stats.bytesReserved());
    assertThat(stats.bytesReserved()).isLessThanOrEqualTo(stats.capacity());
    assertThat(stats.peakBytesInUse()).isBetween(1L, stats.bytesReserved());
    pool.close();
    assertThat(pool.stats().bytesReserved()).isZero();
  }
}
