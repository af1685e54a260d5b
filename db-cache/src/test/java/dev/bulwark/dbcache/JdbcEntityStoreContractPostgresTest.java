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
import org.junit.jupiter.api.extension.RegisterExtension;

/** policy-engine's entity store contract, for {@link JdbcEntityStore} on the PostgreSQL primary. */
class JdbcEntityStoreContractPostgresTest extends EntityStoreContract {
  @RegisterExtension static final PostgresTestDatabase PG = new PostgresTestDatabase();

  @Override
  protected EntityStore storeOf(Collection<Entity> entities) {
    try {
      JdbcEntityStore store =
          JdbcEntityStore.builder(Database.of(PG.freshDataSource(), List.of())).build();
      store.putAll(entities);
      return store;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
