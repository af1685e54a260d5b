/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.testsupport;

import dev.bulwark.auth.internal.cache.CachedToken;
import dev.bulwark.auth.internal.cache.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;

/**
 * A bounded stress test of {@link VerifiedTokenCache#invalidate}: one thread puts and invalidates
 * tokens in turn while readers look them up; a hit counts as stale when the lookup began after the
 * invalidation of the token's last put had returned and no later put had begun when it ended. The
 * contract ("forgets the entry") allows none. Stateless; each call uses its own threads.
 */
public final class InvalidationHammer {
  /** Reader threads beside the one writer. */
  public static final int READERS = 2;

  private InvalidationHammer() {}

  /**
   * Token {@code i} of a run: a JWS-shaped string whose last 43 chars (where a signature sits, and
   * where the slot hashes look) differ between tokens.
   */
  public static String token(int i) {
    SplittableRandom random = new SplittableRandom(i);
    StringBuilder sig = new StringBuilder(43);
    for (int c = 0; c < 43; c++) {
      sig.append((char) ('a' + random.nextInt(26)));
    }
    return "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLSIsImp0aSI6Imp0aS0" + i + "In0." + sig;
  }

  /**
   * Runs the writer and {@link #READERS} readers on {@code tokens} tokens, {@code live} of them
   * held at once (0: each invalidated right after its put), for {@code millis} milliseconds and
   * returns the number of stale hits. {@code entryOf} gives the entry put for token {@code i}.
   * Readers alternate between the byte-array and the header-range lookups.
   */
  public static int staleHits(
      VerifiedTokenCache cache, int tokens, int live, IntFunction<CachedToken> entryOf, long millis)
      throws Exception {
    String[] headers = new String[tokens];
    byte[][] bytes = new byte[tokens][];
    CachedToken[] entries = new CachedToken[tokens];
    for (int i = 0; i < tokens; i++) {
      headers[i] = "Bearer " + token(i);
      bytes[i] = token(i).getBytes(StandardCharsets.US_ASCII);
      entries[i] = entryOf.apply(i);
    }
    // Per token: the number of the put that last began, and that of the last put whose
    // invalidation has returned.
    AtomicLongArray begun = new AtomicLongArray(tokens);
    AtomicLongArray forgotten = new AtomicLongArray(tokens);
    long deadline = System.nanoTime() + millis * 1_000_000L;
    return Concurrently.wrongAnswers(
        1 + READERS,
        thread -> {
          if (thread == 0) {
            // Token i is put at step i and invalidated live steps later (at once for 0), so that
            // about
            // live tokens are held at once.
            for (int i = 0; System.nanoTime() < deadline; i++) {
              int k = i % tokens;
              begun.incrementAndGet(k);
              // The cache keeps the array it is given (rule 6 of the seam): a fresh copy each time.
              cache.put(bytes[k].clone(), entries[k]);
              if (i >= live) {
                int old = (i - live) % tokens;
                cache.invalidate(bytes[old]);
                forgotten.set(old, begun.get(old));
              }
            }
            return 0;
          }
          int stale = 0;
          ThreadLocalRandom random = ThreadLocalRandom.current();
          for (long n = 0; System.nanoTime() < deadline; n++) {
            int k = random.nextInt(tokens);
            long put = begun.get(k);
            boolean gone = forgotten.get(k) == put;
            CachedToken got =
                (n & 1) == 0 ? cache.get(bytes[k]) : cache.get(headers[k], 7, headers[k].length());
            if (gone && got != null && begun.get(k) == put) {
              stale++;
            }
          }
          return stale;
        });
  }
}
