/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import dev.bulwark.testkit.PostgresServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** {@link JdbcDecisionLog} on the PostgreSQL primary. */
class JdbcDecisionLogPostgresTest extends JdbcDecisionLogContract {
  @RegisterExtension static final PostgresServers PG = new PostgresServers();

  @Override
  protected DataSource newDatabase() throws SQLException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(PG.primaryUrl());
    // The driver rewrites a batch of inserts into multi-row inserts: far fewer round trips.
    ds.setReWriteBatchedInserts(true);
    BulwarkSchema.migrate(ds);
    // The class shares one database; the tests count every row of the table.
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE bulwark_decision_log");
    }
    return ds;
  }

  /** PostgreSQL's text holds no NUL character (SQL state 22021). */
  @Override
  protected String textTheDatabaseRefuses() {
    return "a\u0000b";
  }
}
