/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcPolicyStoreTest} on the PostgreSQL primary. */
class JdbcPolicyStorePostgresTest extends JdbcPolicyStoreTest {
  @RegisterExtension static final PostgresTestDatabase PG = new PostgresTestDatabase();

  @Override
  protected DataSource freshDatabase() throws SQLException {
    return PG.freshDataSource();
  }
}
