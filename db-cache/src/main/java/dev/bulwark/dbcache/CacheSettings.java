/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import java.time.Duration;
import java.util.Objects;

/** The checks of the cache settings the caching stores' builders share. Stateless. */
final class CacheSettings {
  static final long MAX_SIZE = 100_000_000;

  private CacheSettings() {}

  static long checkSize(long size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "cacheMaximumSize must be between 1 and " + MAX_SIZE + ", was " + size);
    }
    return size;
  }

  static Duration checkTtl(String setting, Duration ttl) {
    Objects.requireNonNull(ttl, setting);
    if (ttl.compareTo(Duration.ofMillis(1)) < 0 || ttl.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(setting + " must be between 1 ms and 1 day, was " + ttl);
    }
    return ttl;
  }

  /** An unknown key must not outlive a known one in the cache: the negative TTL is the shorter. */
  static void checkNegativeNotLonger(Duration ttl, Duration negativeTtl) {
    if (negativeTtl.compareTo(ttl) > 0) {
      throw new IllegalStateException(
          "negativeCacheTtl (" + negativeTtl + ") must not be longer than cacheTtl (" + ttl + ")");
    }
  }
}
