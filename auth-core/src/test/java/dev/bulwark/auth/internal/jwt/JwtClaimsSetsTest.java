/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.auth.Principal;
import dev.bulwark.auth.internal.Refusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The principal's sets (audiences, scopes, roles) that {@link JwtClaims#check} builds directly as
 * immutable sets: duplicates in the token collapse, and the sets cannot be changed.
 */
class JwtClaimsSetsTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final ClaimsPolicy POLICY =
      new ClaimsPolicy("https://iss.example", Set.of("api"), true, List.of(), "roles");

  private static Principal check(String name, Object value) throws Refusal {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "https://iss.example");
    claims.put("sub", "alice");
    claims.put("aud", name.equals("aud") ? value : "api");
    claims.put("exp", NOW / 1000 + 60);
    if (!name.equals("aud")) {
      claims.put(name, value);
    }
    return JwtClaims.check(claims, POLICY, NOW, 0);
  }

  @Test
  void check_scopeStringWithRepeats_givesEachScopeOnce() throws Refusal {
    // Double and trailing spaces are outside RFC 6749's scope grammar: see JwtClaimsScopeTest.
    assertThat(check("scope", "a b a b c").scopes()).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void check_moreScopesThanThePairwiseLimitWithRepeats_givesEachScopeOnce() throws Refusal {
    StringBuilder scope = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      scope.append(i == 0 ? "" : " ").append("s").append(i % 37);
    }
    assertThat(check("scope", scope.toString()).scopes()).hasSize(37).contains("s0", "s36");
  }

  @Test
  void check_audienceArrayWithRepeats_givesEachAudienceOnce() throws Refusal {
    assertThat(check("aud", List.of("api", "other", "api")).audiences())
        .containsExactlyInAnyOrder("api", "other");
  }

  @Test
  void check_rolesArrayWithRepeatsBeyondThePairwiseLimit_givesEachRoleOnce() throws Refusal {
    List<String> roles = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      roles.add("r" + (i % 20));
    }
    assertThat(check("roles", roles).roles()).hasSize(20).contains("r0", "r19");
  }

  @Test
  void check_scopesOfThePrincipal_areUnmodifiable() throws Refusal {
    Set<String> scopes = check("scope", "a b c").scopes();
    assertThatThrownBy(() -> scopes.add("admin")).isInstanceOf(UnsupportedOperationException.class);
  }

  /**
   * 2^17 distinct roles sharing one {@code String.hashCode} (blocks of "Aa" and "BB"): a set that
   * probes linearly, as {@code Set.copyOf}'s does, takes minutes to build from them; the claims and
   * the principal build theirs in milliseconds. Only a token its issuer signed reaches this step,
   * with a raised token-length limit; the bound still holds.
   */
  @Test
  void check_rolesWithCollidingHashCodes_buildsTheSetInNearLinearTime() {
    List<String> roles = new ArrayList<>();
    for (int i = 0; i < 1 << 17; i++) {
      StringBuilder b = new StringBuilder();
      for (int bit = 0; bit < 17; bit++) {
        b.append((i >>> bit & 1) == 0 ? "Aa" : "BB");
      }
      roles.add(b.toString());
    }
    assertThat(roles.get(1).hashCode()).isEqualTo(roles.get(0).hashCode());
    Principal p = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> check("roles", roles));
    assertThat(p.roles()).hasSize(1 << 17).contains(roles.get(12_345));
  }
}
