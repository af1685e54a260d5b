/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.dbcache.BulwarkSchema;
import dev.bulwark.dbcache.ChangeFeed;
import dev.bulwark.dbcache.Database;
import dev.bulwark.dbcache.JdbcApiKeyStore;
import dev.bulwark.dbcache.JdbcRevocationStore;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The binder over an API key store and its in-memory H2 database. */
class DbCacheMetricsTest extends MeterBinderContract<DbCacheMetricsTest.Parts> {
  // The first connection to a new H2 database creates its user with this password.
  private static final String PASSWORD = "h2-Metrics-Passw0rd-51ad";

  /** A database and a store on it; the store and the database refer to each other. */
  static final class Parts {
    final Database database;
    final JdbcApiKeyStore apiKeys;

    Parts(Database database, JdbcApiKeyStore apiKeys) {
      this.database = database;
      this.apiKeys = apiKeys;
    }
  }

  @Override
  Parts newWatched() throws Exception {
    Database database =
        Database.builder()
            .jdbcUrl("jdbc:h2:mem:metrics-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
            .username("bulwark")
            .password(PASSWORD)
            .build();
    BulwarkSchema.migrate(database.primary());
    return new Parts(database, JdbcApiKeyStore.builder(database).build());
  }

  @Override
  MeterBinder binder(Parts watched) {
    return DbCacheMetrics.builder().apiKeys(watched.apiKeys).database(watched.database).build();
  }

  @Override
  void exercise(Parts watched) {
    watched.apiKeys.findByKeyId("made-up");
  }

  @Override
  String movingMeter() {
    return MeterNames.DB_QUERY;
  }

  @Override
  Object heldWeakly(Parts watched) {
    // The database holds its stores (to tell them of changes), so it stays while any of them does.
    return watched.database;
  }

  @Override
  boolean isForeign(String meterName) {
    // HikariCP's and Caffeine's own binders name their meters their way.
    return meterName.startsWith("hikaricp.") || meterName.startsWith("cache.");
  }

  @Override
  void close(Parts watched) {
    watched.database.close();
  }

  @Test
  void gets_unknownKeyTwice_caffeinesBinderCountsOneHit() throws Exception {
    Parts parts = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(parts).bindTo(r);
    parts.apiKeys.findByKeyId("made-up");
    parts.apiKeys.findByKeyId("made-up");
    assertThat(
            r.get("cache.gets")
                .tags("cache", "bulwark.api_keys", "store", "api_keys", "result", "hit")
                .functionCounter()
                .count())
        .isEqualTo(1.0);
    close(parts);
  }

  @Test
  void gets_unknownKeyTwice_caffeinesBinderCountsOneMiss() throws Exception {
    Parts parts = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(parts).bindTo(r);
    parts.apiKeys.findByKeyId("made-up");
    parts.apiKeys.findByKeyId("made-up");
    assertThat(r.get("cache.gets").tags("cache", "bulwark.api_keys", "result", "miss").meter())
        .satisfies(m -> assertThat(m.measure().iterator().next().getValue()).isEqualTo(1.0));
    close(parts);
  }

  @Test
  void negativeHits_unknownKeyTwice_countsTheSecondLookup() throws Exception {
    Parts parts = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(parts).bindTo(r);
    parts.apiKeys.findByKeyId("made-up");
    parts.apiKeys.findByKeyId("made-up");
    assertThat(
            r.get(MeterNames.DB_CACHE_NEGATIVE_HITS)
                .tag("store", "api_keys")
                .functionCounter()
                .count())
        .isEqualTo(1.0);
    close(parts);
  }

  @Test
  void query_oneLoad_isTimedOnceWithItsDuration() throws Exception {
    Parts parts = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(parts).bindTo(r);
    parts.apiKeys.findByKeyId("made-up");
    FunctionTimer query = r.get(MeterNames.DB_QUERY).tag("store", "api_keys").functionTimer();
    assertThat(query.count()).isEqualTo(1.0);
    assertThat(query.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    close(parts);
  }

  @Test
  void statsView_anEntryMethod_isRefused() throws Exception {
    Parts parts = newWatched();
    // The view Caffeine's binder reads must not let anyone plant an API key record in the cache.
    assertThatThrownBy(() -> parts.apiKeys.cacheStatsView().put("k1", "planted"))
        .isInstanceOf(UnsupportedOperationException.class);
    close(parts);
  }

  @Test
  void changeLag_oneAppliedChange_isTimedOnce() throws Exception {
    Parts parts = newWatched();
    JdbcRevocationStore revocations = JdbcRevocationStore.builder(parts.database).build();
    try (ChangeFeed feed =
        ChangeFeed.builder(parts.database).pollInterval(Duration.ofMillis(10)).start()) {
      SimpleMeterRegistry r = new SimpleMeterRegistry();
      DbCacheMetrics.builder().changeFeed(feed).build().bindTo(r);
      awaitStarted(feed);
      long version = revocations.revokeTokenVersioned("jti-1", Instant.now().plusSeconds(60));
      assertThat(feed.awaitVersion(version, Duration.ofSeconds(10))).isTrue();
      assertThat(r.get(MeterNames.DB_CHANGES_LAG).functionTimer().count()).isEqualTo(1.0);
    }
    close(parts);
  }

  @Test
  void sinceCaughtUp_runningFeed_isAFewPollIntervalsAtMost() throws Exception {
    Parts parts = newWatched();
    try (ChangeFeed feed =
        ChangeFeed.builder(parts.database).pollInterval(Duration.ofMillis(10)).start()) {
      SimpleMeterRegistry r = new SimpleMeterRegistry();
      DbCacheMetrics.builder().changeFeed(feed).build().bindTo(r);
      awaitStarted(feed);
      Thread.sleep(50); // a few polls, each of which reads the log to its end
      // Generous: a loaded machine may hold the feed's thread back, never for seconds on end.
      assertThat(r.get(MeterNames.DB_CHANGES_SINCE_CAUGHT_UP).gauge().value()).isBetween(0.0, 5.0);
    }
    close(parts);
  }

  private static void awaitStarted(ChangeFeed feed) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!feed.started() || feed.millisSinceCaughtUp() < 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the change feed did not start in 10 s");
      }
      Thread.sleep(5);
    }
  }

  @Test
  void circuitBreaker_healthyDatabase_gaugesClosed() throws Exception {
    Parts parts = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(parts).bindTo(r);
    assertThat(r.get(MeterNames.DB_CIRCUIT_BREAKER_STATE).tag("state", "closed").gauge().value())
        .isEqualTo(1.0);
    close(parts);
  }

  @Test
  void database_ownedHikariPool_getsHikariCpMeters() throws Exception {
    Parts parts = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(parts).bindTo(r);
    assertThat(r.find("hikaricp.connections").meters()).isNotEmpty();
    close(parts);
  }
}
