/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import dev.bulwark.dbcache.internal.ChangeApplier;
import dev.bulwark.dbcache.internal.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The database the stores read and write: one primary, which takes every write and the reads that
 * must see the latest one, and any number of read replicas. Thread-safe and immutable.
 */
public final class Database {
  private final DataSource primary;
  private final List<DataSource> replicas;
  private final Dialect dialect;
  // The highest change-log version whose changes this instance's caches have applied; advanced by
  // the change feed, read by stores to decide whether a cache or a replica is fresh enough.
  private final AtomicLong appliedVersion = new AtomicLong();
  // The caching stores built on this database, which the change feed tells of every change.
  private final List<ChangeApplier> appliers = new CopyOnWriteArrayList<>();

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

  /**
   * The highest change-log version this instance's caches have applied (0 before the change feed
   * runs). Not part of the API.
   */
  long appliedVersion() {
    return appliedVersion.get();
  }

  /** Raises {@link #appliedVersion()} to {@code version} if it is lower. Not part of the API. */
  void advanceAppliedVersion(long version) {
    appliedVersion.accumulateAndGet(version, Math::max);
  }

  /** Registers a caching store, which the change feed then tells of every change. */
  void register(ChangeApplier applier) {
    appliers.add(Objects.requireNonNull(applier, "applier"));
  }

  /** The caching stores registered so far. */
  List<ChangeApplier> appliers() {
    return appliers;
  }

  @Override
  public String toString() {
    return "Database[" + dialect + ", replicas=" + replicas.size() + "]";
  }
}
