/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.policy.Context;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.InvalidRequestException;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.testkit.InputBudget;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the entity JSON reader, {@link InMemoryEntityStore#fromJson(String,
 * dev.bulwark.policy.Schema)} ({@link #entitiesJson}), and the context JSON reader, {@link
 * Context#fromJson(String, dev.bulwark.policy.Schema, dev.bulwark.policy.EntityUid)} ({@link
 * #contextJson}), each without and with the fixed schema ({@link Fixtures}), and evaluates the
 * fixed policies against what parses.
 *
 * <p>For each input (UTF-8, at most {@value InputBudget#MAX_INPUT_BYTES} bytes) it checks that
 * reading ends in a store or a {@link PolicyParseException}, or in a context or an {@link
 * InvalidRequestException} (what {@code Context.fromJson} documents), that evaluation throws
 * nothing, and that all of it costs at most {@link InputBudget#limit()}.
 */
class CedarDataFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void entitiesJson(byte[] input) throws Exception {
    if (input.length > InputBudget.MAX_INPUT_BYTES) {
      return;
    }
    String json = new String(input, StandardCharsets.UTF_8);
    InputBudget.within(
        "reading the entities and evaluating",
        () -> {
          for (boolean withSchema : new boolean[] {false, true}) {
            InMemoryEntityStore store;
            try {
              store = InMemoryEntityStore.fromJson(json, withSchema ? Fixtures.schema() : null);
            } catch (PolicyParseException refused) {
              continue;
            }
            Fixtures.decideAll(Fixtures.policies(), store, Fixtures.context());
          }
        });
  }

  @FuzzTest(maxDuration = "10m")
  void contextJson(byte[] input) throws Exception {
    if (input.length > InputBudget.MAX_INPUT_BYTES) {
      return;
    }
    String json = new String(input, StandardCharsets.UTF_8);
    InputBudget.within(
        "reading the context and evaluating",
        () -> {
          for (boolean withSchema : new boolean[] {false, true}) {
            Context context;
            try {
              context =
                  withSchema
                      ? Context.fromJson(json, Fixtures.schema(), Fixtures.VIEW)
                      : Context.fromJson(json);
            } catch (InvalidRequestException refused) {
              continue;
            }
            Fixtures.decideAll(Fixtures.policies(), Fixtures.entities(), context);
          }
        });
  }
}
