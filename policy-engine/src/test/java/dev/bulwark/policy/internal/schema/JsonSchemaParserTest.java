/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyParseException;
import org.junit.jupiter.api.Test;

class JsonSchemaParserTest {

  private static final String PHOTOS =
      """
      {
        "PhotoApp": {
          "commonTypes": {
            "Ctx": { "type": "Record", "attributes": {
              "ip": { "type": "Extension", "name": "ipaddr" },
              "mfa": { "type": "Boolean", "required": false } } }
          },
          "entityTypes": {
            "User": { "memberOfTypes": ["Group"], "shape": { "type": "Record", "attributes": {
              "name": { "type": "String" },
              "level": { "type": "Long" },
              "manager": { "type": "Entity", "name": "User" },
              "groups": { "type": "Set", "element": { "type": "EntityOrCommon", "name": "Group" } },
              "when": { "type": "datetime" } } } },
            "Group": {},
            "Photo": { "shape": { "type": "Record", "attributes": {}, "additionalAttributes": true },
                       "tags": { "type": "String" } },
            "Color": { "enum": ["red", "blue"] }
          },
          "actions": {
            "view": { "appliesTo": { "principalTypes": ["User"], "resourceTypes": ["Photo"],
                                     "context": { "type": "Ctx" } },
                      "memberOf": [{ "id": "read" }] },
            "read": { }
          }
        }
      }
      """;

  private static SchemaModel parse(String s) throws PolicyParseException {
    return SchemaParsing.json(s);
  }

  @Test
  void fullSchema_resolvesTypesParentsAndActions() throws Exception {
    SchemaModel m = parse(PHOTOS);
    SchemaModel.EntityTypeDef user = m.entityTypes().get("PhotoApp::User");
    assertThat(user.allowedParentTypes()).containsExactly("PhotoApp::Group");
    assertThat(user.shape().attributes().get("manager").type())
        .isEqualTo(new SchemaType.EntityRef("PhotoApp::User"));
    assertThat(user.shape().attributes().get("when").type())
        .isEqualTo(new SchemaType.Extension("datetime"));
    assertThat(m.entityTypes().get("PhotoApp::Photo").shape().open()).isTrue();
    assertThat(m.entityTypes().get("PhotoApp::Color").enumChoices()).containsExactly("red", "blue");
    SchemaModel.ActionDef view = m.actions().get(EntityUid.of("PhotoApp::Action", "view"));
    assertThat(view.parents()).containsExactly(EntityUid.of("PhotoApp::Action", "read"));
    assertThat(view.context().attributes().get("mfa").required()).isFalse();
  }

  @Test
  void sameSchemaInBothFormats_givesTheSameHints() throws Exception {
    SchemaModel json = parse(PHOTOS);
    SchemaModel human =
        SchemaParsing.cedar(
            """
        namespace PhotoApp {
          type Ctx = { ip: ipaddr, mfa?: Bool };
          entity User in [Group] { name: String, level: Long, manager: User,
            groups: Set<Group>, when: datetime };
          entity Group;
          entity Photo tags String;
          entity Color enum ["red", "blue"];
          action read;
          action view in [read] appliesTo { principal: User, resource: Photo, context: Ctx };
        }
        """);
    for (String attr : new String[] {"name", "level", "manager", "groups", "when"}) {
      assertThat(json.attributeType("PhotoApp::User", attr).toString())
          .isEqualTo(human.attributeType("PhotoApp::User", attr).toString());
    }
    EntityUid view = EntityUid.of("PhotoApp::Action", "view");
    assertThat(json.contextType(view).attributes().keySet())
        .isEqualTo(human.contextType(view).attributes().keySet());
    assertThat(json.actionEntities()).isEqualTo(human.actionEntities());
  }

  @Test
  void unknownField_isRejectedWithItsPath() {
    assertThatThrownBy(
            () -> parse("{\"\": {\"entityTypes\": {\"A\": {\"shap\": {}}}," + " \"actions\": {}}}"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("entityTypes.A")
        .hasMessageContaining("unknown field `shap`");
  }

  @Test
  void missingActions_isRejected() {
    assertThatThrownBy(() -> parse("{\"N\": {\"entityTypes\": {}}}"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("missing field `actions`");
  }

  @Test
  void unknownExtension_isRejected() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"\": {\"entityTypes\": {\"A\": {\"shape\": {\"type\":"
                        + " \"Record\", \"attributes\": {\"x\": {\"type\": \"Extension\", \"name\": \"money\"}}}}},"
                        + " \"actions\": {}}}"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("unknown extension type `money`");
  }

  @Test
  void entityOnlyReference_doesNotResolveToACommonType() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"\": {\"commonTypes\": {\"T\": {\"type\": \"Long\"}},"
                        + " \"entityTypes\": {\"A\": {\"shape\": {\"type\": \"Record\", \"attributes\":"
                        + " {\"x\": {\"type\": \"Entity\", \"name\": \"T\"}}}}}, \"actions\": {}}}"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("not declared as an entity type");
  }

  @Test
  void enumWithOtherFields_isRejected() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"\": {\"entityTypes\": {\"A\": {\"enum\": [\"a\"],"
                        + " \"memberOfTypes\": []}}, \"actions\": {}}}"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("memberOfTypes");
  }

  @Test
  void invalidJson_reportsLineAndColumn() {
    assertThatThrownBy(() -> parse("{\n  \"N\": {,\n}"))
        .isInstanceOf(PolicyParseException.class)
        .satisfies(e -> assertThat(((PolicyParseException) e).line()).isEqualTo(2));
  }

  @Test
  void deeplyNestedJsonTypes_areRejected_withoutStackOverflow() {
    String deep =
        "{\"type\":\"Set\",\"element\":".repeat(50_000)
            + "{\"type\":\"Long\"}"
            + "}".repeat(50_000);
    assertThatThrownBy(
            () ->
                parse(
                    "{\"\": {\"entityTypes\": {\"A\": {\"tags\": "
                        + deep
                        + "}}, \"actions\": {}}}"))
        .isInstanceOf(PolicyParseException.class);
  }

  @Test
  void semanticError_carriesTheLineAndColumnOfTheEnclosingObject() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"\": {\n  \"entityTypes\": {\n    \"A\": {\"shape\":"
                        + " {\"type\": \"Record\", \"attributes\": {\n      \"x\": {\"type\": \"Nope\"}}}}},\n"
                        + "  \"actions\": {}}}"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("`Nope`")
        .satisfies(
            e -> {
              assertThat(((PolicyParseException) e).line()).isEqualTo(4);
              assertThat(((PolicyParseException) e).column()).isEqualTo(12);
            });
  }

  @Test
  void unknownFieldError_carriesALine() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"\": {\n \"entityTypes\": {\"A\": {\"shap\": {}}}," + " \"actions\": {}}}"))
        .isInstanceOf(PolicyParseException.class)
        .satisfies(e -> assertThat(((PolicyParseException) e).line()).isEqualTo(2));
  }
}
