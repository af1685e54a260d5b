/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.fuzz;

import static org.assertj.core.api.Assertions.fail;

import dev.bulwark.policy.Context;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.InvalidRequestException;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.PolicySet;
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
 * Fuzzes the policy parsers (Cedar text and Cedar's JSON policy format) and the entity and context
 * JSON readers, with and without a schema: each input must parse or fail with a {@link
 * PolicyParseException}, never another exception or a {@link StackOverflowError}.
 */
class PolicyAndEntityFuzzTest {
  private static final List<String> POLICY_VOCABULARY =
      List.of(
          "permit",
          "forbid",
          "(",
          ")",
          "principal",
          "action",
          "resource",
          "context",
          "==",
          "!=",
          "<",
          "<=",
          ">",
          ">=",
          "in",
          "is",
          "like",
          "has",
          "if",
          "then",
          "else",
          "when",
          "unless",
          "{",
          "}",
          "[",
          "]",
          ",",
          ";",
          ".",
          "::",
          "&&",
          "||",
          "!",
          "-",
          "+",
          "*",
          "?principal",
          "?resource",
          "@id(\"x\")",
          "\"a*\\*b\"",
          "\"\\u{10FFFF}\"",
          "User",
          "Action::\"view\"",
          "9223372036854775807",
          "9223372036854775808",
          "ip(\"10.0.0.1\")",
          "decimal(\"1.0\")",
          "datetime(\"2024-01-01\")",
          ".contains(",
          ".getTag(",
          "true",
          "//",
          "\n",
          "\"");
  private static final List<String> JSON_VOCABULARY =
      List.of(
          "{",
          "}",
          "[",
          "]",
          ",",
          ":",
          "\"uid\"",
          "\"type\"",
          "\"id\"",
          "\"attrs\"",
          "\"parents\"",
          "\"tags\"",
          "\"__entity\"",
          "\"__extn\"",
          "\"fn\"",
          "\"arg\"",
          "\"args\"",
          "\"ip\"",
          "\"decimal\"",
          "\"User\"",
          "\"Action\"",
          "null",
          "true",
          "1",
          "1e400",
          "-9223372036854775809",
          "\"\\ud800\"",
          "\"\"");
  private static final String POLICY_JSON =
      "{\"staticPolicies\": {\"p\": {\"effect\":"
          + " \"permit\", \"principal\": {\"op\": \"==\", \"entity\": {\"type\": \"User\", \"id\":"
          + " \"a\"}}, \"action\": {\"op\": \"All\"}, \"resource\": {\"op\": \"All\"},"
          + " \"conditions\": [{\"kind\": \"when\", \"body\": {\"&&\": {\"left\": {\"Value\": true},"
          + " \"right\": {\"like\": {\"left\": {\"Var\": \"principal\"}, \"pattern\":"
          + " [\"Wildcard\", {\"Literal\": \"a\"}]}}}}}]}}, \"templates\": {}, \"templateLinks\": []}";

  private static List<String> policySeeds;
  private static List<String> entitySeeds;
  private static List<String> schemaSeeds;

  @BeforeContainer
  static void loadSeeds() throws Exception {
    if (!SharedData.conformanceAvailable()) {
      // Without Cedar's corpus the properties still run, mutating these few inputs instead.
      policySeeds =
          List.of(
              "permit(principal == User::\"a\", action in [Action::\"view\"], resource)\n"
                  + "when { resource.owner == principal && context.ip.isInRange(ip(\"10.0.0.0/8\")) };",
              "@id(\"t\") forbid(principal in ?principal, action, resource is Photo in ?resource)\n"
                  + "unless { principal has age && principal.age >= 18 || resource.tags.contains(\"x\")"
                  + " } ;");
      entitySeeds =
          List.of(
              "[{\"uid\": {\"type\": \"User\", \"id\": \"a\"}, \"attrs\": {\"age\": 20, \"ip\":"
                  + " {\"__extn\": {\"fn\": \"ip\", \"arg\": \"10.0.0.1\"}}}, \"parents\": [{\"type\":"
                  + " \"Group\", \"id\": \"g\"}]}, {\"uid\": {\"type\": \"Group\", \"id\": \"g\"},"
                  + " \"attrs\": {}, \"parents\": []}]");
      schemaSeeds =
          List.of(
              "entity Group; entity User in [Group] { age: Long, ip?: ipaddr };"
                  + " action view appliesTo { principal: User, resource: Group };");
      return;
    }
    policySeeds = new ArrayList<>(CorpusAccess.corpusFiles(".cedar", 300).values());
    entitySeeds = new ArrayList<>(CorpusAccess.corpusFiles(".entities.json", 100).values());
    schemaSeeds = new ArrayList<>(CorpusAccess.corpusSchemas(100).values());
  }

  private interface Parse {
    void run(String input) throws Exception;
  }

  private static void parseCleanly(String input, Parse parse) {
    try {
      parse.run(input);
    } catch (PolicyParseException expected) {
      // a clean parse error is the only acceptable failure
    } catch (Throwable t) {
      String excerpt = input.length() > 300 ? input.substring(0, 300) + "..." : input;
      fail("parser threw " + t + " on input (" + input.length() + " chars): " + excerpt, t);
    }
  }

  @Property(tries = 2500)
  void policyText_mutatedCorpusInput_failsOnlyWithParseErrors(@ForAll long seed) {
    Random r = new Random(seed);
    parseCleanly(
        Mutator.mutate(r, policySeeds.get(r.nextInt(policySeeds.size())), POLICY_VOCABULARY),
        PolicySet::parse);
  }

  @Property(tries = 800)
  void policyText_tokenSoup_failsOnlyWithParseErrors(@ForAll long seed) {
    parseCleanly(Mutator.soup(new Random(seed), POLICY_VOCABULARY, 60), PolicySet::parse);
  }

  @Property(tries = 400)
  void policyJson_mutatedInput_failsOnlyWithParseErrors(@ForAll long seed) {
    parseCleanly(
        Mutator.mutate(new Random(seed), POLICY_JSON, JSON_VOCABULARY), PolicySet::parseJson);
  }

  @Property(tries = 1500)
  void entitiesJson_mutatedCorpusInputWithSchema_failsOnlyWithParseErrors(@ForAll long seed)
      throws Exception {
    Random r = new Random(seed);
    int i = r.nextInt(entitySeeds.size());
    Schema schema = r.nextBoolean() ? Schema.parse(schemaSeeds.get(i)) : null;
    parseCleanly(
        Mutator.mutate(r, entitySeeds.get(i), JSON_VOCABULARY),
        s -> InMemoryEntityStore.fromJson(s, schema));
  }

  @Property(tries = 800)
  void contextJson_tokenSoupAndMutations_failsOnlyAsInvalidRequests(@ForAll long seed)
      throws Exception {
    Random r = new Random(seed);
    Schema schema =
        Schema.parse(
            "entity U; action a appliesTo { principal: U, resource: U,"
                + " context: { ip: ipaddr, d?: decimal, s?: Set<{ u: U, t?: datetime }> } };");
    String base =
        "{\"ip\": \"10.0.0.1\", \"d\": {\"__extn\": {\"fn\": \"decimal\", \"arg\":"
            + " \"1.5\"}}, \"s\": [{\"u\": {\"type\": \"U\", \"id\": \"x\"}, \"t\": \"2024-01-01\"}]}";
    String input =
        r.nextBoolean()
            ? Mutator.mutate(r, base, JSON_VOCABULARY)
            : Mutator.soup(r, JSON_VOCABULARY, 40);
    try {
      Context.fromJson(input, schema, EntityUid.of("Action", "a"));
    } catch (InvalidRequestException expected) {
      // a context is request data: refusing it as such is the only acceptable failure
    } catch (Throwable t) {
      String excerpt = input.length() > 300 ? input.substring(0, 300) + "..." : input;
      fail("context reader threw " + t + " on input (" + input.length() + " chars): " + excerpt, t);
    }
  }
}
