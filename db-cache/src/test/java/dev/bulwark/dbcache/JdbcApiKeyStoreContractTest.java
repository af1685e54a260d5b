/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import dev.bulwark.auth.store.ApiKeyStore;
import dev.bulwark.auth.store.testkit.ApiKeyStoreContract;
import java.sql.SQLException;
import java.util.List;

/** {@link ApiKeyStoreContract} for {@link JdbcApiKeyStore}; a subclass per database runs it. */
abstract class JdbcApiKeyStoreContractTest extends ApiKeyStoreContract {
  /** The database the store is built on. */
  protected abstract TestDatabase testDatabase();

  @Override
  protected ApiKeyStore newStore() {
    try {
      return JdbcApiKeyStore.builder(Database.of(testDatabase().freshDataSource(), List.of()))
          .build();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the test database", e);
    }
  }
}
