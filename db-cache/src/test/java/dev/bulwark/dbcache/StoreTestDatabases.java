/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Databases for the entity and policy store tests. */
final class StoreTestDatabases {
  private StoreTestDatabases() {}

  /** A new, migrated H2 in-memory database of its own. */
  static DataSource freshH2() {
    JdbcDataSource ds = new JdbcDataSource();
    // A named in-memory database that lives until the JVM ends, one per test.
    ds.setURL("jdbc:h2:mem:stores-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try {
      BulwarkSchema.migrate(ds);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return ds;
  }
}
