/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static dev.bulwark.policy.Fixtures.when;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cedar's evaluation rules, one per test, checked through a permit policy's outcome. */
class EvaluationSemanticsTest {

  @Test
  void addition_overflow_isError() {
    assertThat(when("9223372036854775807 + 1 == 0")).isEqualTo("error");
  }

  @Test
  void multiplication_overflow_isError() {
    assertThat(when("4611686018427387904 * 2 == 0")).isEqualTo("error");
  }

  @Test
  void negation_ofMinLong_isError() {
    assertThat(when("-(-9223372036854775808) == 0")).isEqualTo("error");
  }

  @Test
  void minLongLiteral_parsesAndCompares() {
    assertThat(when("-9223372036854775808 < -9223372036854775807")).isEqualTo("allow");
  }

  @Test
  void equality_betweenDifferentTypes_isFalseNotError() {
    assertThat(when("1 == \"1\"")).isEqualTo("deny");
  }

  @Test
  void lessThan_onStrings_isError() {
    assertThat(when("\"a\" < \"b\"")).isEqualTo("error");
  }

  @Test
  void and_withFalseLeft_shortCircuitsRightError() {
    assertThat(when("false && (1 + \"x\" == 2)")).isEqualTo("deny");
  }

  @Test
  void or_withTrueLeft_shortCircuitsRightError() {
    assertThat(when("true || (1 + \"x\" == 2)")).isEqualTo("allow");
  }

  @Test
  void and_withNonBooleanRight_isError() {
    assertThat(when("true && 1")).isEqualTo("error");
  }

  @Test
  void ifThenElse_evaluatesOnlyTheTakenBranch() {
    assertThat(when("if true then true else (1 + \"x\" == 2)")).isEqualTo("allow");
  }

  @Test
  void condition_nonBoolean_isError() {
    assertThat(when("42")).isEqualTo("error");
  }

  @Test
  void attribute_missingOnEntity_isError() {
    assertThat(when("principal.height == 1")).isEqualTo("error");
  }

  @Test
  void attribute_onEntityNotInStore_isError() {
    assertThat(when("User::\"nobody\".age == 1")).isEqualTo("error");
  }

  @Test
  void has_onEntityNotInStore_isFalse() {
    assertThat(when("User::\"nobody\" has age")).isEqualTo("deny");
  }

  @Test
  void in_withEntityNotInStore_isEqualityOnly() {
    assertThat(when("User::\"nobody\" in Group::\"staff\"")).isEqualTo("deny");
  }

  @Test
  void in_followsTransitiveAncestors() {
    assertThat(when("principal in Group::\"everyone\"")).isEqualTo("allow");
  }

  @Test
  void in_setWithNonEntityElement_isErrorEvenIfAnotherMatches() {
    assertThat(when("principal in [Group::\"staff\", 1]")).isEqualTo("error");
  }

  @Test
  void in_withNonEntityLeft_isError() {
    assertThat(when("1 in Group::\"staff\"")).isEqualTo("error");
  }

  @Test
  void nestedHas_desugarsToEachStep() {
    assertThat(when("principal has address.city && principal.address.city == \"Paris\""))
        .isEqualTo("allow");
  }

  @Test
  void nestedHas_missingIntermediate_isFalse() {
    assertThat(when("principal has nothing.city")).isEqualTo("deny");
  }

  @Test
  void record_missingAttribute_isError() {
    assertThat(when("{a: 1}.b == 1")).isEqualTo("error");
  }

  @Test
  void like_wildcardMatches() {
    assertThat(when("\"photo.jpg\" like \"*.jpg\"")).isEqualTo("allow");
  }

  @Test
  void like_escapedStar_matchesOnlyAStar() {
    assertThat(when("\"a*b\" like \"a\\*b\" && !(\"axb\" like \"a\\*b\")")).isEqualTo("allow");
  }

  @Test
  void like_onNonString_isError() {
    assertThat(when("1 like \"*\"")).isEqualTo("error");
  }

  @Test
  void contains_onNonSet_isError() {
    assertThat(when("\"abc\".contains(\"a\")")).isEqualTo("error");
  }

  @Test
  void setMethods_followSetSemantics() {
    assertThat(
            when(
                "[1,2,3].containsAll([3,1]) && [1,2].containsAny([2,9]) && [].isEmpty()"
                    + " && [1,1] == [1]"))
        .isEqualTo("allow");
  }

  @Test
  void getTag_missingTag_isError() {
    assertThat(when("principal.getTag(\"nope\") == \"x\"")).isEqualTo("error");
  }

  @Test
  void tags_presentTag_isReadable() {
    assertThat(
            when(
                "principal.hasTag(\"clearance\") && principal.getTag(\"clearance\") =="
                    + " \"secret\""))
        .isEqualTo("allow");
  }

  @Test
  void hasTag_onEntityNotInStore_isFalse() {
    assertThat(when("User::\"nobody\".hasTag(\"x\")")).isEqualTo("deny");
  }

  @Test
  void is_comparesEntityType() {
    assertThat(when("principal is User && !(resource is User)")).isEqualTo("allow");
  }

  @Test
  void is_onNonEntity_isError() {
    assertThat(when("1 is User")).isEqualTo("error");
  }

  @Test
  void entityAttribute_entityValue_isDereferenceable() {
    assertThat(when("resource.owner == principal && principal.manager == User::\"bob\""))
        .isEqualTo("allow");
  }

  @Test
  void ipExtension_rangeCheck() {
    assertThat(when("principal.ip.isInRange(ip(\"10.0.0.0/24\"))")).isEqualTo("allow");
  }

  @Test
  void ipExtension_badLiteral_isError() {
    assertThat(when("ip(\"not an ip\").isIpv4()")).isEqualTo("error");
  }

  @Test
  void extensionCall_wrongArity_isEvaluationError() {
    assertThat(when("ip(\"1.2.3.4\", \"x\").isIpv4()")).isEqualTo("error");
  }

  @Test
  void extensionMethod_receiverOfWrongTypeFromContext_isTypeError() {
    Decision d =
        Fixtures.decide(
            "permit(principal, action, resource) when {" + " context.s.isLoopback() };",
            "{\"s\": \"127.0.0.1\"}");
    assertThat(d.errors()).hasSize(1);
    assertThat(d.errors().get(0).message()).contains("isLoopback expects ipaddr, got string");
  }

  @Test
  void extensionCall_wrongArityWithContextArguments_isError() {
    Decision d =
        Fixtures.decide(
            "permit(principal, action, resource) when {" + " ip(context.s, context.s).isIpv4() };",
            "{\"s\": \"127.0.0.1\"}");
    assertThat(d.errors()).hasSize(1);
    assertThat(d.errors().get(0).message()).contains("ip takes 1 arguments, got 2");
  }

  @Test
  void extensionMethod_bothArgumentsFromContext_compares() {
    Decision d =
        Fixtures.decide(
            "permit(principal, action, resource) when {"
                + " context.a.lessThan(context.b) && !context.b.lessThan(context.a) };",
            "{\"a\": {\"__extn\": {\"fn\": \"decimal\", \"arg\": \"1.5\"}},"
                + " \"b\": {\"__extn\": {\"fn\": \"decimal\", \"arg\": \"2.25\"}}}");
    assertThat(d.isAllowed()).isTrue();
  }

  @Test
  void extensionMethod_badArgumentFromContext_isExtensionError() {
    Decision d =
        Fixtures.decide(
            "permit(principal, action, resource) when {"
                + " decimal(context.s).lessThan(decimal(\"1.0\")) };",
            "{\"s\": \"1.23456\"}");
    assertThat(d.errors()).hasSize(1);
  }

  @Test
  void decimalExtension_compares() {
    assertThat(when("decimal(\"1.5\").lessThan(decimal(\"2.25\"))")).isEqualTo("allow");
  }

  @Test
  void datetime_supportsLessThanOperator() {
    assertThat(when("datetime(\"2024-01-01\") < datetime(\"2024-01-02\")")).isEqualTo("allow");
  }

  @Test
  void decimal_doesNotSupportLessThanOperator() {
    assertThat(when("decimal(\"1.0\") < decimal(\"2.0\")")).isEqualTo("error");
  }

  @Test
  void context_valuesAreReadable() {
    Decision d =
        Fixtures.decide(
            "permit(principal, action, resource) when {"
                + " context.level >= 3 && context.src.isLoopback() };",
            "{\"level\": 3, \"src\": {\"__extn\": {\"fn\": \"ip\", \"arg\": \"127.0.0.1\"}}}");
    assertThat(d.isAllowed()).isTrue();
  }

  private static String tallestCondition() {
    // `1 + 1 + ...` is left-deep: n additions under `==` give a tree of height n + 2.
    int additions = dev.bulwark.policy.internal.parse.CedarParser.MAX_HEIGHT - 2;
    return "1" + " + 1".repeat(additions) + " == " + (additions + 1);
  }

  private static Object decideOnThread(PolicyEngine e, long stackBytes) throws Exception {
    Object[] result = new Object[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result[0] = e.authorize(Request.of(Fixtures.ALICE, Fixtures.VIEW, Fixtures.PHOTO));
              } catch (Throwable x) {
                result[0] = x;
              }
            },
            "stack-" + stackBytes,
            stackBytes);
    t.start();
    t.join();
    return result[0];
  }

  @Test
  void evaluation_ofTallestAcceptedTree_succeedsOnA4MiBStack() throws Exception {
    PolicyEngine e =
        PolicyEngine.builder()
            .policies(
                PolicySet.parse(
                    "permit(principal, action, resource) when { " + tallestCondition() + " };"))
            .build();
    Object r = decideOnThread(e, 4L << 20);
    assertThat(r).isInstanceOf(Decision.class);
    assertThat(((Decision) r).isAllowed()).isTrue();
  }

  @Test
  void evaluation_onTooSmallStack_isAPolicyErrorNotACrash() throws Exception {
    PolicyEngine e =
        PolicyEngine.builder()
            .policies(
                PolicySet.parse(
                    "permit(principal, action, resource) when { " + tallestCondition() + " };"))
            .build();
    Object r = decideOnThread(e, 64L << 10);
    assertThat(r).isInstanceOf(Decision.class);
    Decision d = (Decision) r;
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.errors())
        .extracting(Decision.PolicyError::message)
        .containsExactly("evaluation exceeded the thread's stack: expression too deep");
  }
}
