/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.testkit.EntityStoreContract;
import java.util.Collection;

/** {@link InMemoryEntityStore}: the {@link EntityStore} contract. */
class InMemoryEntityStoreTest extends EntityStoreContract {
  @Override
  protected EntityStore storeOf(Collection<Entity> entities) {
    return InMemoryEntityStore.of(entities);
  }
}
