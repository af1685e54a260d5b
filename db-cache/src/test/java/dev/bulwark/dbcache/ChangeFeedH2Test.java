/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.dbcache.internal.ChangeApplier;
import dev.bulwark.dbcache.internal.ChangeKind;
import dev.bulwark.dbcache.internal.ChangeLog;
import dev.bulwark.dbcache.internal.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeFeedH2Test {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private JdbcDataSource ds;
  private ChangeFeed feed;

  /** Records what the feed applies, as a caching store would act on it. */
  static final class Recorder implements ChangeApplier {
    final List<ChangeLog.Change> applied = new CopyOnWriteArrayList<>();
    final AtomicInteger invalidations = new AtomicInteger();

    @Override
    public void apply(ChangeLog.Change change) {
      applied.add(change);
    }

    @Override
    public void invalidateAll() {
      invalidations.incrementAndGet();
    }
  }

  @BeforeEach
  void freshDatabase() throws SQLException {
    ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:feed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    BulwarkSchema.migrate(ds);
  }

  @AfterEach
  void stopFeed() {
    if (feed != null) {
      feed.close();
    }
  }

  private long append(ChangeKind kind, String item) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      long v = ChangeLog.append(c, Dialect.H2, kind, item);
      c.commit();
      return v;
    }
  }

  private Recorder startFeed(Database db) throws InterruptedException {
    Recorder r = new Recorder();
    db.register(r);
    feed = ChangeFeed.builder(db).pollInterval(Duration.ofMillis(5)).start();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!feed.started() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(feed.started()).isTrue();
    return r;
  }

  @Test
  void feed_changesOfAnotherInstance_areAppliedInOrder() throws Exception {
    Recorder r = startFeed(Database.of(ds, List.of()));
    long last = 0;
    for (int i = 0; i < 50; i++) {
      last = append(ChangeKind.TOKEN_REVOCATION, "jti-" + i);
    }
    assertThat(feed.awaitVersion(last, WAIT)).isTrue();
    assertThat(r.applied).hasSize(50);
    for (int i = 0; i < 50; i++) {
      assertThat(r.applied.get(i).item()).isEqualTo("jti-" + i);
      assertThat(r.applied.get(i).version()).isEqualTo(r.applied.get(0).version() + i);
    }
  }

  @Test
  void feed_changesBeforeItStarted_areNotApplied() throws Exception {
    append(ChangeKind.API_KEY, "old");
    Recorder r = startFeed(Database.of(ds, List.of()));
    long v = append(ChangeKind.API_KEY, "new");
    assertThat(feed.awaitVersion(v, WAIT)).isTrue();
    assertThat(r.applied).extracting(ChangeLog.Change::item).containsExactly("new");
  }

  @Test
  void feed_appliedVersion_isWhatTheDatabaseReportsToStores() throws Exception {
    Database db = Database.of(ds, List.of());
    startFeed(db);
    long v = append(ChangeKind.ENTITY, "User::\"alice\"");
    assertThat(feed.awaitVersion(v, WAIT)).isTrue();
    assertThat(db.appliedVersion()).isEqualTo(v);
  }

  @Test
  void feed_gapInTheLog_dropsEveryCachedEntry() throws Exception {
    Recorder r = startFeed(Database.of(ds, List.of()));
    long third;
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      long second = ChangeLog.append(c, Dialect.H2, ChangeKind.API_KEY, "b");
      third = ChangeLog.append(c, Dialect.H2, ChangeKind.API_KEY, "c");
      try (Statement s = c.createStatement()) {
        // A row purged before this instance read it: the feed cannot tell what "b" changed.
        s.executeUpdate("DELETE FROM bulwark_change_log WHERE version = " + second);
      }
      c.commit();
    }
    assertThat(feed.awaitVersion(third, WAIT)).isTrue();
    assertThat(r.invalidations).hasValue(1);
    assertThat(r.applied).extracting(ChangeLog.Change::item).containsExactly("c");
  }

  @Test
  void feed_storeThatThrows_isToldToDropEverything() throws Exception {
    Database db = Database.of(ds, List.of());
    AtomicInteger dropped = new AtomicInteger();
    db.register(
        new ChangeApplier() {
          @Override
          public void apply(ChangeLog.Change change) {
            throw new IllegalStateException("broken store");
          }

          @Override
          public void invalidateAll() {
            dropped.incrementAndGet();
          }
        });
    startFeed(db);
    long v = append(ChangeKind.API_KEY, "k");
    assertThat(feed.awaitVersion(v, WAIT)).isTrue();
    assertThat(dropped).hasValue(1);
  }

  @Test
  void close_stopsTheFeedThread() throws Exception {
    startFeed(Database.of(ds, List.of()));
    feed.close();
    long v = append(ChangeKind.API_KEY, "after-close");
    assertThat(feed.awaitVersion(v, Duration.ofMillis(200))).isFalse();
  }

  @Test
  void builder_pollIntervalOutOfRange_isRefusedNamingTheSetting() throws SQLException {
    ChangeFeed.Builder b = ChangeFeed.builder(Database.of(ds, List.of()));
    assertThatThrownBy(() -> b.pollInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pollInterval")
        .hasMessageContaining("PT0S");
  }
}
