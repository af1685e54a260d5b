/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.internal.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scopes under RFC 6749 section 3.3: {@code scope = scope-token *( SP scope-token )}, {@code
 * scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}, in {@code scope}, in an {@code scp} string and in
 * each element of an {@code scp} array. Anything else refuses the token rather than being split or
 * trimmed into scopes the issuer did not write.
 */
class JwtClaimsScopeTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final ClaimsPolicy POLICY =
      new ClaimsPolicy("https://iss.example", Set.of("api"), true, List.of(), "roles");

  private static Map<String, Object> claims(String name, Object value) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "https://iss.example");
    claims.put("sub", "alice");
    claims.put("aud", "api");
    claims.put("exp", NOW / 1000 + 60);
    claims.put(name, value);
    return claims;
  }

  private static Set<String> scopes(String name, Object value) throws Refusal {
    return JwtClaims.check(claims(name, value), POLICY, NOW, 0).scopes();
  }

  private static FailureReason refusal(String name, Object value) {
    try {
      scopes(name, value);
    } catch (Refusal r) {
      return r.reason();
    }
    throw new AssertionError(name + " " + value + " was accepted");
  }

  @Test
  void scope_singleSpaceSeparatedTokens_givesEachToken() throws Refusal {
    assertThat(scopes("scope", "orders:read orders:write"))
        .containsExactlyInAnyOrder("orders:read", "orders:write");
  }

  @Test
  void scope_everyScopeTokenCharacter_isAccepted() throws Refusal {
    // %x21 / %x23-5B / %x5D-7E: all printable ASCII but space, '"' and '\'.
    StringBuilder all = new StringBuilder();
    for (char c = 0x21; c <= 0x7E; c++) {
      if (c != '"' && c != '\\') {
        all.append(c);
      }
    }
    assertThat(scopes("scope", all.toString())).containsExactly(all.toString());
  }

  @Test
  void scope_emptyString_givesNoScopes() throws Refusal {
    // Outside the grammar, but it grants nothing under any reading: kept as no scopes.
    assertThat(scopes("scope", "")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a  b", // two spaces: once read as the scopes a and b
        "a b\tc", // a tab: once gave the scope "b\tc"
        " a", // leading space
        "a ", // trailing space
        " ", // a space alone
        "a\nb", // line feed
        "a\u0000b", // NUL
        "a\u007fb", // DEL
        "a\"b", // quote (%x22)
        "a\\b", // backslash (%x5C)
        "caf\u00e9", // non-ASCII
        "a\u00a0b", // no-break space
        "a\u3000b", // ideographic space
        "\ud83d\ude00", // a supplementary character
      })
  void scope_outsideTheRfc6749Grammar_isRefusedAsMalformed(String scope) {
    assertThat(refusal("scope", scope)).isEqualTo(FailureReason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a  b", "a b\tc", "a ", " a", "a\"b", "caf\u00e9"})
  void scpString_outsideTheRfc6749Grammar_isRefusedAsMalformed(String scp) {
    assertThat(refusal("scp", scp)).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void scpString_singleSpaceSeparatedTokens_givesEachToken() throws Refusal {
    assertThat(scopes("scp", "a b")).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void scpArray_ofScopeTokens_givesEachToken() throws Refusal {
    assertThat(scopes("scp", List.of("orders:read", "orders:write", "orders:read")))
        .containsExactlyInAnyOrder("orders:read", "orders:write");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", " a", "a ", "a\tb", "a\"b", "a\\b", "caf\u00e9", "a\nb"})
  void scpArray_elementOutsideTheScopeTokenGrammar_isRefusedAsMalformed(String element) {
    // An element with a space is two scopes to a reader that joins the array into a string.
    assertThat(refusal("scp", List.of("ok", element))).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void scpArray_nonStringElement_isRefusedAsMalformed() {
    assertThat(refusal("scp", List.of("a", 1L))).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void scope_notAString_isRefusedAsMalformed() {
    assertThat(refusal("scope", List.of("a"))).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void scope_manyTokens_areAllKept() throws Refusal {
    StringBuilder scope = new StringBuilder("s0");
    for (int i = 1; i < 1000; i++) {
      scope.append(' ').append('s').append(i);
    }
    assertThat(scopes("scope", scope.toString())).hasSize(1000).contains("s0", "s999");
  }
}
