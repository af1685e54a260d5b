/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

class JdbcRevocationStoreH2Test extends JdbcRevocationStoreTest {
  @Override
  protected TestDatabase testDatabase() {
    return new H2TestDatabase();
  }
}
