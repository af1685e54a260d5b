/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import static dev.bulwark.auth.internal.cache.CacheEntries.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The slot hash both token caches use. */
class SlotHashTest {

  @Test
  void of_differentKeys_differ() {
    byte[] t = bytes("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.sig");
    assertThat(SlotHash.of(1, t, t.length)).isNotEqualTo(SlotHash.of(2, t, t.length));
  }

  @Test
  void of_sameBytes_sameHashAsThePerProcessKey() {
    byte[] t = bytes("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.sig");
    assertThat(SlotHash.of(t)).isEqualTo(SlotHash.of(t.clone()));
  }
}
