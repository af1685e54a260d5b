/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.store.ApiKeyRecord;
import dev.bulwark.auth.store.StoreUnavailableException;
import dev.bulwark.dbcache.internal.ChangeKind;
import dev.bulwark.dbcache.internal.ChangeLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcApiKeyStore}'s own rules: the query cache (negative caching, bulk and single-flight
 * loads, invalidation by writes and by the change feed), freshness and failing closed. A subclass
 * per database runs it.
 */
abstract class JdbcApiKeyStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String TABLE = "bulwark_api_keys";

  /** The database the stores are built on. */
  protected abstract TestDatabase testDatabase();

  private DataSource raw;
  private CountingDataSource counting;
  private Database db;
  private JdbcApiKeyStore store;

  @BeforeEach
  void freshStore() throws SQLException {
    raw = testDatabase().freshDataSource();
    counting = new CountingDataSource(raw);
    db = Database.of(counting, List.of());
    store = JdbcApiKeyStore.builder(db).build();
  }

  private static ApiKeyRecord record(String keyId) {
    return new ApiKeyRecord(keyId, new byte[32], "alice", Set.of("read", "write"), T0, null, false);
  }

  /** A second instance on the same database: its own Database and store, as another process. */
  private JdbcApiKeyStore otherInstance() throws SQLException {
    return JdbcApiKeyStore.builder(Database.of(raw, List.of())).build();
  }

  private List<ChangeLog.Change> changesSince(long version) throws SQLException {
    try (Connection c = raw.getConnection()) {
      return ChangeLog.since(c, version, 100);
    }
  }

  @Test
  void findByKeyId_floodOfOneUnknownId_queriesTheDatabaseOnce() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(store.findByKeyId("made-up")).isEmpty();
    }

    assertThat(counting.selectsOn(TABLE)).isEqualTo(1);
  }

  @Test
  void findByKeyId_unknownIdAfterTheNegativeTtl_queriesAgain() {
    AtomicLong now = new AtomicLong();
    JdbcApiKeyStore shortLived =
        JdbcApiKeyStore.builder(db)
            .negativeCacheTtl(Duration.ofSeconds(1))
            .ticker(now::get)
            .build();
    shortLived.findByKeyId("made-up");
    now.addAndGet(Duration.ofSeconds(1).toNanos());

    shortLived.findByKeyId("made-up");

    assertThat(counting.selectsOn(TABLE)).isEqualTo(2);
  }

  @Test
  void findByKeyId_idLongerThanTheColumn_isEmptyWithoutAQuery() {
    assertThat(store.findByKeyId("k".repeat(JdbcApiKeyStore.MAX_KEY_ID_LENGTH + 1))).isEmpty();

    assertThat(counting.selectsOn(TABLE)).isZero();
  }

  @Test
  void findAll_hundredUncachedKeys_makesOneQuery() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add("k" + i);
      if (i % 2 == 0) {
        store.insert(record("k" + i));
      }
    }
    int before = counting.selectsOn(TABLE);

    Map<String, ApiKeyRecord> found = store.findAll(ids);

    assertThat(counting.selectsOn(TABLE) - before).isEqualTo(1);
    assertThat(found).hasSize(50).containsEntry("k0", record("k0")).doesNotContainKey("k1");
  }

  @Test
  void findAll_thenFindByKeyId_answersFromTheCache() {
    store.insert(record("k0"));
    store.findAll(List.of("k0", "k1"));
    int before = counting.selectsOn(TABLE);

    assertThat(store.findByKeyId("k0")).contains(record("k0"));
    assertThat(store.findByKeyId("k1")).isEmpty();
    assertThat(counting.selectsOn(TABLE)).isEqualTo(before);
  }

  @Test
  void findByKeyId_concurrentMissesOfOneKey_makeOneQuery() throws Exception {
    store.insert(record("k1"));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    // The first query waits until every thread has asked, so all of them miss together.
    counting.hold();
    try {
      List<Future<ApiKeyRecord>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await(5, TimeUnit.SECONDS);
                  return store.findByKeyId("k1").orElseThrow();
                }));
      }
      awaitQueries(1);
      Thread.sleep(100); // the other threads block on the entry the first one is loading
      counting.release();
      for (Future<ApiKeyRecord> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(record("k1"));
      }
    } finally {
      counting.release();
      pool.shutdownNow();
    }

    assertThat(counting.selectsOn(TABLE)).isEqualTo(1);
  }

  private void awaitQueries(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (counting.selectsOn(TABLE) < n && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(counting.selectsOn(TABLE)).isEqualTo(n);
  }

  @Test
  void insert_afterANegativeLookup_isSeenAtOnce() {
    assertThat(store.findByKeyId("k1")).isEmpty();

    store.insert(record("k1"));

    assertThat(store.findByKeyId("k1")).contains(record("k1"));
  }

  @Test
  void markRevoked_cachedRecord_isSeenRevokedAtOnce() {
    store.insert(record("k1"));
    assertThat(store.findByKeyId("k1").orElseThrow().revoked()).isFalse();

    store.markRevoked("k1");

    assertThat(store.findByKeyId("k1").orElseThrow().revoked()).isTrue();
  }

  @Test
  void insertVersioned_returnsTheVersionOfItsChangeLogRow() throws SQLException {
    long version = store.insertVersioned(record("k1"));

    assertThat(changesSince(version - 1))
        .containsExactly(new ChangeLog.Change(version, ChangeKind.API_KEY, "k1"));
  }

  @Test
  void markRevokedVersioned_existingKey_returnsTheVersionOfItsChangeLogRow() throws SQLException {
    long inserted = store.insertVersioned(record("k1"));

    long revoked = store.markRevokedVersioned("k1").orElseThrow();

    assertThat(changesSince(inserted))
        .containsExactly(new ChangeLog.Change(revoked, ChangeKind.API_KEY, "k1"));
  }

  @Test
  void markRevokedVersioned_unknownKey_isEmptyAndLogsNothing() throws SQLException {
    assertThat(store.markRevokedVersioned("nope")).isEmpty();

    assertThat(changesSince(0)).isEmpty();
  }

  @Test
  void insert_duplicateKeyId_logsNoChange() throws SQLException {
    long first = store.insertVersioned(record("k1"));

    assertThatThrownBy(() -> store.insert(record("k1"))).isInstanceOf(IllegalStateException.class);
    assertThat(changesSince(first)).isEmpty();
  }

  @Test
  void insert_scopeWithWhitespace_throwsIllegalArgumentNamingTheScope() {
    ApiKeyRecord r =
        new ApiKeyRecord("k1", new byte[32], "alice", Set.of("read write"), T0, null, false);

    assertThatThrownBy(() -> store.insert(r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'read write'");
  }

  @Test
  void apply_changeFromAnotherInstance_makesTheNewValueVisible() throws SQLException {
    store.insert(record("k1"));
    assertThat(store.findByKeyId("k1").orElseThrow().revoked()).isFalse();
    long before = changesSince(0).get(0).version();
    otherInstance().markRevoked("k1");
    assertThat(store.findByKeyId("k1").orElseThrow().revoked())
        .as("still cached before the change is applied")
        .isFalse();

    for (ChangeLog.Change change : changesSince(before)) {
      store.apply(change);
    }

    assertThat(store.findByKeyId("k1").orElseThrow().revoked()).isTrue();
  }

  @Test
  void apply_insertByAnotherInstance_dropsTheCachedAbsence() throws SQLException {
    assertThat(store.findByKeyId("k1")).isEmpty();
    otherInstance().insert(record("k1"));

    for (ChangeLog.Change change : changesSince(0)) {
      store.apply(change);
    }

    assertThat(store.findByKeyId("k1")).contains(record("k1"));
  }

  @Test
  void invalidateAll_dropsEveryCachedEntry() throws SQLException {
    store.insert(record("k1"));
    store.findByKeyId("k1");
    otherInstance().markRevoked("k1");

    store.invalidateAll();

    assertThat(store.findByKeyId("k1").orElseThrow().revoked()).isTrue();
  }

  @Test
  void findByKeyId_minVersionAboveAppliedVersion_bypassesTheCache() throws SQLException {
    store.insert(record("k1"));
    store.findByKeyId("k1");
    long version = otherInstance().markRevokedVersioned("k1").orElseThrow();

    assertThat(store.findByKeyId("k1", version).orElseThrow().revoked()).isTrue();
  }

  @Test
  void findByKeyId_minVersionAlreadyApplied_answersFromTheCache() throws SQLException {
    store.insert(record("k1"));
    store.findByKeyId("k1");
    long version = otherInstance().markRevokedVersioned("k1").orElseThrow();
    db.advanceAppliedVersion(version); // as the feed would, here without applying the change
    int before = counting.selectsOn(TABLE);

    store.findByKeyId("k1", version);

    assertThat(counting.selectsOn(TABLE)).isEqualTo(before);
  }

  @Test
  void findAll_minVersionAboveAppliedVersion_bypassesTheCache() throws SQLException {
    store.findAll(List.of("k1"));
    long version = otherInstance().insertVersioned(record("k1"));

    assertThat(store.findAll(List.of("k1"), version)).containsOnlyKeys("k1");
  }

  @Test
  void findByKeyId_replicaOlderThanTheAppliedVersion_readsThePrimary() throws SQLException {
    // The replica is an empty database: its change counter (0) lags the primary's.
    DataSource replica = testDatabase().freshDataSource();
    DataSource primary = raw;
    JdbcApiKeyStore writer = JdbcApiKeyStore.builder(Database.of(primary, List.of())).build();
    long version = writer.insertVersioned(record("k1"));
    Database withReplica = Database.of(primary, List.of(replica));
    withReplica.advanceAppliedVersion(version);
    JdbcApiKeyStore reader = JdbcApiKeyStore.builder(withReplica).build();

    assertThat(reader.findByKeyId("k1")).contains(record("k1"));
  }

  @Test
  void findByKeyId_failingReplica_readsThePrimary() throws SQLException {
    store.insert(record("k1"));
    CountingDataSource replica = new CountingDataSource(raw);
    replica.setDown(true);
    JdbcApiKeyStore reader = JdbcApiKeyStore.builder(Database.of(raw, List.of(replica))).build();

    assertThat(reader.findByKeyId("k1")).contains(record("k1"));
  }

  @Test
  void findByKeyId_databaseDown_throwsStoreUnavailable() {
    counting.setDown(true);

    assertThatThrownBy(() -> store.findByKeyId("k1")).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void findByKeyId_databaseDown_cachesNothing() {
    counting.setDown(true);
    assertThatThrownBy(() -> store.findByKeyId("k1")).isInstanceOf(StoreUnavailableException.class);
    counting.setDown(false);
    store.insert(record("k1"));

    assertThat(store.findByKeyId("k1")).contains(record("k1"));
  }

  @Test
  void findAll_databaseDown_throwsStoreUnavailable() {
    counting.setDown(true);

    assertThatThrownBy(() -> store.findAll(List.of("k1", "k2")))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void insert_databaseDown_throwsStoreUnavailable() {
    counting.setDown(true);

    assertThatThrownBy(() -> store.insert(record("k1")))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void everyStatement_carriesTheDatabaseQueryTimeout() {
    store.findByKeyId("k1");

    assertThat(counting.lastQueryTimeout()).isEqualTo(Database.DEFAULT_QUERY_TIMEOUT_SECONDS);
  }

  @Test
  void cacheStats_countHitsNegativeHitsMissesAndLoads() {
    store.insert(record("k1"));
    store.findByKeyId("k1"); // miss, load
    store.findByKeyId("k1"); // hit
    store.findByKeyId("nope"); // miss, load
    store.findByKeyId("nope"); // negative hit

    CacheStatistics s = store.cacheStats();

    assertThat(s.hits()).isEqualTo(2);
    assertThat(s.negativeHits()).isEqualTo(1);
    assertThat(s.misses()).isEqualTo(2);
    assertThat(s.loads()).isEqualTo(2);
    assertThat(s.loadFailures()).isZero();
  }

  @Test
  void cacheStats_countEvictionsBeyondTheSizeBound() {
    JdbcApiKeyStore small = JdbcApiKeyStore.builder(db).cacheMaximumSize(10).build();
    for (int i = 0; i < 100; i++) {
      small.findByKeyId("k" + i);
    }

    assertThat(small.cacheStats().evictions()).isGreaterThanOrEqualTo(90);
  }

  @Test
  void builder_negativeTtlLongerThanTtl_throwsIllegalStateNamingBoth() {
    JdbcApiKeyStore.Builder b =
        JdbcApiKeyStore.builder(db)
            .cacheTtl(Duration.ofSeconds(1))
            .negativeCacheTtl(Duration.ofSeconds(2));

    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("negativeCacheTtl")
        .hasMessageContaining("cacheTtl");
  }

  @Test
  void builder_zeroMaximumSize_throwsIllegalArgumentNamingTheSetting() {
    assertThatThrownBy(() -> JdbcApiKeyStore.builder(db).cacheMaximumSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cacheMaximumSize")
        .hasMessageContaining("was 0");
  }

  @Test
  void builder_build_registersTheStoreForTheChangeFeed() {
    assertThat(db.appliers()).contains(store);
  }
}
