/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import dev.bulwark.auth.store.StoreUnavailableException;
import dev.bulwark.dbcache.internal.DbGuard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * The transactions and reads the JDBC stores share: writes in one transaction on the primary,
 * retried when the database reports a transient conflict; loads from a replica that fall back to
 * the primary when the replica fails or lags. Thread-safe (stateless beyond its database).
 */
final class Jdbc {
  /** Work on a connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** A value read together with the {@code bulwark_change_counter} version it was read at. */
  record Versioned<T>(long version, T value) {}

  // Deadlocks, serialization failures, lock timeouts and a unique key taken by a concurrent
  // insert: the transaction is sound and only lost a race, so it is run again.
  private static final int MAX_ATTEMPTS = 3;

  // The latest instant both databases store: later ones (Instant.MAX for "never") are clamped.
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private final Database db;
  private final String store;

  Jdbc(Database db, String store) {
    this.db = db;
    this.store = store;
  }

  Database db() {
    return db;
  }

  /** A statement with the database's query timeout set. */
  PreparedStatement prepare(Connection c, String sql) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setQueryTimeout(db.queryTimeoutSeconds());
    return ps;
  }

  /**
   * Runs {@code work} in one transaction on the primary and commits it (work that decided to change
   * nothing rolls back itself). A runtime exception from the work rolls back and propagates.
   *
   * @throws StoreUnavailableException if the database could not be asked or refused
   */
  <T> T write(String what, Work<T> work) {
    return guarded(
        what,
        () -> {
          for (int attempt = 1; ; attempt++) {
            try (Connection c = db.primary().getConnection()) {
              boolean autoCommit = c.getAutoCommit();
              c.setAutoCommit(false);
              try {
                T result = work.run(c);
                c.commit();
                return result;
              } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
              } finally {
                // A pool other than HikariCP may hand the connection on as it is returned.
                restoreQuietly(c, autoCommit);
              }
            } catch (SQLException e) {
              if (attempt >= MAX_ATTEMPTS || !isTransient(e)) {
                throw e;
              }
            }
          }
        });
  }

  /**
   * Reads from the primary.
   *
   * @throws StoreUnavailableException if the database could not be asked
   */
  <T> T readPrimary(String what, Work<T> work) {
    return guarded(
        what,
        () -> {
          try (Connection c = db.primary().getConnection()) {
            return work.run(c);
          }
        });
  }

  /**
   * Runs a call on the primary behind its circuit breaker: while the breaker is open the call fails
   * at once, without waiting for a connection that will not come.
   */
  private <T> T guarded(String what, DbGuard.SqlCall<T> call) {
    return db.primaryGuard()
        .call(
            call,
            (message, cause) ->
                new StoreUnavailableException(
                    store + " could not " + what + ": " + message, cause));
  }

  /**
   * Reads from {@link Database#reader()}. A replica's answer is used only if it was read at a
   * change-log version of at least {@code requiredVersion}; a replica that lags or fails is left
   * for the primary (a failing one is reported to the database, which leaves it out for a while).
   *
   * @throws StoreUnavailableException if the primary could not be asked
   */
  <T> T load(String what, long requiredVersion, Work<Versioned<T>> work) {
    DataSource reader = db.reader();
    if (db.isReplica(reader)) {
      try (Connection c = reader.getConnection()) {
        Versioned<T> v = work.run(c);
        if (v.version() >= requiredVersion) {
          return v.value();
        }
        // The replica has not replayed a change this instance knows of: its answer may be the
        // stale one that change replaced, so the primary answers instead.
      } catch (SQLException e) {
        db.replicaFailed(reader);
      }
    }
    return readPrimary(what, work).value();
  }

  static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  private static boolean isTransient(SQLException e) {
    String s = e.getSQLState();
    return "23505".equals(s) // unique violation: a concurrent insert of the same key won
        || "40001".equals(s) // serialization failure
        || "40P01".equals(s) // PostgreSQL deadlock
        || "HYT00".equals(s); // H2 lock timeout
  }

  private static void restoreQuietly(Connection c, boolean autoCommit) {
    try {
      c.setAutoCommit(autoCommit);
    } catch (SQLException ignored) {
      // The connection is broken; closing it returns it to the pool, which discards it.
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // The connection is broken; closing it returns it to the pool, which discards it.
    }
  }

  /**
   * {@code instant} as the databases store it, at microsecond precision rounded up, and no later
   * than the year 9999: for a revocation's instant, which must never end earlier than asked.
   */
  static OffsetDateTime toDbRoundingUp(Instant instant) {
    Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
    if (micros.isBefore(instant)) {
      micros = micros.plus(1, ChronoUnit.MICROS);
    }
    return clamp(micros);
  }

  /**
   * {@code instant} at microsecond precision rounded down, no later than the year 9999: for an API
   * key's creation and expiry, so that the key is never taken as newer or longer-lived than it is.
   */
  static OffsetDateTime toDbRoundingDown(Instant instant) {
    return clamp(instant.truncatedTo(ChronoUnit.MICROS));
  }

  private static OffsetDateTime clamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant.isAfter(LATEST) ? LATEST : instant, ZoneOffset.UTC);
  }

  static Instant fromDb(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
