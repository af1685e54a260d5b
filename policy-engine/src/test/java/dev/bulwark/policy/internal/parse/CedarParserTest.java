/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.internal.eval.PolicyDef;
import dev.bulwark.policy.internal.eval.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

class CedarParserTest {

  private static final String ANY = "permit(principal, action, resource)";

  @Test
  void ids_withoutAnnotation_arePositionalCountingTemplates() throws PolicyParseException {
    PolicySet s =
        PolicySet.parse(
            ANY + ";\npermit(principal == ?principal, action, resource);\n" + ANY + ";");
    assertThat(s.policyIds()).containsExactly("policy0", "policy2");
    assertThat(s.templateIds()).containsExactly("policy1");
  }

  @Test
  void ids_duplicateIdAnnotation_isRejected() {
    assertThatThrownBy(() -> PolicySet.parse("@id(\"x\") " + ANY + ";\n@id(\"x\") " + ANY + ";"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("duplicate");
  }

  @Test
  void scope_namespacedEntity_isParsed() throws PolicyParseException {
    PolicyDef d =
        CedarParser.parsePolicies("permit(principal == A::B::User::\"x\", action," + " resource);")
            .get(0);
    assertThat(d.principal().kind()).isEqualTo(Scope.Kind.EQ);
    assertThat(d.principal().uid()).isEqualTo(EntityUid.of("A::B::User", "x"));
  }

  @Test
  void scope_actionNotOfActionType_isRejected() {
    assertThatThrownBy(
            () -> PolicySet.parse("permit(principal, action == User::\"x\"," + " resource);"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("action entity");
  }

  @Test
  void error_reportsLineColumnAndOffendingText() {
    assertThatThrownBy(
            () ->
                PolicySet.parse(
                    "permit(principal, action, resource)\n" + "when { principal.age >> 3 };"))
        .isInstanceOf(PolicyParseException.class)
        .satisfies(
            e -> {
              PolicyParseException p = (PolicyParseException) e;
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.column()).isEqualTo(23);
              assertThat(p.getMessage()).contains("'>'");
            });
  }

  @Test
  void file_withOneBadPolicy_yieldsNoPolicySet() {
    assertThatThrownBy(() -> PolicySet.parse(ANY + ";\n" + ANY + " when { ; };\n" + ANY + ";"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void relations_chained_areRejected() {
    assertThatThrownBy(() -> CedarParser.parseExpression("1 < 2 < 3"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("chained");
  }

  @Test
  void integerLiteral_tooLarge_isRejected() {
    assertThatThrownBy(() -> CedarParser.parseExpression("9223372036854775808"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void unaryChain_overFour_isRejected() {
    assertThatThrownBy(() -> CedarParser.parseExpression("!!!!!true"))
        .isInstanceOf(PolicyParseException.class);
  }

  @Test
  void slot_inCondition_isRejected() {
    assertThatThrownBy(() -> PolicySet.parse(ANY + " when { principal == ?principal };"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("slots");
  }

  @Test
  void unknownMethod_isRejected() {
    assertThatThrownBy(() -> CedarParser.parseExpression("[1].size()"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("unknown method");
  }

  @Test
  void divisionOperator_isRejected() {
    assertThatThrownBy(() -> CedarParser.parseExpression("4 / 2"))
        .isInstanceOf(PolicyParseException.class);
  }

  @Test
  void stringEscape_unicodeBraces_isDecoded() throws PolicyParseException {
    assertThat(CedarParser.parseExpression("\"\\u{1F600}\\t\"").constant())
        .isEqualTo("\uD83D\uDE00\t");
  }

  @Test
  void stringEscape_invalid_isRejectedAtItsColumn() {
    assertThatThrownBy(() -> CedarParser.parseExpression("\"ab\\q\""))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("column 4");
  }

  @Test
  void recordLiteral_duplicateKey_isRejected() {
    assertThatThrownBy(() -> CedarParser.parseExpression("{a: 1, \"a\": 2}"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("duplicate");
  }

  @Test
  void comments_areIgnored() throws PolicyParseException {
    List<PolicyDef> ps =
        CedarParser.parsePolicies(
            "// one\npermit(principal, // p\n action," + " resource); // end");
    assertThat(ps).hasSize(1);
  }

  @Test
  void nesting_100000Parentheses_failsCleanlyWithoutStackOverflow() {
    String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
    assertThatThrownBy(() -> CedarParser.parseExpression(deep))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("nested deeper");
  }

  @Test
  void chain_100000Additions_failsCleanlyInsteadOfDeepTree() {
    String chain = "1" + " + 1".repeat(100_000);
    assertThatThrownBy(() -> CedarParser.parseExpression(chain))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("higher than");
  }

  @Test
  void input_overSizeLimit_isRejected() {
    String big = " ".repeat(CedarParser.MAX_INPUT_CHARS + 1);
    assertThatThrownBy(() -> PolicySet.parse(big))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("exceeds the limit");
  }

  @Test
  void entityUid_parse_roundTripsThroughToString() {
    EntityUid u = EntityUid.parse("NS::User::\"a\\\"b\"");
    assertThat(u.type()).isEqualTo("NS::User");
    assertThat(u.id()).isEqualTo("a\"b");
    assertThat(EntityUid.parse(u.toString())).isEqualTo(u);
  }

  @Test
  void ids_positionalMode_ignoresIdAnnotationLikeCedarsLibrary() throws PolicyParseException {
    PolicySet s = PolicySet.parseWithPositionalIds("@id(\"named\") " + ANY + ";\n" + ANY + ";");
    assertThat(s.policyIds()).containsExactly("policy0", "policy1");
  }

  @Test
  void ids_defaultMode_useIdAnnotationLikeCedarsCli() throws PolicyParseException {
    PolicySet s = PolicySet.parse("@id(\"named\") " + ANY + ";\n" + ANY + ";");
    assertThat(s.policyIds()).containsExactly("named", "policy1");
  }

  @Test
  void trailingCommas_inListsRecordsAndArguments_areAccepted() throws PolicyParseException {
    assertThat(
            PolicySet.parse(
                    "permit(principal, action, resource,) when { [1, 2,]"
                        + ".contains({a: 1,}.a) && ip(\"127.0.0.1\",).isLoopback() };")
                .size())
        .isEqualTo(1);
  }

  @Test
  void loneComma_inList_isRejected() {
    assertThatThrownBy(() -> CedarParser.parseExpression("[,]"))
        .isInstanceOf(PolicyParseException.class);
  }
}
