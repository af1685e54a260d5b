/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends to and reads the change log ({@code bulwark_change_log}). Stateless; safe from any
 * thread.
 *
 * <p>A change's version comes from the single row of {@code bulwark_change_counter}: incrementing
 * it takes that row's lock until the transaction ends, so changes commit in the order of their
 * versions. A reader that has applied every version up to {@code n} and asks for versions after
 * {@code n} therefore never misses a change that commits later with a smaller version (which a
 * sequence would allow). The price is that writers to the stores are serialized at commit: a store
 * of keys, revocations and policies is written far less often than it is read.
 */
public final class ChangeLog {
  /** One row of the log. */
  public record Change(long version, ChangeKind kind, String item) {}

  /**
   * A row with the time its writer stamped on it, by the writer's clock, just before its
   * transaction committed: a reader's clock minus it is how long the change took to reach the
   * reader, as far as the two clocks agree.
   */
  public record Logged(Change change, Instant changedAt) {}

  private static final String BUMP_POSTGRESQL =
      "UPDATE bulwark_change_counter SET version = version + 1 WHERE id = 1 RETURNING version";
  private static final String BUMP = "UPDATE bulwark_change_counter SET version = version + 1";
  private static final String READ_COUNTER = "SELECT version FROM bulwark_change_counter";
  private static final String INSERT =
      "INSERT INTO bulwark_change_log (version, kind, item_key, changed_at) VALUES (?, ?, ?, ?)";
  private static final String SINCE =
      "SELECT version, kind, item_key, changed_at FROM bulwark_change_log WHERE version > ?"
          + " ORDER BY version"
          + " FETCH FIRST ? ROWS ONLY";
  private static final String LATEST = "SELECT version FROM bulwark_change_counter";

  private ChangeLog() {}

  /**
   * Appends one change inside the caller's transaction (auto-commit must be off, so that the change
   * and its log row commit together).
   *
   * @return the change's version
   * @throws SQLException if the database refuses
   * @throws IllegalStateException if the connection is in auto-commit mode
   */
  public static long append(Connection c, Dialect dialect, ChangeKind kind, String item)
      throws SQLException {
    if (c.getAutoCommit()) {
      throw new IllegalStateException(
          "a change-log row must be written in the change's transaction");
    }
    long version;
    if (dialect == Dialect.POSTGRESQL) {
      try (PreparedStatement ps = c.prepareStatement(BUMP_POSTGRESQL);
          ResultSet rs = ps.executeQuery()) {
        version = single(rs);
      }
    } else {
      try (PreparedStatement ps = c.prepareStatement(BUMP)) {
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(READ_COUNTER);
          ResultSet rs = ps.executeQuery()) {
        version = single(rs);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setLong(1, version);
      ps.setString(2, kind.name());
      ps.setString(3, item);
      ps.setTimestamp(4, Timestamp.from(Instant.now()));
      ps.executeUpdate();
    }
    return version;
  }

  /**
   * Reads up to {@code limit} changes with a version greater than {@code after}, in order.
   *
   * @throws SQLException if the database refuses
   */
  public static List<Change> since(Connection c, long after, int limit) throws SQLException {
    List<Change> out = new ArrayList<>();
    for (Logged l : read(c, after, limit)) {
      out.add(l.change());
    }
    return out;
  }

  /**
   * {@link #since}, each change with the time it was written.
   *
   * @throws SQLException if the database refuses
   */
  public static List<Logged> read(Connection c, long after, int limit) throws SQLException {
    List<Logged> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SINCE)) {
      ps.setLong(1, after);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Change change =
              new Change(rs.getLong(1), ChangeKind.valueOf(rs.getString(2)), rs.getString(3));
          out.add(new Logged(change, rs.getTimestamp(4).toInstant()));
        }
      }
    }
    return out;
  }

  /**
   * The version of the latest committed change, 0 when there is none.
   *
   * @throws SQLException if the database refuses
   */
  public static long latest(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LATEST);
        ResultSet rs = ps.executeQuery()) {
      return single(rs);
    }
  }

  private static long single(ResultSet rs) throws SQLException {
    if (!rs.next()) {
      throw new SQLException("bulwark_change_counter has no row; run BulwarkSchema.migrate first");
    }
    return rs.getLong(1);
  }
}
