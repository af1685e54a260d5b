/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import dev.bulwark.auth.store.RevocationStore;
import dev.bulwark.auth.store.testkit.RevocationStoreContract;
import java.sql.SQLException;
import java.util.List;

/**
 * {@link RevocationStoreContract} for {@link JdbcRevocationStore}; a subclass per database runs it.
 */
abstract class JdbcRevocationStoreContractTest extends RevocationStoreContract {
  /** The database the store is built on. */
  protected abstract TestDatabase testDatabase();

  @Override
  protected RevocationStore newStore() {
    try {
      return JdbcRevocationStore.builder(Database.of(testDatabase().freshDataSource(), List.of()))
          .build();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the test database", e);
    }
  }
}
