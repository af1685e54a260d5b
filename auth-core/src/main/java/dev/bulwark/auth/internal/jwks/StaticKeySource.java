/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwks;

import dev.bulwark.auth.internal.jws.KeySet;
import java.util.Optional;

/** A key set fixed at build time. Immutable and thread-safe. */
public final class StaticKeySource implements KeySource {
  private final KeySet keys;
  private final KeySourceHealth health;

  /** A source that always answers {@code keys}. */
  public StaticKeySource(KeySet keys) {
    this.keys = keys;
    this.health =
        new KeySourceHealth(
            false,
            null,
            KeySourceHealth.kidsOf(keys),
            keys.size(),
            KeySourceHealth.NEVER,
            KeySourceHealth.NEVER,
            KeySourceHealth.NEVER,
            null,
            0,
            0,
            0,
            false,
            keys.size() > 0);
  }

  @Override
  public KeySet current() {
    return keys;
  }

  @Override
  public KeySet refreshForUnknownKid(KeySet seen) {
    return keys;
  }

  @Override
  public KeySourceHealth health() {
    return health;
  }

  @Override
  public Optional<String> prefetch() {
    return keys.size() > 0 ? Optional.empty() : Optional.of("the static key set holds no key");
  }
}
