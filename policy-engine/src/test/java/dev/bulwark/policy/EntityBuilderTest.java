/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static dev.bulwark.policy.ValuesSchema.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Entity.Builder}, and {@link Entity#fromJson(String, Schema)}'s schema checks. */
class EntityBuilderTest {
  private static final Schema SCHEMA = ValuesSchema.schema();
  private static final EntityUid STAFF = EntityUid.of("Group", "staff");

  @Test
  void build_valuesAndParents_isTheEntityOfTheJson() throws Exception {
    Entity e =
        Entity.builder(ALICE)
            .attribute("name", "Alice")
            .attribute("level", 3)
            .parent(STAFF)
            .tag("t", List.of("a"))
            .build();
    Entity j =
        Entity.fromJson(
            "{\"uid\":{\"type\":\"User\",\"id\":\"alice\"},"
                + "\"attrs\":{\"name\":\"Alice\",\"level\":3},\"parents\":[{\"type\":\"Group\","
                + "\"id\":\"staff\"}],\"tags\":{\"t\":[\"a\"]}}");
    assertThat(e.data().attributes()).isEqualTo(j.data().attributes());
    assertThat(e.data().tags()).isEqualTo(j.data().tags());
    assertThat(e.parents()).isEqualTo(j.parents());
    assertThat(e.ancestors()).containsExactly(STAFF);
  }

  @Test
  void build_withSchema_readsStringsByTheDeclaredTypes() {
    Entity e = Entity.builder(ALICE, SCHEMA).attribute("since", "2024-01-01").build();
    assertThat(e.data().attributes().get("since"))
        .isEqualTo(
            Context.builder()
                .put("t", Instant.parse("2024-01-01T00:00:00Z"))
                .build()
                .record()
                .get("t"));
  }

  @Test
  void build_withSchemaAndUndeclaredType_isAnInvalidRequest() {
    assertThatThrownBy(() -> Entity.builder(EntityUid.of("Robot", "r"), SCHEMA).build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Robot");
  }

  @Test
  void build_withSchemaAndParentOfAWrongType_isAnInvalidRequest() {
    assertThatThrownBy(() -> Entity.builder(ALICE, SCHEMA).parent(EntityUid.of("Doc", "d")).build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("allowed parent");
  }

  @Test
  void build_withSchemaAndAttributeOfAWrongType_isAnInvalidRequest() {
    assertThatThrownBy(() -> Entity.builder(ALICE, SCHEMA).attribute("level", "high").build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("level");
  }

  @Test
  void parent_itself_isAnInvalidRequest() {
    assertThatThrownBy(() -> Entity.builder(ALICE).parent(ALICE))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("own parent");
  }

  @Test
  void attribute_afterBuild_isAnIllegalState() {
    Entity.Builder b = Entity.builder(ALICE);
    b.build();
    assertThatThrownBy(() -> b.attribute("name", "x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void fromJsonWithSchema_undeclaredType_isRefused() {
    assertThatThrownBy(() -> Entity.fromJson("{\"uid\":{\"type\":\"Robot\",\"id\":\"r\"}}", SCHEMA))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("Robot");
  }

  @Test
  void fromJsonWithSchema_missingRequiredAttribute_isRefused() {
    assertThatThrownBy(() -> Entity.fromJson("{\"uid\":{\"type\":\"Doc\",\"id\":\"d\"}}", SCHEMA))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("owner");
  }

  @Test
  void fromJsonWithSchema_attributeOfAWrongType_isRefused() {
    assertThatThrownBy(
            () ->
                Entity.fromJson(
                    "{\"uid\":{\"type\":\"User\",\"id\":\"a\"},"
                        + "\"attrs\":{\"level\":\"high\"}}",
                    SCHEMA))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("level");
  }

  @Test
  void fromJsonWithSchema_parentOfAWrongType_isRefused() {
    assertThatThrownBy(
            () ->
                Entity.fromJson(
                    "{\"uid\":{\"type\":\"User\",\"id\":\"a\"},"
                        + "\"parents\":[{\"type\":\"Doc\",\"id\":\"d\"}]}",
                    SCHEMA))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("allowed parent");
  }

  @Test
  void fromJsonWithSchema_conformingEntity_isRead() throws Exception {
    Entity e =
        Entity.fromJson(
            "{\"uid\":{\"type\":\"User\",\"id\":\"a\"},"
                + "\"attrs\":{\"level\":2},\"parents\":[{\"type\":\"Group\",\"id\":\"g\"}]}",
            SCHEMA);
    assertThat(e.parents()).containsExactly(EntityUid.of("Group", "g"));
  }
}
