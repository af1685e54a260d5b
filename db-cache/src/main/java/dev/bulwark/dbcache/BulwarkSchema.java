/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import dev.bulwark.dbcache.internal.Migrator;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Bulwark's tables, created and upgraded by versioned migration scripts. Stateless; safe from any
 * thread, and from several instances that start at once.
 *
 * <p>The scripts ship in this jar under {@code dev/bulwark/dbcache/migration/h2/} and {@code
 * dev/bulwark/dbcache/migration/postgresql/}, named as Flyway names them ({@code
 * V1__bulwark_core.sql}), so a service that runs its own migration tool can run them with it
 * instead of calling {@link #migrate}. {@link #migrate} records what it applied in the table {@code
 * bulwark_schema_history}, with a checksum of each script.
 */
public final class BulwarkSchema {
  private BulwarkSchema() {}

  /**
   * Applies the migration scripts the database lacks, in order. Instances that call this at once
   * each see the schema complete when it returns; each script is applied once.
   *
   * @param dataSource the primary database (H2 or PostgreSQL), with rights to create tables
   * @return the names of the scripts this call applied (empty when the schema was current)
   * @throws SQLException if the database refuses a statement; the message names the script
   * @throws IllegalStateException if a script recorded as applied differs from this jar's copy
   * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
   */
  public static List<String> migrate(DataSource dataSource) throws SQLException {
    return Migrator.migrate(Objects.requireNonNull(dataSource, "dataSource"));
  }
}
