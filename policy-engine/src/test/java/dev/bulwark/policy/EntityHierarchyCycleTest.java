/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Cedar refuses an entity hierarchy with a cycle when entities are loaded; so does Bulwark. */
class EntityHierarchyCycleTest {

  @Test
  void fromJson_cyclicGroups_isRejected() {
    String json =
        "[{\"uid\": {\"type\": \"G\", \"id\": \"a\"}, \"attrs\": {}, \"parents\":"
            + " [{\"type\": \"G\", \"id\": \"b\"}]}, {\"uid\": {\"type\": \"G\", \"id\": \"b\"},"
            + " \"attrs\": {}, \"parents\": [{\"type\": \"G\", \"id\": \"a\"}]}]";
    assertThatThrownBy(() -> InMemoryEntityStore.fromJson(json))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("cycle");
  }

  @Test
  void fromJson_selfParent_isRejected() {
    String json =
        "[{\"uid\": {\"type\": \"G\", \"id\": \"a\"}, \"attrs\": {}, \"parents\":"
            + " [{\"type\": \"G\", \"id\": \"a\"}]}]";
    assertThatThrownBy(() -> InMemoryEntityStore.fromJson(json))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("cycle");
  }
}
