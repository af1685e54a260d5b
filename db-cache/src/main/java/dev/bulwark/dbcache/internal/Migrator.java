/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Applies the migration scripts a database lacks, and records each in {@code
 * bulwark_schema_history}. Safe to run from several instances at once. Stateless but for a lock;
 * safe from any thread.
 *
 * <p>On PostgreSQL one transaction holds an advisory lock while it reads the history and applies
 * what is missing: DDL is transactional there, so instances that start together apply each script
 * once, and a script that fails leaves nothing behind. H2 commits each DDL statement, so its
 * scripts are written to be run again harmlessly ({@code IF NOT EXISTS}, guarded inserts); a lock
 * of this JVM keeps its own instances from interleaving, and an instance of another JVM that
 * records a version first makes this one's history insert a no-op.
 */
public final class Migrator {
  /** The scripts, in order; their names are Flyway's ({@code V<version>__<description>.sql}). */
  public static final List<String> SCRIPTS = List.of("V1__bulwark_core.sql");

  private static final String RESOURCE_ROOT = "/dev/bulwark/dbcache/migration/";
  // An arbitrary constant naming Bulwark's advisory lock among the application's own.
  private static final long ADVISORY_LOCK_KEY = 0x42756c7761726bL;
  private static final String HISTORY =
      "CREATE TABLE IF NOT EXISTS bulwark_schema_history (version INTEGER PRIMARY KEY, script"
          + " VARCHAR(255) NOT NULL, checksum BIGINT NOT NULL, applied_at TIMESTAMP WITH TIME ZONE"
          + " NOT NULL)";
  private static final ReentrantLock JVM_LOCK = new ReentrantLock();

  private Migrator() {}

  /**
   * Applies the missing scripts.
   *
   * @return the names of the scripts this call applied, in order (empty when none was missing)
   * @throws SQLException if the database refuses a statement (the message names the script)
   * @throws IllegalStateException if a script already applied differs from the one in this jar
   */
  public static List<String> migrate(DataSource dataSource) throws SQLException {
    JVM_LOCK.lock();
    try (Connection c = dataSource.getConnection()) {
      Dialect dialect = Dialect.of(c);
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(dialect != Dialect.POSTGRESQL);
      try {
        List<String> applied = migrate(c, dialect);
        if (!c.getAutoCommit()) {
          c.commit();
        }
        return applied;
      } catch (SQLException | RuntimeException e) {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } finally {
      JVM_LOCK.unlock();
    }
  }

  private static List<String> migrate(Connection c, Dialect dialect) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        ps.setLong(1, ADVISORY_LOCK_KEY);
        ps.execute();
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute(HISTORY);
    }
    Map<Integer, Long> done = new HashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT version, checksum FROM bulwark_schema_history");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        done.put(rs.getInt(1), rs.getLong(2));
      }
    }
    List<String> applied = new ArrayList<>();
    for (String script : SCRIPTS) {
      int version = version(script);
      String text = read(dialect, script);
      long checksum = checksum(text);
      Long recorded = done.get(version);
      if (recorded != null) {
        if (recorded != checksum) {
          throw new IllegalStateException(
              "migration "
                  + script
                  + " was applied with checksum "
                  + recorded
                  + " but this jar's copy has "
                  + checksum
                  + "; a shipped migration must never change");
        }
        continue;
      }
      try (Statement s = c.createStatement()) {
        for (String statement : SqlScript.statements(text)) {
          s.execute(statement);
        }
      } catch (SQLException e) {
        throw new SQLException(
            "migration " + script + " failed: " + e.getMessage(), e.getSQLState(), e);
      }
      if (record(c, version, script, checksum)) {
        applied.add(script);
      }
    }
    return applied;
  }

  /** Records a script; false when another instance recorded it first (H2 only). */
  private static boolean record(Connection c, int version, String script, long checksum)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO bulwark_schema_history (version, script, checksum, applied_at)"
                + " SELECT ?, ?, ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM bulwark_schema_history WHERE version = ?)")) {
      ps.setInt(1, version);
      ps.setString(2, script);
      ps.setLong(3, checksum);
      ps.setTimestamp(4, Timestamp.from(Instant.now()));
      ps.setInt(5, version);
      return ps.executeUpdate() == 1;
    }
  }

  static int version(String script) {
    int sep = script.indexOf("__");
    return Integer.parseInt(script.substring(1, sep));
  }

  private static String read(Dialect dialect, String script) {
    String path = RESOURCE_ROOT + dialect.folder() + "/" + script;
    try (InputStream in = Migrator.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("migration script " + path + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration script " + path, e);
    }
  }

  private static long checksum(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
