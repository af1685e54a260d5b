/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwks;

import dev.bulwark.auth.internal.jws.KeySet;

/** A key set fixed at build time. Immutable and thread-safe. */
public final class StaticKeySource implements KeySource {
  private final KeySet keys;

  /** A source that always answers {@code keys}. */
  public StaticKeySource(KeySet keys) {
    this.keys = keys;
  }

  @Override
  public KeySet current() {
    return keys;
  }

  @Override
  public KeySet refreshForUnknownKid(KeySet seen) {
    return keys;
  }
}
