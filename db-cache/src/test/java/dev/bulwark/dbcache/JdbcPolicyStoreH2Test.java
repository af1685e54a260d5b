/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import javax.sql.DataSource;

/** {@link JdbcPolicyStoreTest} on H2. */
class JdbcPolicyStoreH2Test extends JdbcPolicyStoreTest {
  @Override
  protected DataSource freshDatabase() {
    return StoreTestDatabases.freshH2();
  }
}
