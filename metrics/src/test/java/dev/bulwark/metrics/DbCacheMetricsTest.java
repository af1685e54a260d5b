/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dbcache.BulwarkSchema;
import dev.bulwark.dbcache.Database;
import dev.bulwark.dbcache.JdbcApiKeyStore;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
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
    return MeterNames.DB_CACHE_GETS;
  }

  @Override
  Object heldWeakly(Parts watched) {
    // The database holds its stores (to tell them of changes), so it stays while any of them does.
    return watched.database;
  }

  @Override
  boolean isForeign(String meterName) {
    return meterName.startsWith("hikaricp.");
  }

  @Override
  void close(Parts watched) {
    watched.database.close();
  }

  @Test
  void gets_unknownKeyTwice_countsOneMissThenOneHit() throws Exception {
    Parts parts = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(parts).bindTo(r);
    parts.apiKeys.findByKeyId("made-up");
    parts.apiKeys.findByKeyId("made-up");
    assertThat(
            r.get(MeterNames.DB_CACHE_GETS)
                .tags("store", "api_keys", "result", "hit")
                .functionCounter()
                .count())
        .isEqualTo(1.0);
    close(parts);
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
