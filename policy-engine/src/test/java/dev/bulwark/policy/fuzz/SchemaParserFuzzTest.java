/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.fuzz;

import static org.assertj.core.api.Assertions.fail;

import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.Schema;
import dev.bulwark.policy.internal.schema.CorpusAccess;
import dev.bulwark.policy.testsupport.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the schema parsers with random and mutated input: each must end in a schema or a {@link
 * PolicyParseException}, never another exception or a {@link StackOverflowError}.
 */
class SchemaParserFuzzTest {
  private static final List<String> HUMAN_VOCABULARY =
      List.of(
          "namespace",
          "entity",
          "action",
          "type",
          "in",
          "appliesTo",
          "principal",
          "resource",
          "context",
          "tags",
          "enum",
          "Set",
          "<",
          ">",
          "{",
          "}",
          "[",
          "]",
          ",",
          ";",
          ":",
          "::",
          "=",
          "?",
          "@",
          "(",
          ")",
          "String",
          "Long",
          "Bool",
          "ipaddr",
          "decimal",
          "__cedar",
          "A",
          "B",
          "NS",
          "Action",
          "\"a\"",
          "\"\\u{0}\"",
          "\"\\x7f\"",
          "\"",
          "//",
          "\n",
          "attributes",
          "if",
          "true",
          "123",
          "é",
          "\\");
  private static final List<String> JSON_VOCABULARY =
      List.of(
          "{",
          "}",
          "[",
          "]",
          ",",
          ":",
          "\"type\"",
          "\"Set\"",
          "\"Record\"",
          "\"Entity\"",
          "\"Extension\"",
          "\"element\"",
          "\"attributes\"",
          "\"name\"",
          "\"entityTypes\"",
          "\"actions\"",
          "\"commonTypes\"",
          "\"appliesTo\"",
          "\"memberOf\"",
          "\"memberOfTypes\"",
          "\"shape\"",
          "\"enum\"",
          "\"\"",
          "null",
          "true",
          "1",
          "-0.5e7",
          "\"A\"",
          "\"__cedar::String\"",
          "\"\\ud800\"");

  private static List<String> humanSeeds;
  private static List<String> jsonSeeds;

  @BeforeContainer
  static void loadSeeds() throws Exception {
    if (SharedData.conformanceAvailable()) {
      humanSeeds = new ArrayList<>(CorpusAccess.corpusSchemas(300).values());
    } else {
      // Without Cedar's corpus the properties still run, mutating this input instead.
      humanSeeds =
          List.of(
              "namespace NS { type C = { ip?: ipaddr, n: Long };\n"
                  + "entity G; entity U in [G] { s: Set<U>, e?: decimal } tags String; entity E enum [\"a\"];\n"
                  + "action r; action v in [r] appliesTo { principal: [U], resource: G, context: C }; }");
    }
    jsonSeeds =
        List.of(
            "{\"N\": {\"commonTypes\": {\"C\": {\"type\": \"Record\", \"attributes\": {\"ip\":"
                + " {\"type\": \"Extension\", \"name\": \"ipaddr\", \"required\": false}}}},"
                + " \"entityTypes\": {\"U\": {\"memberOfTypes\": [\"G\"], \"shape\": {\"type\":"
                + " \"Record\", \"attributes\": {\"s\": {\"type\": \"Set\", \"element\": {\"type\":"
                + " \"Entity\", \"name\": \"U\"}}}}, \"tags\": {\"type\": \"String\"}}, \"G\": {},"
                + " \"E\": {\"enum\": [\"a\"]}}, \"actions\": {\"r\": {}, \"v\": {\"memberOf\": [{\"id\":"
                + " \"r\"}], \"appliesTo\": {\"principalTypes\": [\"U\"], \"resourceTypes\": [\"G\"],"
                + " \"context\": {\"type\": \"C\"}}}}}}",
            "{\"\": {\"entityTypes\": {}, \"actions\": {}}}");
  }

  private static void parseCleanly(String input, boolean json) {
    try {
      if (json) {
        Schema.parseJson(input);
      } else {
        Schema.parse(input);
      }
    } catch (PolicyParseException expected) {
      // a clean parse error is the only acceptable failure
    } catch (Throwable t) {
      String excerpt = input.length() > 300 ? input.substring(0, 300) + "..." : input;
      fail("parser threw " + t + " on input (" + input.length() + " chars): " + excerpt, t);
    }
  }

  @Property(tries = 2000)
  void humanSchema_mutatedCorpusInput_failsOnlyWithParseErrors(@ForAll long seed) {
    Random r = new Random(seed);
    parseCleanly(
        Mutator.mutate(r, humanSeeds.get(r.nextInt(humanSeeds.size())), HUMAN_VOCABULARY), false);
  }

  @Property(tries = 1000)
  void humanSchema_tokenSoup_failsOnlyWithParseErrors(@ForAll long seed) {
    parseCleanly(Mutator.soup(new Random(seed), HUMAN_VOCABULARY, 60), false);
  }

  @Property(tries = 800)
  void jsonSchema_mutatedInput_failsOnlyWithParseErrors(@ForAll long seed) {
    Random r = new Random(seed);
    parseCleanly(
        Mutator.mutate(r, jsonSeeds.get(r.nextInt(jsonSeeds.size())), JSON_VOCABULARY), true);
  }

  @Property(tries = 200)
  void jsonSchema_tokenSoup_failsOnlyWithParseErrors(@ForAll long seed) {
    parseCleanly(Mutator.soup(new Random(seed), JSON_VOCABULARY, 60), true);
  }
}
