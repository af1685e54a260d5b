/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import javax.sql.DataSource;

/** {@link JdbcEntityStoreTest} on H2. */
class JdbcEntityStoreH2Test extends JdbcEntityStoreTest {
  @Override
  protected DataSource freshDatabase() {
    return StoreTestDatabases.freshH2();
  }
}
