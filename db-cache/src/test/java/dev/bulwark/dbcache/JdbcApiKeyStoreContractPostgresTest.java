/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcApiKeyStoreContractPostgresTest extends JdbcApiKeyStoreContractTest {
  @RegisterExtension static final PostgresTestDatabase PG = new PostgresTestDatabase();

  @Override
  protected TestDatabase testDatabase() {
    return PG;
  }
}
