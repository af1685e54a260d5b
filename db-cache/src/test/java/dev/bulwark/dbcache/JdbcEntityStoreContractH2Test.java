/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import dev.bulwark.policy.Entity;
import dev.bulwark.policy.EntityStore;
import dev.bulwark.policy.testkit.EntityStoreContract;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/** {@link EntityStoreContract} against {@link JdbcEntityStore} on H2. */
class JdbcEntityStoreContractH2Test extends EntityStoreContract {
  @Override
  protected EntityStore storeOf(Collection<Entity> entities) {
    try {
      JdbcEntityStore store =
          JdbcEntityStore.builder(Database.of(StoreTestDatabases.freshH2(), List.of())).build();
      store.putAll(entities);
      return store;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
