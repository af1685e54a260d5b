/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcEntityStoreTest} on the PostgreSQL primary. */
class JdbcEntityStorePostgresTest extends JdbcEntityStoreTest {
  @RegisterExtension static final PostgresTestDatabase PG = new PostgresTestDatabase();

  @Override
  protected DataSource freshDatabase() throws SQLException {
    return PG.freshDataSource();
  }
}
