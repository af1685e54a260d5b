/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The database a store test runs on. The store tests are abstract and ask for one of these; a
 * subclass per database (H2 here, PostgreSQL where a server runs) supplies it.
 */
interface TestDatabase {
  /**
   * A data source on an empty database with Bulwark's schema: a new database, or the same one
   * emptied (every bulwark table truncated, the change counter back at 0). Each call may empty what
   * an earlier call returned.
   */
  DataSource freshDataSource() throws SQLException;

  /** The JDBC URL of the database {@link #freshDataSource()} last returned. */
  String jdbcUrl();

  /** The user of that database. */
  String username();

  /** That user's password (the tests check it never leaks). */
  String password();

  /** A JDBC URL of this database's driver at which nothing answers (connection refused). */
  String unreachableUrl();
}
