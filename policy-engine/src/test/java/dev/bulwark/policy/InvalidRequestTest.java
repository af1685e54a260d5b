/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static dev.bulwark.policy.ValuesSchema.ALICE;
import static dev.bulwark.policy.ValuesSchema.DOC;
import static dev.bulwark.policy.ValuesSchema.VIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Bad request data fails with {@link InvalidRequestException} wherever it is found: while the
 * context is built from values, while it is read from JSON, or when authorize validates it.
 */
class InvalidRequestTest {
  private static final Schema SCHEMA = ValuesSchema.schema();
  private static final PolicyEngine ENGINE = engine();

  private static PolicyEngine engine() {
    try {
      return PolicyEngine.builder()
          .policies(PolicySet.parse("permit(principal, action, resource);"))
          .schema(SCHEMA)
          .build();
    } catch (PolicyParseException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void undeclaredContextAttribute_fromValues_isAnInvalidRequest() {
    assertThatThrownBy(
            () ->
                Context.builder(SCHEMA, VIEW)
                    .put("ip", "10.0.0.1")
                    .put("mfa", true)
                    .put("extra", 1L)
                    .build())
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void undeclaredContextAttribute_fromJson_isAnInvalidRequest() {
    assertThatThrownBy(
            () -> Context.fromJson("{\"ip\":\"10.0.0.1\",\"mfa\":true,\"extra\":1}", SCHEMA, VIEW))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("extra");
  }

  @Test
  void undeclaredContextAttribute_inAuthorize_isAnInvalidRequest() {
    Context c =
        Context.builder().putIpaddr("ip", "10.0.0.1").put("mfa", true).put("extra", 1L).build();
    assertThatThrownBy(() -> ENGINE.authorize(Request.of(ALICE, VIEW, DOC, c)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("extra");
  }

  @Test
  void badIpaddr_fromValues_isAnInvalidRequest() {
    assertThatThrownBy(() -> Context.builder(SCHEMA, VIEW).put("ip", "10.0.0.256"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("ip");
  }

  @Test
  void badIpaddr_fromJson_isAnInvalidRequest() {
    assertThatThrownBy(() -> Context.fromJson("{\"ip\":\"10.0.0.256\",\"mfa\":true}", SCHEMA, VIEW))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("ip");
  }

  @Test
  void contextThatDoesNotParse_isAnInvalidRequestCarryingThePosition() {
    assertThatThrownBy(() -> Context.fromJson("{\"a\":"))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(((PolicyParseException) e.getCause()).line()).isEqualTo(1));
  }

  @Test
  void unknownAction_fromValues_isAnInvalidRequest() {
    assertThatThrownBy(() -> Context.builder(SCHEMA, EntityUid.of("Action", "nope")))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void unknownAction_fromJson_isAnInvalidRequest() {
    assertThatThrownBy(() -> Context.fromJson("{}", SCHEMA, EntityUid.of("Action", "nope")))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void unknownAction_inAuthorize_isAnInvalidRequest() {
    assertThatThrownBy(
            () -> ENGINE.authorize(Request.of(ALICE, EntityUid.of("Action", "nope"), DOC)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void principalOfTheWrongType_inAuthorize_isAnInvalidRequest() {
    Context c = Context.builder(SCHEMA, VIEW).put("ip", "10.0.0.1").put("mfa", true).build();
    assertThatThrownBy(() -> ENGINE.authorize(Request.of(DOC, VIEW, DOC, c)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("principal");
  }

  @Test
  void invalidRequest_isAnIllegalArgument_asAuthorizeThrewBefore() {
    assertThat(new InvalidRequestException("x")).isInstanceOf(IllegalArgumentException.class);
  }
}
