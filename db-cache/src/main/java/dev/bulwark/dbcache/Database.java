/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import dev.bulwark.dbcache.internal.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The database the stores read and write: one primary, which takes every write and the reads that
 * must see the latest one, and any number of read replicas. Thread-safe and immutable.
 */
public final class Database {
  private final DataSource primary;
  private final List<DataSource> replicas;
  private final Dialect dialect;

  private Database(DataSource primary, List<DataSource> replicas) throws SQLException {
    this.primary = primary;
    this.replicas = List.copyOf(replicas);
    try (Connection c = primary.getConnection()) {
      this.dialect = Dialect.of(c);
    }
  }

  /**
   * A database of the given pools.
   *
   * @param primary the primary
   * @param replicas read replicas of the primary, possibly none
   * @throws SQLException if the primary cannot be reached to learn its dialect
   * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
   */
  public static Database of(DataSource primary, List<DataSource> replicas) throws SQLException {
    return new Database(
        Objects.requireNonNull(primary, "primary"), Objects.requireNonNull(replicas, "replicas"));
  }

  /** The primary: writes, and reads that must see the latest write. */
  public DataSource primary() {
    return primary;
  }

  /** Where a read that may lag the primary goes: a replica when there is one, else the primary. */
  public DataSource reader() {
    return replicas.isEmpty() ? primary : replicas.get(0);
  }

  /** The database's dialect. Not part of the API. */
  Dialect dialect() {
    return dialect;
  }

  @Override
  public String toString() {
    return "Database[" + dialect + ", replicas=" + replicas.size() + "]";
  }
}
