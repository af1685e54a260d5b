/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.store.InMemoryRevocationStore;
import dev.bulwark.auth.store.StoreUnavailableException;
import dev.bulwark.dbcache.internal.ChangeKind;
import dev.bulwark.dbcache.internal.ChangeLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcRevocationStore}'s own rules: the semantics it shares with {@link
 * InMemoryRevocationStore} beyond the contract, the query cache, freshness and failing closed. A
 * subclass per database runs it.
 */
abstract class JdbcRevocationStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  // A token expiry a day ahead, in whole seconds as JWTs carry it.
  private static final Instant EXP =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1));

  /** The database the stores are built on. */
  protected abstract TestDatabase testDatabase();

  private DataSource raw;
  private CountingDataSource counting;
  private Database db;
  private JdbcRevocationStore store;

  @BeforeEach
  void freshStore() throws SQLException {
    raw = testDatabase().freshDataSource();
    counting = new CountingDataSource(raw);
    db = Database.of(counting, List.of());
    store = JdbcRevocationStore.builder(db).build();
  }

  /** A second instance on the same database: its own Database and store, as another process. */
  private JdbcRevocationStore otherInstance() throws SQLException {
    return JdbcRevocationStore.builder(Database.of(raw, List.of())).build();
  }

  private List<ChangeLog.Change> changesSince(long version) throws SQLException {
    try (Connection c = raw.getConnection()) {
      return ChangeLog.since(c, version, 100);
    }
  }

  private Instant storedTokenExpiry(String tokenId) throws SQLException {
    try (Connection c = raw.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT expires_at FROM bulwark_revoked_tokens WHERE token_id = ?")) {
      ps.setString(1, tokenId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1, OffsetDateTime.class).toInstant() : null;
      }
    }
  }

  // ---- semantics ----

  @Test
  void revokeToken_again_keepsTheLaterExpiry() throws SQLException {
    store.revokeToken("jti-1", EXP.plusSeconds(60));
    store.revokeToken("jti-1", EXP);

    assertThat(storedTokenExpiry("jti-1")).isEqualTo(EXP.plusSeconds(60));
  }

  @Test
  void revokeToken_againWithALaterExpiry_raisesIt() throws SQLException {
    store.revokeToken("jti-1", EXP);
    store.revokeToken("jti-1", EXP.plusSeconds(60));

    assertThat(storedTokenExpiry("jti-1")).isEqualTo(EXP.plusSeconds(60));
  }

  @Test
  void revokeSubject_instantWithNanos_isRoundedUpNeverDown() {
    Instant at = T0.plusNanos(1);

    store.revokeSubject("alice", at);

    assertThat(store.subjectRevokedBefore("alice")).contains(T0.plusNanos(1_000));
  }

  @Test
  void revokeSubject_concurrentWritersOfOneSubject_keepTheLatestInstant() throws Exception {
    // Each thread revokes with its own instant; whatever the order, the latest must remain.
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        JdbcRevocationStore writer = otherInstance();
        Instant at = T0.plusSeconds(t);
        writers.add(
            pool.submit(
                () -> {
                  start.await(5, TimeUnit.SECONDS);
                  for (int i = 0; i < 20; i++) {
                    writer.revokeSubject("alice", at);
                  }
                  return null;
                }));
      }
      for (Future<?> f : writers) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.subjectRevokedBefore("alice")).contains(T0.plusSeconds(threads - 1));
  }

  @Test
  void revokeApiKey_again_keepsOneRevocation() {
    store.revokeApiKey("k1");
    store.revokeApiKey("k1");

    assertThat(store.isApiKeyRevoked("k1")).isTrue();
  }

  @Test
  void nullIds_areNeverRevokedAndAskNothing() {
    assertThat(store.isTokenRevoked(null)).isFalse();
    assertThat(store.subjectRevokedBefore(null)).isEmpty();
    assertThat(store.isApiKeyRevoked(null)).isFalse();
    assertThat(counting.selectsOn("bulwark_revoked")).isZero();
  }

  @Test
  void revokeToken_emptyId_throwsIllegalArgumentNamingIt() {
    assertThatThrownBy(() -> store.revokeToken("", EXP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokenId");
  }

  @Test
  void revokeSubject_longerThanTheColumn_throwsIllegalArgumentNamingIt() {
    String subject = "s".repeat(JdbcRevocationStore.MAX_ID_LENGTH + 1);

    assertThatThrownBy(() -> store.revokeSubject(subject, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject");
  }

  @Test
  void pruneExpired_dropsOnlyRevocationsPastTheRetention() throws SQLException {
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    JdbcRevocationStore pruning =
        JdbcRevocationStore.builder(db).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    Duration retention = InMemoryRevocationStore.RETENTION_AFTER_EXPIRY;
    pruning.revokeToken("gone", now.minus(retention).minusSeconds(1));
    pruning.revokeToken("kept", now.minus(retention).plusSeconds(1));

    assertThat(pruning.pruneExpired()).isEqualTo(1);
    assertThat(storedTokenExpiry("gone")).isNull();
    assertThat(storedTokenExpiry("kept")).isNotNull();
  }

  // ---- change log ----

  @Test
  void revokeTokenVersioned_returnsTheVersionOfItsChangeLogRow() throws SQLException {
    long version = store.revokeTokenVersioned("jti-1", EXP);

    assertThat(changesSince(version - 1))
        .containsExactly(new ChangeLog.Change(version, ChangeKind.TOKEN_REVOCATION, "jti-1"));
  }

  @Test
  void revokeSubjectVersioned_returnsTheVersionOfItsChangeLogRow() throws SQLException {
    long version = store.revokeSubjectVersioned("alice", T0);

    assertThat(changesSince(version - 1))
        .containsExactly(new ChangeLog.Change(version, ChangeKind.SUBJECT_REVOCATION, "alice"));
  }

  @Test
  void revokeApiKeyVersioned_returnsTheVersionOfItsChangeLogRow() throws SQLException {
    long version = store.revokeApiKeyVersioned("k1");

    assertThat(changesSince(version - 1))
        .containsExactly(new ChangeLog.Change(version, ChangeKind.API_KEY_REVOCATION, "k1"));
  }

  // ---- cache ----

  @Test
  void isTokenRevoked_floodOfOneUnrevokedToken_queriesTheDatabaseOnce() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(store.isTokenRevoked("jti-live")).isFalse();
    }

    assertThat(counting.selectsOn("bulwark_revoked_tokens")).isEqualTo(1);
  }

  @Test
  void subjectRevokedBefore_floodOfOneUnrevokedSubject_queriesTheDatabaseOnce() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(store.subjectRevokedBefore("bob")).isEmpty();
    }

    assertThat(counting.selectsOn("bulwark_revoked_subjects")).isEqualTo(1);
  }

  @Test
  void revokeToken_afterACachedNotRevoked_isSeenAtOnce() {
    assertThat(store.isTokenRevoked("jti-1")).isFalse();

    store.revokeToken("jti-1", EXP);

    assertThat(store.isTokenRevoked("jti-1")).isTrue();
  }

  @Test
  void revokeSubject_afterACachedAnswer_isSeenAtOnce() {
    store.revokeSubject("alice", T0);
    assertThat(store.subjectRevokedBefore("alice")).contains(T0);

    store.revokeSubject("alice", T0.plusSeconds(5));

    assertThat(store.subjectRevokedBefore("alice")).contains(T0.plusSeconds(5));
  }

  @Test
  void apply_revocationByAnotherInstance_isSeenAfterApply() throws SQLException {
    assertThat(store.isTokenRevoked("jti-1")).isFalse();
    otherInstance().revokeToken("jti-1", EXP);
    assertThat(store.isTokenRevoked("jti-1"))
        .as("the cached answer stands until the change is applied")
        .isFalse();

    for (ChangeLog.Change change : changesSince(0)) {
      store.apply(change);
    }

    assertThat(store.isTokenRevoked("jti-1")).isTrue();
  }

  @Test
  void changeFeed_revocationByAnotherInstance_isSeenOnceTheFeedHasApplied() throws Exception {
    assertThat(store.isTokenRevoked("jti-1")).isFalse();
    try (ChangeFeed feed = ChangeFeed.builder(db).pollInterval(Duration.ofMillis(5)).start()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!feed.started() && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      long version = otherInstance().revokeTokenVersioned("jti-1", EXP);

      assertThat(feed.awaitVersion(version, Duration.ofSeconds(10))).isTrue();
      assertThat(store.isTokenRevoked("jti-1")).isTrue();
    }
  }

  @Test
  void apply_changeOfAnotherKind_leavesTheCachedAnswer() throws SQLException {
    assertThat(store.isApiKeyRevoked("k1")).isFalse();
    otherInstance().revokeApiKey("k1");
    int before = counting.selectsOn("bulwark_revoked_api_keys");

    // The same id as a token: a different question, so the API key's answer stays cached.
    store.apply(
        new ChangeLog.Change(changesSince(0).get(0).version(), ChangeKind.TOKEN_REVOCATION, "k1"));
    store.isApiKeyRevoked("k1");

    assertThat(counting.selectsOn("bulwark_revoked_api_keys")).isEqualTo(before);
  }

  @Test
  void isTokenRevoked_minVersionAboveAppliedVersion_bypassesTheCache() throws SQLException {
    assertThat(store.isTokenRevoked("jti-1")).isFalse();
    long version = otherInstance().revokeTokenVersioned("jti-1", EXP);

    assertThat(store.isTokenRevoked("jti-1", version)).isTrue();
  }

  @Test
  void subjectRevokedBefore_minVersionAboveAppliedVersion_bypassesTheCache() throws SQLException {
    assertThat(store.subjectRevokedBefore("alice")).isEmpty();
    long version = otherInstance().revokeSubjectVersioned("alice", T0);

    assertThat(store.subjectRevokedBefore("alice", version)).contains(T0);
  }

  @Test
  void isApiKeyRevoked_minVersionAboveAppliedVersion_bypassesTheCache() throws SQLException {
    assertThat(store.isApiKeyRevoked("k1")).isFalse();
    long version = otherInstance().revokeApiKeyVersioned("k1");

    assertThat(store.isApiKeyRevoked("k1", version)).isTrue();
  }

  @Test
  void isTokenRevoked_concurrentMissesOfOneToken_makeOneQuery() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    counting.hold();
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await(5, TimeUnit.SECONDS);
                  return store.isTokenRevoked("jti-1");
                }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (counting.selectsOn("bulwark_revoked_tokens") < 1 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      Thread.sleep(100); // the other threads block on the entry the first one is loading
      counting.release();
      for (Future<Boolean> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isFalse();
      }
    } finally {
      counting.release();
      pool.shutdownNow();
    }

    assertThat(counting.selectsOn("bulwark_revoked_tokens")).isEqualTo(1);
  }

  @Test
  void cacheStats_countNegativeHits() {
    store.isTokenRevoked("jti-1");
    store.isTokenRevoked("jti-1");

    assertThat(store.cacheStats().negativeHits()).isEqualTo(1);
  }

  // ---- failing closed ----

  @Test
  void isTokenRevoked_databaseDown_throwsStoreUnavailableNeverFalse() {
    counting.setDown(true);

    assertThatThrownBy(() -> store.isTokenRevoked("jti-1"))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("unavailable");
  }

  @Test
  void subjectRevokedBefore_databaseDown_throwsStoreUnavailableNeverEmpty() {
    counting.setDown(true);

    assertThatThrownBy(() -> store.subjectRevokedBefore("alice"))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void isApiKeyRevoked_databaseDown_throwsStoreUnavailableNeverFalse() {
    counting.setDown(true);

    assertThatThrownBy(() -> store.isApiKeyRevoked("k1"))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void isTokenRevoked_minVersionAndDatabaseDown_throwsStoreUnavailable() {
    counting.setDown(true);

    assertThatThrownBy(() -> store.isTokenRevoked("jti-1", Long.MAX_VALUE))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void revokeToken_databaseDown_throwsStoreUnavailable() {
    counting.setDown(true);

    assertThatThrownBy(() -> store.revokeToken("jti-1", EXP))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void isTokenRevoked_closedPool_throwsStoreUnavailable() throws SQLException {
    TestDatabase t = testDatabase();
    t.freshDataSource();
    Database pooled =
        Database.builder()
            .jdbcUrl(t.jdbcUrl())
            .username(t.username())
            .password(t.password())
            .build();
    JdbcRevocationStore onPool = JdbcRevocationStore.builder(pooled).build();
    pooled.close();

    assertThatThrownBy(() -> onPool.isTokenRevoked("jti-1"))
        .isInstanceOf(StoreUnavailableException.class);
  }
}
