/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import static dev.bulwark.auth.internal.cache.CacheEntries.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.AuthMethod;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The cache bounds memory, not only entries: large tokens count as several entries. */
class OnHeapVerifiedTokenCacheWeightTest {
  private static final CachedToken ENTRY =
      new CachedToken(
          AuthResult.success(Principal.builder(AuthMethod.JWT, "iss", "s").build()),
          CacheEntries.ISSUER,
          KEY,
          Long.MAX_VALUE);

  /**
   * Distinct tokens that differ at the end, as JWS tokens do (by their signature): the slot hash
   * reads only the tail (see {@link SlotHash}), so tokens that differed only at the start would all
   * share one slot and never fill the cache.
   */
  private static byte[] token(int i, int length) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) 'a');
    byte[] id = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(id, 0, b, length - id.length, id.length);
    return b;
  }

  @Test
  void put_eightKibTokensBeyondBound_holdsAboutAQuarterOfMaximumSize() {
    OnHeapVerifiedTokenCache cache = new OnHeapVerifiedTokenCache(100, Duration.ofMinutes(1));
    for (int i = 0; i < 1_000; i++) {
      cache.put(token(i, 8192), ENTRY);
    }
    // 100 * 4096 / (2 * 8192 + 512) = 24 entries of 8 KiB tokens fit.
    assertThat(cache.estimatedSize()).isBetween(1L, 25L);
  }

  @Test
  void put_typicalTokensBeyondBound_holdsMaximumSizeEntries() {
    OnHeapVerifiedTokenCache cache = new OnHeapVerifiedTokenCache(100, Duration.ofMinutes(1));
    for (int i = 0; i < 1_000; i++) {
      cache.put(token(i, 1200), ENTRY);
    }
    assertThat(cache.estimatedSize()).isEqualTo(100);
  }
}
