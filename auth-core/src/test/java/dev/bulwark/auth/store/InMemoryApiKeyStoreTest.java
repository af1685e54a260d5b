/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.store.testkit.ApiKeyStoreContract;
import org.junit.jupiter.api.Test;

/** {@link InMemoryApiKeyStore}: the {@link ApiKeyStore} contract, and its own rules. */
class InMemoryApiKeyStoreTest extends ApiKeyStoreContract {

  @Override
  protected ApiKeyStore newStore() {
    return new InMemoryApiKeyStore();
  }

  private InMemoryApiKeyStore inMemory() {
    return (InMemoryApiKeyStore) store;
  }

  @Test
  void findByKeyId_null_isEmpty() {
    store.insert(record("k1"));

    assertThat(store.findByKeyId(null)).isEmpty();
  }

  @Test
  void insert_duplicateKeyId_messageNamesTheKeyId() {
    store.insert(record("k1"));

    assertThatThrownBy(() -> store.insert(record("k1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keyId=k1");
  }

  @Test
  void markRevoked_unknownKey_addsNoEntry() {
    store.markRevoked("nope");

    assertThat(inMemory().size()).isZero();
  }
}
