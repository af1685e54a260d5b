/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.PostgresServers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads that ask for a version, against a replica that really lags: its replay is paused, so it
 * holds the state from before the write.
 */
class FreshnessPostgresTest {
  @RegisterExtension static final PostgresServers PG = new PostgresServers();

  private static final Instant EXPIRES = Instant.now().plus(1, ChronoUnit.DAYS);

  // Two instances of a service, each with its pools on the primary and on the replica.
  private static Database writerDb;
  private static Database readerDb;

  @BeforeAll
  static void databases() throws Exception {
    writerDb = Database.builder().jdbcUrl(PG.primaryUrl()).replica(PG.replicaUrl()).build();
    readerDb = Database.builder().jdbcUrl(PG.primaryUrl()).replica(PG.replicaUrl()).build();
    BulwarkSchema.migrate(writerDb.primary());
    PG.awaitReplica();
  }

  @AfterEach
  void resume() {
    PG.resumeReplica();
  }

  @AfterAll
  static void close() {
    writerDb.close();
    readerDb.close();
  }

  @Test
  void read_atTheVersionOfAWrite_seesItThoughTheReplicaLags() {
    JdbcRevocationStore writer = JdbcRevocationStore.builder(writerDb).build();
    JdbcRevocationStore reader = JdbcRevocationStore.builder(readerDb).build();
    PG.pauseReplica();

    long version = writer.revokeTokenVersioned("jti-fresh", EXPIRES);

    assertThat(reader.isTokenRevoked("jti-fresh", version)).isTrue();
  }

  @Test
  void read_withoutAVersion_isAnsweredByTheLaggingReplica() {
    // The control: without a version to ask for, the other instance reads the replica's stale
    // state, which shows the replica really lags in these tests.
    JdbcRevocationStore writer = JdbcRevocationStore.builder(writerDb).build();
    JdbcRevocationStore reader = JdbcRevocationStore.builder(readerDb).build();
    PG.pauseReplica();

    writer.revokeTokenVersioned("jti-stale", EXPIRES);

    assertThat(reader.isTokenRevoked("jti-stale")).isFalse();
  }

  @Test
  void read_afterTheInstancesOwnWrite_seesItThoughTheReplicaLags() {
    JdbcRevocationStore store = JdbcRevocationStore.builder(writerDb).build();
    assertThat(store.isTokenRevoked("jti-own")).isFalse();
    PG.pauseReplica();

    store.revokeTokenVersioned("jti-own", EXPIRES);

    assertThat(store.isTokenRevoked("jti-own")).isTrue();
  }

  @Test
  void read_atAVersionTheReplicaHas_seesItWhileTheReplicaLagsOnLaterWrites() throws Exception {
    JdbcRevocationStore writer = JdbcRevocationStore.builder(writerDb).build();
    long version = writer.revokeTokenVersioned("jti-replicated", EXPIRES);
    PG.awaitReplica();
    PG.pauseReplica();
    // A later write the replica has not replayed: reads that do not ask for it still see the
    // replica's state, the one that asks for the earlier version sees its write.
    writer.revokeTokenVersioned("jti-later", EXPIRES);
    JdbcRevocationStore reader = JdbcRevocationStore.builder(readerDb).build();

    assertThat(reader.isTokenRevoked("jti-replicated", version)).isTrue();
    assertThat(reader.isTokenRevoked("jti-later")).isFalse();
  }
}
