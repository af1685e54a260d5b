/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.store.testkit.RevocationStoreContract;
import dev.bulwark.auth.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link InMemoryRevocationStore}: the {@link RevocationStore} contract, and its own rules. */
class InMemoryRevocationStoreTest extends RevocationStoreContract {
  static final Duration RETENTION = InMemoryRevocationStore.RETENTION_AFTER_EXPIRY;

  final MutableClock clock = new MutableClock(T0);
  InMemoryRevocationStore inMemory;

  @Override
  protected RevocationStore newStore() {
    inMemory = new InMemoryRevocationStore(clock);
    return inMemory;
  }

  @Override
  protected Instant liveExpiry() {
    return T0.plusSeconds(60);
  }

  @Test
  void isTokenRevoked_nullJti_isFalse() {
    store.revokeToken("jti-1", T0.plusSeconds(60));

    assertThat(store.isTokenRevoked(null)).isFalse();
  }

  @Test
  void subjectRevokedBefore_nullSubject_isEmpty() {
    store.revokeSubject("alice", T0);

    assertThat(store.subjectRevokedBefore(null)).isEmpty();
  }

  @Test
  void isApiKeyRevoked_nullId_isFalse() {
    store.revokeApiKey("k1");

    assertThat(store.isApiKeyRevoked(null)).isFalse();
  }

  // ---- by jti ----

  @Test
  void pruneExpired_withinRetentionAfterExpiry_keepsTheRevocation() {
    // The engine accepts a token up to its clock skew (at most 5 minutes) after exp: the
    // revocation must outlive exp by that much.
    store.revokeToken("jti-1", T0.plusSeconds(60));
    clock.set(T0.plusSeconds(60).plus(Duration.ofMinutes(5)).minusNanos(1));

    inMemory.pruneExpired();

    assertThat(store.isTokenRevoked("jti-1")).isTrue();
  }

  @Test
  void pruneExpired_afterRetention_dropsTheRevocation() {
    store.revokeToken("jti-1", T0.plusSeconds(60));
    store.revokeToken("jti-2", T0.plusSeconds(3600));
    clock.set(T0.plusSeconds(60).plus(RETENTION));

    assertThat(inMemory.pruneExpired()).isEqualTo(1);

    assertThat(store.isTokenRevoked("jti-1")).isFalse();
    assertThat(store.isTokenRevoked("jti-2")).isTrue();
  }

  @Test
  void revokeToken_afterDuplicatesWerePrunedToAnEmptyStore_isRevokedAtOnce() {
    // Reads skip the map while the store counts no token revocation: the count must come back to
    // exactly zero after duplicates and pruning, and rise again with the next revocation.
    store.revokeToken("jti-1", T0.plusSeconds(60));
    store.revokeToken("jti-1", T0.plusSeconds(90));
    clock.set(T0.plusSeconds(90).plus(RETENTION));
    assertThat(inMemory.pruneExpired()).isZero();

    store.revokeToken("jti-2", T0.plusSeconds(3600));

    assertThat(store.isTokenRevoked("jti-2")).isTrue();
    assertThat(store.isTokenRevoked("jti-1")).isFalse();
  }

  @Test
  void revokeToken_sameJtiTwice_keepsTheLaterExpiry() {
    store.revokeToken("jti-1", T0.plusSeconds(3600));
    store.revokeToken("jti-1", T0.plusSeconds(60));
    clock.set(T0.plusSeconds(60).plus(RETENTION));

    inMemory.pruneExpired();

    assertThat(store.isTokenRevoked("jti-1")).isTrue();
  }

  @Test
  void revokeToken_manyShortLivedTokens_entriesStayBoundedWithoutExplicitPruning() {
    // 100,000 revocations, each token expiring 1 s after it is revoked, 1 s of clock per write:
    // about 300 are live (exp + 5 min retention) at any time. Without pruning on write the map
    // would reach 100,000.
    long maxSeen = 0;
    for (int i = 0; i < 100_000; i++) {
      store.revokeToken("jti-" + i, clock.instant().plusSeconds(1));
      clock.advance(Duration.ofSeconds(1));
      maxSeen = Math.max(maxSeen, inMemory.tokenRevocationCount());
    }

    assertThat(maxSeen).isLessThanOrEqualTo(InMemoryRevocationStore.MIN_SWEEP_THRESHOLD);
    assertThat(store.isTokenRevoked("jti-99999")).isTrue();
    assertThat(store.isTokenRevoked("jti-0")).isFalse();
  }

  @Test
  void revokeToken_manyLiveTokens_noneIsDroppedBySweeps() {
    for (int i = 0; i < 10_000; i++) {
      store.revokeToken("jti-" + i, T0.plusSeconds(3600));
    }

    assertThat(inMemory.tokenRevocationCount()).isEqualTo(10_000);
    for (int i = 0; i < 10_000; i++) {
      assertThat(store.isTokenRevoked("jti-" + i)).isTrue();
    }
  }

  @Test
  void revokeToken_farFutureExpiry_isKeptWithoutOverflow() {
    store.revokeToken("jti-1", Instant.MAX);
    clock.set(T0.plus(Duration.ofDays(365 * 1000)));

    inMemory.pruneExpired();

    assertThat(store.isTokenRevoked("jti-1")).isTrue();
  }

  @Test
  void revokeToken_emptyJti_throwsIllegalArgument() {
    assertThatThrownBy(() -> store.revokeToken("", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokenId must not be empty");
  }

  @Test
  void revokeToken_nullExpiry_throwsNullPointerNamingExpiresAt() {
    assertThatThrownBy(() -> store.revokeToken("jti-1", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("expiresAt");
  }

  // ---- by subject ----

  @Test
  void revokeSubject_isNeverPruned() {
    store.revokeSubject("alice", T0);
    clock.advance(Duration.ofDays(3650));

    inMemory.pruneExpired();

    assertThat(store.subjectRevokedBefore("alice")).contains(T0);
  }

  @Test
  void revokeSubject_emptySubject_throwsIllegalArgument() {
    assertThatThrownBy(() -> store.revokeSubject("", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("subject must not be empty");
  }

  // ---- by API key id ----

  @Test
  void revokeApiKey_emptyId_throwsIllegalArgument() {
    assertThatThrownBy(() -> store.revokeApiKey(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keyId must not be empty");
  }
}
