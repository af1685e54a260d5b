/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryApiKeyStoreTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  final InMemoryApiKeyStore store = new InMemoryApiKeyStore();

  static ApiKeyRecord record(String keyId) {
    return new ApiKeyRecord(keyId, new byte[32], "alice", Set.of("read"), T0, null, false);
  }

  @Test
  void insert_thenFindByKeyId_returnsTheRecord() {
    store.insert(record("k1"));

    assertThat(store.findByKeyId("k1")).contains(record("k1"));
  }

  @Test
  void findByKeyId_unknownOrNull_isEmpty() {
    store.insert(record("k1"));

    assertThat(store.findByKeyId("k2")).isEmpty();
    assertThat(store.findByKeyId(null)).isEmpty();
  }

  @Test
  void insert_duplicateKeyId_throwsIllegalStateAndKeepsTheFirst() {
    ApiKeyRecord first = record("k1");
    store.insert(first);
    ApiKeyRecord second = new ApiKeyRecord("k1", new byte[32], "mallory", Set.of("admin"), T0, null, false);

    assertThatThrownBy(() -> store.insert(second))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keyId=k1");
    assertThat(store.findByKeyId("k1")).contains(first);
  }

  @Test
  void markRevoked_existingKey_returnsTrueAndTheRecordIsRevoked() {
    store.insert(record("k1"));

    assertThat(store.markRevoked("k1")).isTrue();
    assertThat(store.findByKeyId("k1").orElseThrow().revoked()).isTrue();
  }

  @Test
  void markRevoked_twice_staysRevokedAndReturnsTrue() {
    store.insert(record("k1"));
    store.markRevoked("k1");

    assertThat(store.markRevoked("k1")).isTrue();
    assertThat(store.findByKeyId("k1").orElseThrow().revoked()).isTrue();
  }

  @Test
  void markRevoked_unknownKey_returnsFalseAndCreatesNothing() {
    assertThat(store.markRevoked("nope")).isFalse();
    assertThat(store.findByKeyId("nope")).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void markRevoked_keepsEverythingElseOfTheRecord() {
    store.insert(record("k1"));
    store.markRevoked("k1");

    ApiKeyRecord r = store.findByKeyId("k1").orElseThrow();
    assertThat(r).isEqualTo(record("k1").withRevoked());
  }
}
