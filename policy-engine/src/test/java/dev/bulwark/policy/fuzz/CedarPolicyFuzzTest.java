/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.PolicySet;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the Cedar policy parsers, {@link PolicySet#parse(String)} ({@link #policyText}) and
 * {@link PolicySet#parseJson(String)} ({@link #policyJson}), and evaluates every policy set that
 * parses against fixed requests ({@link Fixtures#decideAll}).
 *
 * <p>For each input (UTF-8, at most {@value InputBudget#MAX_INPUT_BYTES} bytes) it checks that
 * parsing ends in a policy set or a {@link PolicyParseException}, that evaluation throws nothing
 * (a policy's runtime error belongs in the decision's errors), and that parsing plus evaluation
 * cost at most {@link InputBudget#limit()}: 100 ms while fuzzing, 2 s when replayed by {@code
 * ./mvnw verify}.
 */
class CedarPolicyFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void policyText(byte[] input) throws Exception {
    if (input.length > InputBudget.MAX_INPUT_BYTES) {
      return;
    }
    String text = new String(input, StandardCharsets.UTF_8);
    InputBudget.within("parsing and evaluating the policy text", () -> {
      PolicySet set;
      try {
        set = PolicySet.parse(text);
      } catch (PolicyParseException refused) {
        return;
      }
      Fixtures.decideAll(set, Fixtures.entities(), Fixtures.context());
    });
  }

  @FuzzTest(maxDuration = "10m")
  void policyJson(byte[] input) throws Exception {
    if (input.length > InputBudget.MAX_INPUT_BYTES) {
      return;
    }
    String json = new String(input, StandardCharsets.UTF_8);
    InputBudget.within("parsing and evaluating the JSON policy set", () -> {
      PolicySet set;
      try {
        set = PolicySet.parseJson(json);
      } catch (PolicyParseException refused) {
        return;
      }
      Fixtures.decideAll(set, Fixtures.entities(), Fixtures.context());
    });
  }
}
