/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Schema;
import dev.bulwark.policy.ValidationResult;
import dev.bulwark.testkit.InputBudget;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the Cedar policy parsers, {@link PolicySet#parse(String)} ({@link #policyText}) and {@link
 * PolicySet#parseJson(String)} ({@link #policyJson}), and evaluates every policy set that parses
 * against fixed requests ({@link Fixtures#decideAll}); and the validator ({@link
 * #policyTextValidated}), which checks every policy text that parses against a fixed schema, at no
 * level and at levels 0 to 3.
 *
 * <p>For each input (UTF-8, at most {@value InputBudget#MAX_INPUT_BYTES} bytes) it checks that
 * parsing ends in a policy set or a {@link PolicyParseException}, that evaluation throws nothing (a
 * policy's runtime error belongs in the decision's errors), that validation throws nothing (a
 * policy it cannot judge is one of its errors), and that each input costs at most {@link
 * InputBudget#limit()}.
 */
class CedarPolicyFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void policyText(byte[] input) throws Exception {
    if (input.length > InputBudget.MAX_INPUT_BYTES) {
      return;
    }
    String text = new String(input, StandardCharsets.UTF_8);
    InputBudget.within(
        "parsing and evaluating the policy text",
        () -> {
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
    InputBudget.within(
        "parsing and evaluating the JSON policy set",
        () -> {
          PolicySet set;
          try {
            set = PolicySet.parseJson(json);
          } catch (PolicyParseException refused) {
            return;
          }
          Fixtures.decideAll(set, Fixtures.entities(), Fixtures.context());
        });
  }

  @FuzzTest(maxDuration = "10m")
  void policyTextValidated(byte[] input) throws Exception {
    if (input.length > InputBudget.MAX_INPUT_BYTES) {
      return;
    }
    String text = new String(input, StandardCharsets.UTF_8);
    InputBudget.within(
        "parsing and validating the policy text",
        () -> {
          PolicySet set;
          try {
            set = PolicySet.parse(text);
          } catch (PolicyParseException refused) {
            return;
          }
          Schema schema = Fixtures.schema();
          ValidationResult strict = schema.validate(set);
          if (strict.isValid() != strict.errors().isEmpty()) {
            throw new AssertionError("isValid() disagrees with errors(): " + strict);
          }
          for (int level = 0; level <= 3; level++) {
            schema.validate(set, level);
          }
        });
  }
}
