/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.policy.Context;
import dev.bulwark.policy.Decision;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PatternTest {

  /** Builds a pattern from text in which {@code *} is a wildcard (no escapes). */
  private static Pattern pattern(String glob) {
    List<String> elems = new ArrayList<>();
    for (char c : glob.toCharArray()) {
      elems.add(c == '*' ? null : String.valueOf(c));
    }
    return new Pattern(elems, glob);
  }

  /** Reference matcher: dynamic programming over (pattern, string) positions. */
  private static boolean reference(String glob, String s) {
    boolean[] row = new boolean[s.length() + 1];
    row[0] = true;
    for (int i = 0; i < glob.length(); i++) {
      boolean[] next = new boolean[s.length() + 1];
      char g = glob.charAt(i);
      for (int j = 0; j <= s.length(); j++) {
        if (g == '*') {
          next[j] = row[j] || (j > 0 && next[j - 1]);
        } else {
          next[j] = j > 0 && row[j - 1] && s.charAt(j - 1) == g;
        }
      }
      row = next;
    }
    return row[s.length()];
  }

  @Test
  void matches_randomPatternsWithShortAndLongSegments_agreesWithReference() {
    Random rnd = new Random(42);
    for (int n = 0; n < 20_000; n++) {
      // Two letters make repeats and near-misses likely; lengths cross SHORT_SEGMENT.
      StringBuilder g = new StringBuilder();
      int glen = rnd.nextInt(3 * Pattern.SHORT_SEGMENT);
      for (int i = 0; i < glen; i++) {
        int r = rnd.nextInt(10);
        g.append(r == 0 ? '*' : r < 6 ? 'a' : 'b');
      }
      StringBuilder s = new StringBuilder();
      int slen = rnd.nextInt(4 * Pattern.SHORT_SEGMENT);
      for (int i = 0; i < slen; i++) {
        s.append(rnd.nextInt(3) == 0 ? 'b' : 'a');
      }
      assertThat(pattern(g.toString()).matches(s.toString()))
          .as("%s like %s", s, g)
          .isEqualTo(reference(g.toString(), s.toString()));
    }
  }

  @Test
  void matches_longSegmentNearMissesEverywhere_isFoundOnlyWhereItOccurs() {
    String seg = "a".repeat(3 * Pattern.SHORT_SEGMENT) + "b";
    assertThat(pattern("*" + seg + "*").matches("a".repeat(500) + "b" + "a".repeat(5))).isTrue();
    assertThat(pattern("*" + seg + "*").matches("a".repeat(500))).isFalse();
    assertThat(pattern("*" + seg).matches("a".repeat(500) + "b")).isTrue();
    assertThat(pattern(seg + "*").matches("a".repeat(3 * Pattern.SHORT_SEGMENT) + "bxyz")).isTrue();
  }

  @Test
  void matches_middleSegmentOverlappingTheAnchoredSuffix_isNoMatch() {
    // The middle segment may not reuse the chars of the last segment.
    String seg = "x".repeat(2 * Pattern.SHORT_SEGMENT);
    assertThat(pattern("*" + seg + "*" + seg).matches(seg)).isFalse();
    assertThat(pattern("*" + seg + "*" + seg).matches(seg + seg)).isTrue();
  }

  @Test
  void matches_escapedStarInPolicyText_isALiteralStar() throws Exception {
    PolicySet ps =
        PolicySet.parse(
            "permit(principal, action, resource) when { context.s like \"*"
                + "a".repeat(40)
                + "\\**\" };");
    PolicyEngine engine = PolicyEngine.builder().policies(ps).build();
    assertThat(decide(engine, "x" + "a".repeat(40) + "*y").isAllowed()).isTrue();
    assertThat(decide(engine, "x" + "a".repeat(40) + "y").isAllowed()).isFalse();
  }

  @Test
  void matches_longNearMissSegmentAgainstLongString_endsWithinSeconds() throws Exception {
    // The quadratic case for a naive substring search: "*a…ab*" against "a…a". A linear search
    // takes milliseconds; a quadratic one tens of seconds.
    int n = 200_000;
    PolicySet ps =
        PolicySet.parse(
            "permit(principal, action, resource) when { context.s like \"*"
                + "a".repeat(n)
                + "b*\" };");
    PolicyEngine engine = PolicyEngine.builder().policies(ps).build();
    String s = "a".repeat(2 * n);
    Decision d = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> decide(engine, s));
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.errors()).isEmpty();
  }

  private static Decision decide(PolicyEngine engine, String s) throws Exception {
    String json = "{\"s\":\"" + s + "\"}";
    return engine.authorize(
        Request.of(
            EntityUid.of("U", "p"),
            EntityUid.of("Action", "a"),
            EntityUid.of("U", "r"),
            Context.fromJson(json)));
  }

  @Test
  void toString_isTheSource() {
    assertThat(pattern("a*b").toString()).isEqualTo("a*b");
  }
}
