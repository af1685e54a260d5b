/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.dbcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The query cache's hit ratio on a skewed trace, against the best any cache of the same size could
 * do. A hit ratio is a count, not a time, so this is a deterministic simulation rather than a JMH
 * benchmark: the same arguments give the same trace and the same figures on any machine.
 *
 * <p>The trace draws {@code accesses} keys from {@code keys} keys with Zipf's law of exponent
 * {@code skew} (rank r is drawn with probability proportional to 1/r^skew), ranks mapped to keys by
 * a random permutation. Each policy holds {@code cacheFraction} of the keys:
 *
 * <ul>
 *   <li>{@code caffeine}: the query cache's own configuration, a Caffeine cache bounded by size
 *       (W-TinyLFU admission and eviction), maintenance run on the caller's thread so that the
 *       figure does not depend on scheduling;
 *   <li>{@code lru}: least recently used, the usual baseline;
 *   <li>{@code belady}: the optimal offline policy (evict the key used furthest in the future, and
 *       do not admit a key used later than every cached one), computed on the same trace: no cache
 *       of this size can hit more often.
 * </ul>
 *
 * <p>Run: {@code java -cp jmh-benchmarks/target/benchmarks.jar
 * dev.bulwark.jmh.dbcache.HitRatioSimulation [keys accesses skew cacheFraction seed]} (defaults
 * 1000000 10000000 0.99 0.10 42). Prints one line of JSON per policy.
 */
public final class HitRatioSimulation {
  private HitRatioSimulation() {}

  /** Runs the simulation; see the class Javadoc for the arguments. */
  public static void main(String[] args) {
    int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int accesses = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
    double skew = args.length > 2 ? Double.parseDouble(args[2]) : 0.99;
    double fraction = args.length > 3 ? Double.parseDouble(args[3]) : 0.10;
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
    int capacity = (int) Math.round(keys * fraction);

    int[] trace = zipfTrace(keys, accesses, skew, seed);
    String params =
        String.format(
            Locale.ROOT,
            "\"keys\":%d,\"accesses\":%d,\"skew\":%s,\"capacity\":%d,\"seed\":%d",
            keys,
            accesses,
            skew,
            capacity,
            seed);
    print("belady", belady(trace, capacity), accesses, params);
    print("caffeine", caffeine(trace, capacity), accesses, params);
    print("lru", lru(trace, capacity), accesses, params);
  }

  private static void print(String policy, long hits, int accesses, String params) {
    System.out.printf(
        Locale.ROOT,
        "{\"policy\":\"%s\",\"hits\":%d,\"hitRatio\":%.4f,%s}%n",
        policy,
        hits,
        (double) hits / accesses,
        params);
  }

  /** Zipf-distributed keys by inverse transform over the cumulative weights of the ranks. */
  static int[] zipfTrace(int keys, int accesses, double skew, long seed) {
    double[] cumulative = new double[keys];
    double sum = 0;
    for (int r = 0; r < keys; r++) {
      sum += 1.0 / Math.pow(r + 1, skew);
      cumulative[r] = sum;
    }
    SplittableRandom random = new SplittableRandom(seed);
    // Ranks to keys by a random permutation, so that popular keys are not neighbours.
    int[] keyOfRank = new int[keys];
    for (int i = 0; i < keys; i++) {
      keyOfRank[i] = i;
    }
    for (int i = keys - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = keyOfRank[i];
      keyOfRank[i] = keyOfRank[j];
      keyOfRank[j] = t;
    }
    int[] trace = new int[accesses];
    for (int i = 0; i < accesses; i++) {
      double u = random.nextDouble() * sum;
      int rank = Arrays.binarySearch(cumulative, u);
      rank = rank >= 0 ? rank : -rank - 1;
      trace[i] = keyOfRank[Math.min(rank, keys - 1)];
    }
    return trace;
  }

  static long caffeine(int[] trace, int capacity) {
    Cache<Integer, Boolean> cache =
        Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
    long hits = 0;
    for (int key : trace) {
      if (cache.getIfPresent(key) != null) {
        hits++;
      } else {
        cache.put(key, Boolean.TRUE);
      }
    }
    return hits;
  }

  static long lru(int[] trace, int capacity) {
    Map<Integer, Boolean> cache =
        new LinkedHashMap<>(capacity * 2, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
            return size() > capacity;
          }
        };
    long hits = 0;
    for (int key : trace) {
      if (cache.get(key) != null) {
        hits++;
      } else {
        cache.put(key, Boolean.TRUE);
      }
    }
    return hits;
  }

  /**
   * Belady's MIN: on a miss with the cache full, evict the cached key whose next use is furthest
   * away (or never). Each key's next use is found by one backward pass over the trace.
   */
  static long belady(int[] trace, int capacity) {
    int n = trace.length;
    int[] nextUse = new int[n];
    Map<Integer, Integer> last = new java.util.HashMap<>();
    for (int i = n - 1; i >= 0; i--) {
      Integer next = last.put(trace[i], i);
      nextUse[i] = next == null ? Integer.MAX_VALUE : next;
    }
    // Cached keys ordered by next use; entries are (nextUse, key) packed in a long, unique since
    // two keys never share a next use (except "never", told apart by the key in the low bits).
    TreeSet<Long> byNextUse = new TreeSet<>();
    Map<Integer, Long> entryOf = new java.util.HashMap<>();
    long hits = 0;
    for (int i = 0; i < n; i++) {
      int key = trace[i];
      Long entry = entryOf.get(key);
      if (entry != null) {
        hits++;
        byNextUse.remove(entry);
      }
      long e = ((long) nextUse[i] << 32) | (key & 0xFFFF_FFFFL);
      if (entry == null && entryOf.size() >= capacity) {
        // Admitting the key is worth it only if it is used again before the furthest cached one:
        // an optimal cache may decline a key, as a frequency filter like Caffeine's does.
        if (e > byNextUse.last()) {
          continue;
        }
        Long evict = byNextUse.pollLast();
        entryOf.remove((int) (evict & 0xFFFF_FFFFL));
      }
      byNextUse.add(e);
      entryOf.put(key, e);
    }
    return hits;
  }
}
