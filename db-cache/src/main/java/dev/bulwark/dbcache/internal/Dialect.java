/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases Bulwark's SQL is written for. Each has its own migration scripts (under {@code
 * dev/bulwark/dbcache/migration/<folder>}) and a few statements of its own; everything else is
 * shared SQL. Immutable.
 */
public enum Dialect {
  /** H2 2.x, the embedded default. It has no NOTIFY: instances poll the change log. */
  H2("h2"),
  /** PostgreSQL 13 or later, the production database: changes are announced with NOTIFY. */
  POSTGRESQL("postgresql");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /**
   * The folder of this dialect's migration scripts, below {@code dev/bulwark/dbcache/migration}.
   */
  public String folder() {
    return folder;
  }

  /**
   * The dialect of the database a connection talks to.
   *
   * @throws SQLException if the metadata cannot be read
   * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
   */
  public static Dialect of(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (p.equals("h2")) {
      return H2;
    }
    if (p.equals("postgresql")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "database product '" + product + "' is not supported; use H2 or PostgreSQL");
  }
}
