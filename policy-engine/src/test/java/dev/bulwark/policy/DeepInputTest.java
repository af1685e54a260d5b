/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.internal.parse.CedarParser;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Deep input on threads with small stacks: every parser either parses or throws its own {@link
 * PolicyParseException}, never a {@link StackOverflowError}; evaluation errors the policy.
 */
class DeepInputTest {

  /** A stack a host may well give its worker threads; far too small for the nesting limits. */
  private static final long SMALL_STACK = 128 * 1024;

  /** Large enough for every documented limit, even in the interpreter. */
  private static final long LARGE_STACK = 64L * 1024 * 1024;

  private static final String HEAD = "permit(principal, action, resource) when { ";

  /** A parse or evaluation, run on a thread of its own. */
  @FunctionalInterface
  interface Call {
    Object run() throws Exception;
  }

  /** Runs the call on a new thread with the given stack; returns what it threw, or null. */
  private static Throwable onStack(long stack, Call call) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                call.run();
              } catch (Throwable e) {
                thrown.set(e);
              }
            },
            "small-stack",
            stack);
    t.start();
    t.join();
    return thrown.get();
  }

  /** Asserts the parse succeeds or fails with a parse error, on a small stack. */
  private static void parsesOrRefuses(Call call) throws InterruptedException {
    Throwable e = onStack(SMALL_STACK, call);
    if (e != null) {
      assertThat(e).isInstanceOf(PolicyParseException.class);
    }
  }

  /** Asserts the context is built or refused as bad request data, on a small stack. */
  private static void acceptsOrRefusesRequest(Call call) throws InterruptedException {
    Throwable e = onStack(SMALL_STACK, call);
    if (e != null) {
      assertThat(e).isInstanceOf(InvalidRequestException.class);
    }
  }

  private static String nest(int depth, String open, String leaf, String close) {
    return open.repeat(depth) + leaf + close.repeat(depth);
  }

  private static String policy(String condition) {
    return HEAD + condition + " };";
  }

  @Test
  void policyText_nestedParenthesesOnSmallStack_isAParseErrorNamingTheLimit() throws Exception {
    Throwable e = onStack(SMALL_STACK, () -> PolicySet.parse(policy(nest(99, "(", "true", ")"))));
    assertThat(e)
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("nested too deeply")
        .hasMessageContaining("nesting is limited to " + CedarParser.MAX_NESTING);
  }

  @Test
  void policyText_parenthesesAtTheLimit_parseOnALargeStack() throws Exception {
    // One parenthesis is one level: 200 nest, 201 do not.
    assertThat(
            onStack(
                LARGE_STACK,
                () -> PolicySet.parse(policy(nest(CedarParser.MAX_NESTING, "(", "true", ")")))))
        .isNull();
    assertThat(
            onStack(
                LARGE_STACK,
                () -> PolicySet.parse(policy(nest(CedarParser.MAX_NESTING + 1, "(", "true", ")")))))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("nested deeper than " + CedarParser.MAX_NESTING);
  }

  @Test
  void policyText_deepSetsRecordsCallsAndIfs_neverOverflowASmallStack() throws Exception {
    for (int d : new int[] {50, 150, CedarParser.MAX_NESTING, CedarParser.MAX_NESTING + 1}) {
      parsesOrRefuses(() -> PolicySet.parse(policy(nest(d, "[", "1", "]"))));
      parsesOrRefuses(() -> PolicySet.parse(policy(nest(d, "{a:", "1", "}"))));
      parsesOrRefuses(() -> PolicySet.parse(policy(nest(d, "ip(", "\"1.2.3.4\"", ")"))));
      parsesOrRefuses(() -> PolicySet.parse(policy(nest(d, "!(", "true", ")"))));
      parsesOrRefuses(
          () -> PolicySet.parse(policy(nest(d, "if true then ", "true", " else false"))));
      parsesOrRefuses(
          () -> PolicySet.parse(policy(nest(d, "if ", "true", " then true else false"))));
      parsesOrRefuses(() -> PolicySet.parseWithPositionalIds(policy(nest(d, "(", "1", ")"))));
    }
  }

  @Test
  void policyText_longChainsOnSmallStack_neverOverflow() throws Exception {
    parsesOrRefuses(() -> PolicySet.parse(policy("!".repeat(10_000) + "true")));
    parsesOrRefuses(() -> PolicySet.parse(policy("- ".repeat(10_000) + "1 == 1")));
    parsesOrRefuses(() -> PolicySet.parse(policy("context" + ".a".repeat(998) + " == 1")));
    parsesOrRefuses(() -> PolicySet.parse(policy("context" + ".a".repeat(5_000) + " == 1")));
    parsesOrRefuses(() -> PolicySet.parse(policy("1" + " + 1".repeat(998) + " == 1")));
  }

  @Test
  void policyJson_deepJsonAndExpressionsOnSmallStack_neverOverflow() throws Exception {
    for (int d : new int[] {100, 255, 512, 513}) {
      parsesOrRefuses(() -> PolicySet.parseJson(nest(d, "[", "1", "]")));
      parsesOrRefuses(() -> PolicySet.parseJson(nest(d, "{\"a\":", "1", "}")));
    }
    for (int d : new int[] {100, CedarParser.MAX_NESTING, CedarParser.MAX_NESTING + 1}) {
      String body = nest(d, "{\"!\":{\"arg\":", "{\"Value\":true}", "}}");
      parsesOrRefuses(
          () ->
              PolicySet.parseJson(
                  "{\"effect\":\"permit\","
                      + "\"principal\":{\"op\":\"All\"},\"action\":{\"op\":\"All\"},"
                      + "\"resource\":{\"op\":\"All\"},\"conditions\":[{\"kind\":\"when\",\"body\":"
                      + body
                      + "}]}"));
    }
  }

  @Test
  void contextJson_depth255OnSmallStack_isAnInvalidRequestNamingTheLimit() throws Exception {
    // A context is request data: it fails as authorize fails for a request that does not conform.
    Throwable e = onStack(SMALL_STACK, () -> Context.fromJson(nest(255, "{\"a\":", "1", "}")));
    assertThat(e)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("nested too deeply")
        .hasMessageContaining("512");
  }

  @Test
  void contextJson_deepArraysAndObjectsOnSmallStack_neverOverflow() throws Exception {
    for (int d : new int[] {100, 256, 257, 512, 513}) {
      acceptsOrRefusesRequest(() -> Context.fromJson("{\"a\":" + nest(d - 1, "[", "1", "]") + "}"));
      acceptsOrRefusesRequest(() -> Context.fromJson(nest(d, "{\"a\":", "1", "}")));
    }
  }

  @Test
  void entityJson_deepAttributesOnSmallStack_neverOverflow() throws Exception {
    for (int d : new int[] {100, 256, 509, 600}) {
      String entity =
          "{\"uid\":{\"type\":\"U\",\"id\":\"a\"},\"parents\":[],\"attrs\":{\"x\":"
              + nest(d, "{\"a\":", "1", "}")
              + "}}";
      parsesOrRefuses(() -> InMemoryEntityStore.fromJson("[" + entity + "]"));
      parsesOrRefuses(() -> Entity.fromJson(entity));
    }
  }

  @Test
  void schema_deepJsonAndTypesOnSmallStack_neverOverflow() throws Exception {
    for (int d : new int[] {100, 129, 512, 513}) {
      parsesOrRefuses(() -> Schema.parseJson(nest(d, "{\"a\":", "1", "}")));
      parsesOrRefuses(
          () ->
              Schema.parseJson(
                  "{\"\":{\"entityTypes\":{\"U\":{\"shape\":"
                      + nest(d, "{\"type\":\"Set\",\"element\":", "{\"type\":\"Long\"}", "}")
                      + "}},\"actions\":{}}}"));
      parsesOrRefuses(() -> Schema.parse("entity U { a: " + nest(d, "Set<", "Long", ">") + " };"));
      parsesOrRefuses(() -> Schema.parse("entity U { a: " + nest(d, "{b: ", "Long", "}") + " };"));
    }
  }

  @Test
  void evaluation_expressionAtTheHeightLimitOnSmallStack_errorsThePolicy() throws Exception {
    // Parsed on a large stack, decided on a small one: the overflow must stay inside the
    // authorizer as an error of that policy, and the forbid beside it must still apply.
    AtomicReference<PolicyEngine> engine = new AtomicReference<>();
    assertThat(
            onStack(
                LARGE_STACK,
                () -> {
                  engine.set(
                      PolicyEngine.builder()
                          .policies(
                              PolicySet.parse(
                                  policy("1" + " + 1".repeat(CedarParser.MAX_HEIGHT - 3) + " > 0")
                                      + "\n"
                                      + policy("context.x")))
                          .build());
                  return null;
                }))
        .isNull();
    AtomicReference<Decision> decision = new AtomicReference<>();
    Throwable e =
        onStack(
            SMALL_STACK,
            () -> {
              decision.set(
                  engine
                      .get()
                      .authorize(
                          Request.of(
                              EntityUid.of("U", "p"),
                              EntityUid.of("Action", "a"),
                              EntityUid.of("U", "r"),
                              Context.fromJson("{\"x\":true}"))));
              return null;
            });
    assertThat(e).isNull();
    assertThat(decision.get().errors()).isNotEmpty();
  }

  @Test
  void evaluation_deepContextValueComparedOnSmallStack_neverOverflows() throws Exception {
    AtomicReference<Request> request = new AtomicReference<>();
    AtomicReference<PolicyEngine> engine = new AtomicReference<>();
    assertThat(
            onStack(
                LARGE_STACK,
                () -> {
                  String v = nest(250, "{\"a\":", "1", "}");
                  request.set(
                      Request.of(
                          EntityUid.of("U", "p"),
                          EntityUid.of("Action", "a"),
                          EntityUid.of("U", "r"),
                          Context.fromJson("{\"x\":" + v + ",\"y\":" + v + "}")));
                  engine.set(
                      PolicyEngine.builder()
                          .policies(PolicySet.parse(policy("context.x == context.y")))
                          .build());
                  return null;
                }))
        .isNull();
    assertThat(onStack(SMALL_STACK, () -> engine.get().authorize(request.get()))).isNull();
  }

  @Test
  void parse_deepInputOnSmallStack_leavesTheParserUsable() throws Exception {
    parsesOrRefuses(() -> PolicySet.parse(policy(nest(150, "(", "true", ")"))));
    assertThatThrownBy(() -> PolicySet.parse(policy("("))).isInstanceOf(PolicyParseException.class);
    assertThat(PolicySet.parse(policy("(((true)))")).size()).isEqualTo(1);
  }
}
