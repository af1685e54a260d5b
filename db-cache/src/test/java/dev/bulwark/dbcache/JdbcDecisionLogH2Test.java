/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** {@link JdbcDecisionLog} on H2, in memory. */
class JdbcDecisionLogH2Test extends JdbcDecisionLogContract {
  @Override
  protected DataSource newDatabase() throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    // A named in-memory database that lives until the JVM ends, one per test.
    ds.setURL("jdbc:h2:mem:decisions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    BulwarkSchema.migrate(ds);
    return ds;
  }

  /** H2's unbounded VARCHAR takes any string up to a billion characters. */
  @Override
  protected String textTheDatabaseRefuses() {
    return null;
  }
}
