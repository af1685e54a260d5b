/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The servers behave as the database tests rely on: the replica follows the primary, and the faults
 * are real. Needs {@code .ci/postgres.sh start}; skipped without it (failed under CI=true).
 */
class PostgresServersTest {
  @RegisterExtension static final PostgresServers PG = new PostgresServers();

  /** Creates table {@code name} on the primary holding the one row {@code row}. */
  private static void createTableWithRow(String name, int row) throws SQLException {
    try (Connection c = PG.connectPrimary();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE " + name + " (x int)");
      st.execute("INSERT INTO " + name + " VALUES (" + row + ")");
    }
  }

  private static void insert(String table, int row) throws SQLException {
    try (Connection c = PG.connectPrimary();
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO " + table + " VALUES (" + row + ")");
    }
  }

  /** How many rows of {@code table} hold {@code row}, read on the replica. */
  private static long countOnReplica(String table, int row) throws SQLException {
    try (Connection c = PG.connectReplica();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table + " WHERE x = " + row)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void database_perTestClass_isTheSameFreshOneOnBothServers() throws SQLException {
    try (Connection p = PG.connectPrimary();
        Connection r = PG.connectReplica()) {
      assertTrue(PG.database().startsWith(PostgresServers.DATABASE_PREFIX), PG.database());
      assertEquals(PG.database(), p.getCatalog());
      assertEquals(PG.database(), r.getCatalog());
    }
  }

  @Test
  void replica_afterCommitOnPrimary_seesTheRow() throws SQLException {
    createTableWithRow("replicated", 1);
    PG.awaitReplica();
    assertEquals(1, countOnReplica("replicated", 1));
  }

  @Test
  void replica_anyWrite_isRefusedAsReadOnly() throws SQLException {
    createTableWithRow("read_only", 1);
    PG.awaitReplica();
    try (Connection c = PG.connectReplica();
        Statement st = c.createStatement()) {
      SQLException e =
          assertThrows(SQLException.class, () -> st.execute("INSERT INTO read_only VALUES (2)"));
      // read_only_sql_transaction
      assertEquals("25006", e.getSQLState());
    }
  }

  @Test
  void replica_whilePaused_doesNotSeeNewRows() throws SQLException {
    createTableWithRow("paused", 1);
    PG.awaitReplica();
    PG.pauseReplica();
    try {
      insert("paused", 2);
      // Paused means replay has stopped (the script waits for that): no sleep can change this.
      assertEquals(0, countOnReplica("paused", 2));
    } finally {
      PG.resumeReplica();
    }
  }

  @Test
  void replica_resumedAfterPause_catchesUp() throws SQLException {
    createTableWithRow("resumed", 1);
    PG.awaitReplica();
    PG.pauseReplica();
    insert("resumed", 2);
    PG.resumeReplica();
    PG.awaitReplica();
    assertEquals(1, countOnReplica("resumed", 2));
  }

  @Test
  void primary_whileStopped_refusesConnections() {
    PG.stopPrimary();
    try {
      assertThrows(SQLException.class, PG::connectPrimary);
    } finally {
      PG.startPrimary();
    }
  }

  @Test
  void primary_afterRestart_acceptsConnectionsAndKeepsCommittedRows() throws SQLException {
    createTableWithRow("restarted", 1);
    PG.stopPrimary();
    PG.startPrimary();
    try (Connection c = PG.connectPrimary();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM restarted WHERE x = 1")) {
      rs.next();
      assertEquals(1, rs.getLong(1));
    }
  }

  @Test
  void replica_afterPrimaryRestart_streamsAgain() throws SQLException {
    createTableWithRow("streams_again", 1);
    PG.stopPrimary();
    PG.startPrimary();
    insert("streams_again", 2);
    PG.awaitReplica();
    assertEquals(1, countOnReplica("streams_again", 2));
  }
}
