/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import static dev.bulwark.auth.internal.cache.CacheEntries.bytes;
import static dev.bulwark.auth.internal.cache.CacheEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What {@link OnHeapVerifiedTokenCache} does beyond the rules every cache keeps (those run in
 * {@code dev.bulwark.auth.OnHeapVerifiedTokenCacheContractTest}).
 */
class OnHeapVerifiedTokenCacheTest {

  @Test
  void get_tokenPut_returnsTheVeryEntryPut() {
    OnHeapVerifiedTokenCache cache = new OnHeapVerifiedTokenCache(10, Duration.ofMinutes(1));
    CachedToken e = entry("a");
    cache.put(bytes("token-a"), e);
    assertThat(cache.get(bytes("token-a"))).isSameAs(e);
  }
}
