/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dbcache.ChangeFeedH2Test.Recorder;
import dev.bulwark.dbcache.internal.ChangeKind;
import dev.bulwark.dbcache.internal.ChangeLog;
import dev.bulwark.dbcache.internal.Dialect;
import dev.bulwark.testkit.PostgresServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** The change feed on a real PostgreSQL server: notifications, and a listener that is cut off. */
class ChangeFeedPostgresTest {
  @RegisterExtension static final PostgresServers PG = new PostgresServers();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static PGSimpleDataSource ds;
  private ChangeFeed feed;

  @BeforeAll
  static void schema() throws SQLException {
    ds = new PGSimpleDataSource();
    ds.setURL(PG.primaryUrl());
    BulwarkSchema.migrate(ds);
  }

  @AfterEach
  void stopFeed() {
    if (feed != null) {
      feed.close();
    }
  }

  private static long append(String item) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      long v = ChangeLog.append(c, Dialect.POSTGRESQL, ChangeKind.TOKEN_REVOCATION, item);
      c.commit();
      return v;
    }
  }

  private Recorder start(Duration pollInterval) throws Exception {
    Database db = Database.of(ds, List.of());
    Recorder r = new Recorder();
    db.register(r);
    feed = ChangeFeed.builder(db).pollInterval(pollInterval).start();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!feed.started() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(feed.started()).isTrue();
    return r;
  }

  /** Ends the feed's session from the server side, as a failover or a network cut does. */
  private static int terminateListener() throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = ? AND datname = current_database()")) {
      ps.setString(1, ChangeFeed.APPLICATION_NAME);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void feed_commitOnAnotherConnection_wakesTheFeedWithANotification() throws Exception {
    start(Duration.ofSeconds(50));
    long v = append("jti-notified");
    assertThat(feed.awaitVersion(v, WAIT)).isTrue();
    assertThat(feed.notifications()).isPositive();
  }

  @Test
  void feed_listeningConnectionKilledMidStream_losesNoChange() throws Exception {
    Recorder r = start(Duration.ofMillis(50));
    long first = feed.appliedVersion() + 1;
    AtomicLong last = new AtomicLong();
    Thread writer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 1_000; i++) {
                  last.set(append("jti-" + i));
                }
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    writer.start();
    int killed = 0;
    while (writer.isAlive()) {
      killed += terminateListener();
      Thread.sleep(30);
    }
    writer.join();

    assertThat(feed.awaitVersion(last.get(), WAIT)).isTrue();
    assertThat(killed).isPositive();
    assertThat(feed.reconnects()).isPositive();
    assertThat(r.applied).hasSize(1_000);
    for (int i = 0; i < 1_000; i++) {
      assertThat(r.applied.get(i).version()).isEqualTo(first + i);
    }
    assertThat(r.invalidations).hasValue(0);
  }
}
