/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.internal.ext.CedarDateTime;
import dev.bulwark.policy.internal.ext.Decimal;
import dev.bulwark.policy.internal.ext.IpAddr;
import dev.bulwark.policy.internal.json.ValueType;
import dev.bulwark.policy.internal.value.CedarRecord;
import dev.bulwark.policy.internal.value.CedarSet;
import dev.bulwark.policy.testsupport.SharedData;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema as the entity and context readers see it, on Cedar's sandbox_a sample schema. */
class SchemaModelTest {
  private static SchemaModel sandboxA;
  private static SchemaModel model;

  private static final EntityUid ALICE = EntityUid.of("User", "alice");
  private static final EntityUid VIEW = EntityUid.of("Action", "view");
  private static final EntityUid PHOTO = EntityUid.of("Photo", "a.jpg");

  @BeforeAll
  static void load() throws Exception {
    sandboxA =
        SchemaParsing.cedar(
            Files.readString(
                SharedData.conformanceDir().resolve("sample-data/sandbox_a/schema.cedarschema")));
    model =
        SchemaParsing.cedar(
            """
        entity Group;
        entity User in [Group] { ip: ipaddr, boss?: User, tags: Set<String>,
          home: { city: String, since: datetime } } tags decimal;
        entity Color enum ["red", "green"];
        entity Photo;
        action read;
        action view in [read] appliesTo { principal: [User], resource: [Photo],
          context: { ip: ipaddr, mfa?: Bool, color?: Color, via?: Action } };
        """);
  }

  private static CedarRecord record(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return CedarRecord.of(m);
  }

  @Test
  void sandboxA_contextOfView_declaresExtensionTypes() {
    ValueType ctx = sandboxA.contextType(VIEW);
    assertThat(ctx.kind()).isEqualTo(ValueType.Kind.RECORD);
    assertThat(ctx.attributes().get("source_ip").extensionName()).isEqualTo("ipaddr");
    assertThat(ctx.attributes().get("confidence_score").extensionName()).isEqualTo("decimal");
    assertThat(ctx.attributes().get("authenticated").kind()).isEqualTo(ValueType.Kind.BOOLEAN);
  }

  @Test
  void sandboxA_actionEntities_listEveryDeclaredAction() {
    assertThat(sandboxA.actionEntities())
        .containsKeys(
            VIEW, EntityUid.of("Action", "addPhoto"), EntityUid.of("Action", "listAlbums"));
    assertThat(sandboxA.actionEntities()).hasSize(7);
  }

  @Test
  void attributeType_nestedRecordAndSet_areDescribed() {
    ValueType home = model.attributeType("User", "home");
    assertThat(home.kind()).isEqualTo(ValueType.Kind.RECORD);
    assertThat(home.attributes().get("since").extensionName()).isEqualTo("datetime");
    assertThat(model.attributeType("User", "tags").element().kind())
        .isEqualTo(ValueType.Kind.STRING);
    assertThat(model.attributeType("User", "boss").entityType()).isEqualTo("User");
  }

  @Test
  void attributeType_unknownTypeOrAttribute_isNull() {
    assertThat(model.attributeType("Nope", "ip")).isNull();
    assertThat(model.attributeType("User", "nope")).isNull();
    assertThat(model.contextType(EntityUid.of("Action", "nope"))).isNull();
  }

  @Test
  void tagType_isTheDeclaredTagType() {
    assertThat(model.tagType("User").extensionName()).isEqualTo("decimal");
    assertThat(model.tagType("Photo")).isNull();
  }

  @Test
  void actionEntities_carryTheirDirectParents() {
    assertThat(model.actionEntities().get(VIEW)).containsExactly(EntityUid.of("Action", "read"));
    assertThat(model.actionEntities().get(EntityUid.of("Action", "read"))).isEmpty();
  }

  @Test
  void validateRequest_conformingRequest_isValid() {
    assertThat(
            model.validateRequest(
                ALICE, VIEW, PHOTO, record("ip", IpAddr.parse("10.0.0.1"), "mfa", true)))
        .isNull();
  }

  @Test
  void validateRequest_principalTypeNotInAppliesTo_isInvalid() {
    assertThat(
            model.validateRequest(
                EntityUid.of("Group", "g"), VIEW, PHOTO, record("ip", IpAddr.parse("10.0.0.1"))))
        .contains("principal type `Group`");
  }

  @Test
  void validateRequest_undeclaredResourceType_isInvalid() {
    assertThat(
            model.validateRequest(
                ALICE, VIEW, EntityUid.of("Album", "x"), record("ip", IpAddr.parse("10.0.0.1"))))
        .contains("resource type `Album`");
  }

  @Test
  void validateRequest_undeclaredAction_isInvalid() {
    assertThat(
            model.validateRequest(ALICE, EntityUid.of("Action", "edit"), PHOTO, CedarRecord.EMPTY))
        .contains("not declared");
  }

  @Test
  void validateRequest_missingRequiredContextAttribute_isInvalid() {
    assertThat(model.validateRequest(ALICE, VIEW, PHOTO, record("mfa", true)))
        .contains("missing the required attribute `ip`");
  }

  @Test
  void validateRequest_undeclaredContextAttribute_isInvalid() {
    assertThat(
            model.validateRequest(
                ALICE, VIEW, PHOTO, record("ip", IpAddr.parse("10.0.0.1"), "extra", 1L)))
        .contains("undeclared attribute");
  }

  @Test
  void validateRequest_stringWhereIpaddrDeclared_isInvalid() {
    assertThat(model.validateRequest(ALICE, VIEW, PHOTO, record("ip", "10.0.0.1")))
        .contains("context.ip has type string, expected ipaddr");
  }

  @Test
  void validateRequest_enumEntityWithUndeclaredId_isInvalid() {
    assertThat(
            model.validateRequest(
                ALICE,
                VIEW,
                PHOTO,
                record("ip", IpAddr.parse("::1"), "color", EntityUid.of("Color", "blue"))))
        .contains("enumerated entity type `Color`");
  }

  @Test
  void validateRequest_undeclaredActionInContext_isInvalid() {
    assertThat(
            model.validateRequest(
                ALICE,
                VIEW,
                PHOTO,
                record("ip", IpAddr.parse("::1"), "via", EntityUid.of("Action", "ghost"))))
        .contains("ghost");
  }

  @Test
  void validateRequest_everyOptionalAttributeValid_isValid() {
    assertThat(
            model.validateRequest(
                ALICE,
                VIEW,
                PHOTO,
                record(
                    "ip",
                    IpAddr.parse("::1"),
                    "mfa",
                    false,
                    "color",
                    EntityUid.of("Color", "red"),
                    "via",
                    EntityUid.of("Action", "read"))))
        .isNull();
  }

  @Test
  void validateRequest_wrongTypeInNestedRecord_isInvalid() throws Exception {
    SchemaModel nested =
        SchemaParsing.cedar(
            """
        entity User; entity Photo;
        action view appliesTo { principal: [User], resource: [Photo],
          context: { photo: { size: Long, tags: Set<String> } } };
        """);
    assertThat(
            nested.validateRequest(
                ALICE,
                VIEW,
                PHOTO,
                record("photo", record("size", 1L, "tags", CedarSet.copyOf(Set.of("a"))))))
        .isNull();
    assertThat(
            nested.validateRequest(
                ALICE,
                VIEW,
                PHOTO,
                record("photo", record("size", 1L, "tags", CedarSet.copyOf(Set.of("a", 2L))))))
        .contains("context.photo.tags[..] has type long");
  }

  /** An open context record: its undeclared attributes are allowed but still checked for refs. */
  private static SchemaModel openContext() throws Exception {
    return SchemaParsing.json(
        """
        {"": {"entityTypes": {"User": {}, "Photo": {}, "Color": {"enum": ["red", "green"]}},
          "actions": {"view": {"appliesTo": {"principalTypes": ["User"],
            "resourceTypes": ["Photo"], "context": {"type": "Record",
              "attributes": {"mfa": {"type": "Boolean"}}, "additionalAttributes": true}}}}}}
        """);
  }

  @Test
  void validateRequest_openRecordWithValidExtraAttribute_isValid() throws Exception {
    assertThat(
            openContext()
                .validateRequest(
                    ALICE,
                    VIEW,
                    PHOTO,
                    record("mfa", true, "extra", EntityUid.of("Color", "green"))))
        .isNull();
  }

  @Test
  void validateRequest_openRecordExtraAttributeWithBadEnumId_isInvalid() throws Exception {
    assertThat(
            openContext()
                .validateRequest(
                    ALICE,
                    VIEW,
                    PHOTO,
                    record("mfa", true, "extra", EntityUid.of("Color", "blue"))))
        .contains("enumerated entity type `Color`");
  }

  @Test
  void conforms_setOfWrongElements_isReported() {
    SchemaType set = new SchemaType.SetOf(SchemaType.Primitive.LONG);
    assertThat(SchemaModel.conforms(CedarSet.copyOf(Set.of(1L, "x")), set, "v"))
        .contains("expected Long");
  }

  @Test
  void validateEntity_conformingUser_isValid() {
    assertThat(
            model.validateEntity(
                ALICE,
                record(
                    "ip",
                    IpAddr.parse("::1"),
                    "tags",
                    CedarSet.EMPTY,
                    "home",
                    record("city", "Oslo", "since", CedarDateTime.parse("2024-01-01"))),
                Map.of("t", Decimal.parse("1.5")),
                Set.of(EntityUid.of("Group", "g"))))
        .isNull();
  }

  @Test
  void validateEntity_undeclaredType_isRejected() {
    assertThat(
            model.validateEntity(EntityUid.of("Robot", "r"), CedarRecord.EMPTY, Map.of(), Set.of()))
        .contains("not declared");
  }

  @Test
  void validateEntity_missingRequiredAttribute_isRejected() {
    assertThat(model.validateEntity(ALICE, record("tags", CedarSet.EMPTY), Map.of(), Set.of()))
        .contains("missing the required attribute `ip`");
  }

  @Test
  void validateEntity_attributeOfWrongType_isRejected() {
    assertThat(
            model.validateEntity(
                ALICE,
                record(
                    "ip",
                    "::1",
                    "tags",
                    CedarSet.EMPTY,
                    "home",
                    record("city", "Oslo", "since", CedarDateTime.parse("2024-01-01"))),
                Map.of(),
                Set.of()))
        .contains("has type string, expected ipaddr");
  }

  @Test
  void validateEntity_parentOfUndeclaredParentType_isRejected() {
    assertThat(
            model.validateEntity(
                EntityUid.of("Photo", "p"),
                CedarRecord.EMPTY,
                Map.of(),
                Set.of(EntityUid.of("Group", "g"))))
        .contains("not an allowed parent type");
  }

  @Test
  void validateEntity_tagsOnATypeWithoutTags_areRejected() {
    assertThat(
            model.validateEntity(
                EntityUid.of("Photo", "p"), CedarRecord.EMPTY, Map.of("k", "v"), Set.of()))
        .contains("declares none");
  }

  @Test
  void validateEntity_enumIdNotDeclared_isRejected() {
    assertThat(
            model.validateEntity(
                EntityUid.of("Color", "blue"), CedarRecord.EMPTY, Map.of(), Set.of()))
        .contains("enumerated entity type `Color`");
  }

  @Test
  void validateEntity_actionWithOtherParentsThanDeclared_isRejected() {
    assertThat(model.validateEntity(VIEW, CedarRecord.EMPTY, Map.of(), Set.of()))
        .contains("differs from its declaration");
    assertThat(
            model.validateEntity(
                VIEW, CedarRecord.EMPTY, Map.of(), Set.of(EntityUid.of("Action", "read"))))
        .isNull();
  }

  @Test
  void validateContext_missingNestedRequiredAttribute_isRejected() {
    assertThat(model.validateContext(VIEW, record("mfa", true)))
        .contains("missing the required attribute `ip`");
  }

  @Test
  void validateContext_undeclaredAction_isRejected() {
    assertThat(model.validateContext(EntityUid.of("Action", "nope"), CedarRecord.EMPTY))
        .contains("not declared");
  }

  @Test
  void validateContext_primitiveTypesAreNotChecked_asInCedarsReader() {
    assertThat(model.validateContext(VIEW, record("ip", IpAddr.parse("::1"), "mfa", "yes")))
        .isNull();
  }
}
