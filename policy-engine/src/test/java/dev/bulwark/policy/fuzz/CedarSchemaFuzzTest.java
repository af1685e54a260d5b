/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.Schema;
import dev.bulwark.testkit.InputBudget;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes both schema formats, {@link Schema#parse(String)} ({@link #humanSchema}) and {@link
 * Schema#parseJson(String)} ({@link #jsonSchema}). For each input (UTF-8, at most {@value
 * InputBudget#MAX_INPUT_BYTES} bytes) it checks that parsing ends in a schema or a {@link
 * PolicyParseException}, never another exception, and costs at most {@link InputBudget#limit()}
 * (see there for the bound in each mode).
 */
class CedarSchemaFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void humanSchema(byte[] input) throws Exception {
    if (input.length > InputBudget.MAX_INPUT_BYTES) {
      return;
    }
    String text = new String(input, StandardCharsets.UTF_8);
    InputBudget.within(
        "parsing the schema",
        () -> {
          try {
            Schema.parse(text);
          } catch (PolicyParseException refused) {
            // the documented refusal
          }
        });
  }

  @FuzzTest(maxDuration = "10m")
  void jsonSchema(byte[] input) throws Exception {
    if (input.length > InputBudget.MAX_INPUT_BYTES) {
      return;
    }
    String json = new String(input, StandardCharsets.UTF_8);
    InputBudget.within(
        "parsing the JSON schema",
        () -> {
          try {
            Schema.parseJson(json);
          } catch (PolicyParseException refused) {
            // the documented refusal
          }
        });
  }
}
