/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dbcache.internal.ChangeKind;
import dev.bulwark.dbcache.internal.ChangeLog;
import dev.bulwark.dbcache.internal.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BulwarkSchemaH2Test {
  private JdbcDataSource ds;

  @BeforeEach
  void freshDatabase() {
    ds = new JdbcDataSource();
    // A named in-memory database that lives until the JVM ends, one per test.
    ds.setURL("jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Test
  void migrate_emptyDatabase_appliesEveryScript() throws SQLException {
    assertThat(BulwarkSchema.migrate(ds)).containsExactly("V1__bulwark_core.sql");
  }

  @Test
  void migrate_secondCall_appliesNothing() throws SQLException {
    BulwarkSchema.migrate(ds);
    assertThat(BulwarkSchema.migrate(ds)).isEmpty();
  }

  @Test
  void migrate_fromSeveralThreadsAtOnce_appliesEachScriptOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit((Callable<List<String>>) () -> BulwarkSchema.migrate(ds)));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : results) {
        all.addAll(f.get());
      }
      assertThat(all).containsExactly("V1__bulwark_core.sql");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void migrate_recordsEachScriptInTheHistory() throws SQLException {
    BulwarkSchema.migrate(ds);
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, script FROM bulwark_schema_history")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getString(2)).isEqualTo("V1__bulwark_core.sql");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void changeLogAppend_consecutiveChanges_getIncreasingVersions() throws SQLException {
    BulwarkSchema.migrate(ds);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      long first = ChangeLog.append(c, Dialect.H2, ChangeKind.API_KEY, "k1");
      long second = ChangeLog.append(c, Dialect.H2, ChangeKind.ENTITY, "User::\"alice\"");
      c.commit();
      assertThat(second).isEqualTo(first + 1);
      assertThat(ChangeLog.since(c, first - 1, 10))
          .containsExactly(
              new ChangeLog.Change(first, ChangeKind.API_KEY, "k1"),
              new ChangeLog.Change(second, ChangeKind.ENTITY, "User::\"alice\""));
      assertThat(ChangeLog.latest(c)).isEqualTo(second);
    }
  }

  @Test
  void changeLogAppend_rolledBack_leavesNoRowAndNoVersion() throws SQLException {
    BulwarkSchema.migrate(ds);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      ChangeLog.append(c, Dialect.H2, ChangeKind.API_KEY, "k1");
      c.rollback();
      assertThat(ChangeLog.latest(c)).isZero();
      assertThat(ChangeLog.since(c, 0, 10)).isEmpty();
    }
  }
}
