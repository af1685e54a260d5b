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

class CedarSchemaParserTest {

  private static SchemaModel parse(String s) throws PolicyParseException {
    return SchemaParsing.cedar(s);
  }

  private static SchemaType attr(SchemaModel m, String type, String attr) {
    return m.entityTypes().get(type).shape().attributes().get(attr).type();
  }

  @Test
  void entity_withParentsAndAttributes_resolvesParentsAndTypes() throws Exception {
    SchemaModel m =
        parse(
            "entity Group; entity User in [Group] = { name: String, age?: Long,"
                + " admin: Bool, boss: User, groups: Set<Group> };");
    assertThat(m.entityTypes().get("User").allowedParentTypes()).containsExactly("Group");
    assertThat(attr(m, "User", "name")).isEqualTo(SchemaType.Primitive.STRING);
    assertThat(m.entityTypes().get("User").shape().attributes().get("age").required()).isFalse();
    assertThat(attr(m, "User", "boss")).isEqualTo(new SchemaType.EntityRef("User"));
    assertThat(((SchemaType.SetOf) attr(m, "User", "groups")).element())
        .isEqualTo(new SchemaType.EntityRef("Group"));
  }

  @Test
  void entity_recordWithoutEquals_isAccepted() throws Exception {
    SchemaModel m = parse("entity A { x: Long };");
    assertThat(attr(m, "A", "x")).isEqualTo(SchemaType.Primitive.LONG);
  }

  @Test
  void extensionTypeNames_resolveToExtensions() throws Exception {
    SchemaModel m =
        parse(
            "entity A { ip: ipaddr, d: decimal, t: datetime, u: duration,"
                + " s: __cedar::String, e: __cedar::ipaddr };");
    assertThat(attr(m, "A", "ip")).isEqualTo(new SchemaType.Extension("ipaddr"));
    assertThat(attr(m, "A", "d")).isEqualTo(new SchemaType.Extension("decimal"));
    assertThat(attr(m, "A", "t")).isEqualTo(new SchemaType.Extension("datetime"));
    assertThat(attr(m, "A", "u")).isEqualTo(new SchemaType.Extension("duration"));
    assertThat(attr(m, "A", "s")).isEqualTo(SchemaType.Primitive.STRING);
    assertThat(attr(m, "A", "e")).isEqualTo(new SchemaType.Extension("ipaddr"));
  }

  @Test
  void namespace_unqualifiedNames_preferTheNamespaceThenTheEmptyOne() throws Exception {
    SchemaModel m =
        parse(
            "entity Shared; namespace NS { entity User { a: Shared, b: Local };"
                + " entity Local; }");
    assertThat(m.entityTypes()).containsKeys("Shared", "NS::User", "NS::Local");
    assertThat(attr(m, "NS::User", "a")).isEqualTo(new SchemaType.EntityRef("Shared"));
    assertThat(attr(m, "NS::User", "b")).isEqualTo(new SchemaType.EntityRef("NS::Local"));
  }

  @Test
  void commonType_isInlined_andPreferredOverAnEntityOfTheSameName() throws Exception {
    SchemaModel m =
        parse(
            "namespace N { type Addr = { city: String }; entity Addr;"
                + " entity P { home: Addr, all: Set<Addr> }; }");
    SchemaType home = attr(m, "N::P", "home");
    assertThat(home).isInstanceOf(SchemaType.RecordType.class);
    assertThat(((SchemaType.RecordType) home).attributes()).containsKey("city");
  }

  @Test
  void userDeclaredString_shadowsBuiltin_butCedarPrefixStillWorks() throws Exception {
    SchemaModel m = parse("entity String; entity A { s: String, t: __cedar::String };");
    assertThat(attr(m, "A", "s")).isEqualTo(new SchemaType.EntityRef("String"));
    assertThat(attr(m, "A", "t")).isEqualTo(SchemaType.Primitive.STRING);
  }

  @Test
  void enumEntity_keepsItsChoices() throws Exception {
    SchemaModel m = parse("entity Color enum [\"red\", \"green\"];");
    assertThat(m.entityTypes().get("Color").enumChoices()).containsExactly("red", "green");
  }

  @Test
  void tags_typeIsResolved() throws Exception {
    SchemaModel m = parse("entity Doc tags Set<String>;");
    assertThat(m.entityTypes().get("Doc").tags()).isInstanceOf(SchemaType.SetOf.class);
  }

  @Test
  void action_appliesToAndGroups_areResolved() throws Exception {
    SchemaModel m =
        parse(
            "entity U; entity R; action all; action \"read file\" in [all]"
                + " appliesTo { principal: U, resource: [R], context: { ip: ipaddr, n?: Long } };");
    SchemaModel.ActionDef a = m.actions().get(EntityUid.of("Action", "read file"));
    assertThat(a.principalTypes()).containsExactly("U");
    assertThat(a.resourceTypes()).containsExactly("R");
    assertThat(a.parents()).containsExactly(EntityUid.of("Action", "all"));
    assertThat(a.context().attributes().get("ip").type())
        .isEqualTo(new SchemaType.Extension("ipaddr"));
    assertThat(m.actions().get(EntityUid.of("Action", "all")).principalTypes()).isEmpty();
  }

  @Test
  void action_qualifiedParent_resolvesAcrossNamespaces() throws Exception {
    SchemaModel m =
        parse(
            "namespace A { action top; } namespace B { action leaf in"
                + " [A::Action::\"top\"]; }");
    assertThat(m.actions().get(EntityUid.of("B::Action", "leaf")).ancestors())
        .containsExactly(EntityUid.of("A::Action", "top"));
  }

  @Test
  void action_contextAsCommonType_isResolved() throws Exception {
    SchemaModel m =
        parse(
            "type Ctx = { a: Long }; entity U;"
                + " action go appliesTo { principal: U, resource: U, context: Ctx };");
    assertThat(m.actions().get(EntityUid.of("Action", "go")).context().attributes())
        .containsKey("a");
  }

  @Test
  void actionType_canBeAnAttributeType() throws Exception {
    SchemaModel m = parse("action a; entity E { acts: Set<Action> };");
    assertThat(((SchemaType.SetOf) attr(m, "E", "acts")).element())
        .isEqualTo(new SchemaType.EntityRef("Action"));
  }

  @Test
  void commentsAnnotationsAndQuotedAttributeNames_areAccepted() throws Exception {
    SchemaModel m =
        parse(
            "// top\n@doc(\"users\")\nentity U { // trailing\n"
                + " @doc(\"x\") \"has space\": Long, };\n@id(\"n\") @flag namespace N { }");
    assertThat(m.entityTypes().get("U").shape().attributes()).containsKey("has space");
  }

  @Test
  void syntaxError_reportsLineColumnAndOffendingText() {
    assertThatThrownBy(() -> parse("entity A;\nentity B in [A] { x: Long }\nentity C;"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("line 3, column 1")
        .hasMessageContaining("`entity`")
        .satisfies(
            e -> {
              assertThat(((PolicyParseException) e).line()).isEqualTo(3);
              assertThat(((PolicyParseException) e).column()).isEqualTo(1);
            });
  }

  @Test
  void reservedIdentifier_asName_isRejected() {
    assertThatThrownBy(() -> parse("entity if;"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("`if` is a reserved identifier")
        .hasMessageContaining("line 1, column 8");
  }

  @Test
  void undeclaredType_isRejectedWithItsPosition() {
    assertThatThrownBy(() -> parse("entity A {\n  x: Nope };"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("line 2, column 6")
        .hasMessageContaining("`Nope`");
  }

  @Test
  void undeclaredParentType_isRejected() {
    assertThatThrownBy(() -> parse("entity A in [B];"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("undeclared entity type `B`");
  }

  @Test
  void undeclaredActionParent_isRejected() {
    assertThatThrownBy(() -> parse("action a in [b];"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("undeclared action");
  }

  @Test
  void actionHierarchyCycle_isRejected() {
    assertThatThrownBy(() -> parse("action a in [b]; action b in [a];"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("cycle");
  }

  @Test
  void commonTypeCycle_isRejected() {
    assertThatThrownBy(() -> parse("type A = { b: B }; type B = Set<A>; entity E { a: A };"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("cycle");
  }

  @Test
  void duplicateDeclaration_isRejected() {
    assertThatThrownBy(() -> parse("entity A; entity B, A;"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("`A` is declared twice")
        .hasMessageContaining("column 21");
  }

  @Test
  void duplicateNamespace_isRejected() {
    assertThatThrownBy(() -> parse("namespace N {} namespace N {}"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("duplicate namespace");
  }

  @Test
  void appliesToWithoutResource_isRejected() {
    assertThatThrownBy(() -> parse("entity U; action a appliesTo { principal: U };"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("no `resource`");
  }

  @Test
  void appliesToWithEmptyPrincipalList_isRejected() {
    assertThatThrownBy(() -> parse("entity U; action a appliesTo { principal: [], resource: U };"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("empty list");
  }

  @Test
  void reservedCommonTypeName_isRejected() {
    assertThatThrownBy(() -> parse("type Record = Long;"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("reserved");
  }

  @Test
  void cedarNamespace_cannotBeDeclared() {
    assertThatThrownBy(() -> parse("namespace __cedar { entity A; }"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("__cedar");
  }

  @Test
  void emptyNamespaceDeclaration_shadowedByNamespacedOne_isRejected() {
    assertThatThrownBy(() -> parse("entity User; namespace NS { entity User; }"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("shadows");
  }

  @Test
  void shapeThatIsNotARecord_isRejected() {
    assertThatThrownBy(
            () ->
                parse(
                    "type T = Long; entity U; action a appliesTo"
                        + " { principal: U, resource: U, context: T };"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("must be a record");
  }

  @Test
  void invalidEscape_isRejectedWithPosition() {
    assertThatThrownBy(() -> parse("entity A enum [\"a\\q\"];"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("invalid escape")
        .hasMessageContaining("column 16");
  }

  @Test
  void stringEscapes_areUnescaped() throws Exception {
    SchemaModel m = parse("entity A enum [\"a\\n\\u{1F600}\\x41\"];");
    assertThat(m.entityTypes().get("A").enumChoices()).containsExactly("a\n\uD83D\uDE00A");
  }

  @Test
  void unterminatedString_isRejected() {
    assertThatThrownBy(() -> parse("entity A enum [\"abc];"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("unterminated string");
  }

  @Test
  void deeplyNestedSets_hitTheDepthLimit_withoutStackOverflow() {
    String deep = "Set<".repeat(100_000) + "Long" + ">".repeat(100_000);
    assertThatThrownBy(() -> parse("entity A { x: " + deep + " };"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("nested deeper than");
  }

  @Test
  void longAliasChain_hitsTheLimit_withoutStackOverflow() {
    StringBuilder sb = new StringBuilder("type T0 = Long;\n");
    for (int i = 1; i < 50_000; i++) {
      sb.append("type T").append(i).append(" = T").append(i - 1).append(";\n");
    }
    sb.append("entity E { x: T49999 };");
    assertThatThrownBy(() -> parse(sb.toString()))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("too deeply");
  }

  @Test
  void exponentiallySharedAliases_resolveInLinearSize() throws Exception {
    StringBuilder sb = new StringBuilder("type T0 = { v: Long };\n");
    for (int i = 1; i <= 60; i++) {
      sb.append("type T")
          .append(i)
          .append(" = { a: T")
          .append(i - 1)
          .append(", b: T")
          .append(i - 1)
          .append(" };\n");
    }
    sb.append("entity E { x: T60 };");
    SchemaModel m = parse(sb.toString());
    SchemaType.RecordType x = (SchemaType.RecordType) attr(m, "E", "x");
    assertThat(x.attributes().get("a").type()).isSameAs(x.attributes().get("b").type());
  }
}
