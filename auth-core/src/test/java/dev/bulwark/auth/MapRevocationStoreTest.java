/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import dev.bulwark.auth.store.RevocationStore;
import dev.bulwark.auth.store.testkit.RevocationStoreContract;

/**
 * The engine's tests revoke through {@link MapRevocationStore}: it keeps the {@link
 * RevocationStore} contract, so what they prove holds for a store that does.
 */
class MapRevocationStoreTest extends RevocationStoreContract {
  @Override
  protected RevocationStore newStore() {
    return new MapRevocationStore();
  }
}
