/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.diff;

import static org.assertj.core.api.Assertions.fail;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.DetailedError;
import com.cedarpolicy.model.LevelValidationRequest;
import com.cedarpolicy.model.ValidationRequest;
import com.cedarpolicy.model.ValidationResponse;
import com.cedarpolicy.model.policy.LinkValue;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.TemplateLink;
import com.cedarpolicy.value.EntityUID;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Schema;
import dev.bulwark.policy.ValidationIssue;
import dev.bulwark.policy.ValidationResult;
import dev.bulwark.policy.internal.parse.CedarParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Bulwark's validator agrees with Cedar's: random policies and templates ({@link WorldGenerator}),
 * some with a name misspelt, against random edits of its schema, are validated by Bulwark and by
 * cedar-java (Cedar's Rust validator over JNI), with and without a dereference level, and any
 * difference in the verdict, or in the kinds of error found in each policy, fails the property with
 * the whole input printed.
 */
class ValidationDifferentialTest {
  private static final BasicAuthorizationEngine ENGINE = new BasicAuthorizationEngine();

  /** Misspellings that turn a valid name into an unknown one, to exercise those errors. */
  private static final String[][] TYPOS = {
    {"User::", "Usr::"}, {"Photo::", "Phot::"}, {"\"view\"", "\"veiw\""},
    {".owner", ".ownr"}, {"is Album", "is Albun"}, {"context.", "context.x_"}
  };

  /**
   * A world the property once found: {@code principal.getTag("k")} without a {@code hasTag} guard,
   * at level 0, is both an unsafe tag access and a dereference too deep, as Cedar reports it.
   */
  @Example
  void validator_unsafeTagAccessAtLevelZero_alsoReportsTheDereference() throws Exception {
    validator_randomPolicies_agreesWithCedarJava(1578873L);
  }

  @Property(tries = 150)
  void validator_randomPolicies_agreesWithCedarJava(@ForAll long seed) throws Exception {
    World w = mutate(new WorldGenerator(seed).generate(), new Random(seed));
    Integer level = new Random(seed * 31).nextInt(3) == 0 ? new Random(seed).nextInt(3) : null;
    Map<String, Set<String>> cedar = cedar(w, level);
    Map<String, Set<String>> bulwark = bulwark(w, level);
    if (!cedar.equals(bulwark)) {
      fail(
          "level="
              + level
              + "\n  cedar-java: "
              + cedar
              + "\n  bulwark:    "
              + bulwark
              + "\n"
              + w.describe());
    }
  }

  /**
   * Edits of the (human-format) schema, each made with probability 1/4, so that the same policies
   * meet required and optional attributes, tags or none, other hierarchies, other action
   * applications and other attribute types.
   */
  private static final String[][] SCHEMA_EDITS = {
    {"manager?: User", "manager: User"},
    {"age: Long", "age?: Long"},
    {"{ owner: User, private", "{ owner?: User, private"},
    {" tags String", ""},
    {"entity Photo in [Album]", "entity Photo"},
    {"resource: [Photo, Album]", "resource: [Photo]"},
    {
      "principal: [User], resource: [Photo], context: {}",
      "principal: [User, Group], resource: [Photo], context: {}"
    },
    {"{ level: Long }", "{ level: String }"},
    {"roles: Set<String>", "roles: Set<Long>"},
    {"entity User in [Group]", "entity User"}
  };

  private static World mutate(World w, Random r) {
    String schema = w.schema();
    if (!w.schemaIsJson()) {
      for (String[] e : SCHEMA_EDITS) {
        if (r.nextInt(4) == 0) {
          schema = schema.replace(e[0], e[1]);
        }
      }
      w =
          new World(
              schema,
              false,
              w.entitiesJson(),
              w.policies(),
              w.templates(),
              w.links(),
              w.requests(),
              w.validateRequests());
    }
    if (r.nextInt(3) != 0) {
      return w;
    }
    List<String> policies = new ArrayList<>(w.policies());
    int i = r.nextInt(policies.size());
    String[] t = TYPOS[r.nextInt(TYPOS.length)];
    policies.set(
        i,
        policies
            .get(i)
            .replaceFirst(
                java.util.regex.Pattern.quote(t[0]),
                java.util.regex.Matcher.quoteReplacement(t[1])));
    return new World(
        w.schema(),
        w.schemaIsJson(),
        w.entitiesJson(),
        policies,
        w.templates(),
        w.links(),
        w.requests(),
        w.validateRequests());
  }

  /** Per policy id, the kinds of error (warnings left out), from cedar-java. */
  private static Map<String, Set<String>> cedar(World w, Integer level) throws Exception {
    com.cedarpolicy.model.schema.Schema schema =
        com.cedarpolicy.model.schema.Schema.parse(
            w.schemaIsJson()
                ? com.cedarpolicy.model.schema.Schema.JsonOrCedar.Json
                : com.cedarpolicy.model.schema.Schema.JsonOrCedar.Cedar,
            w.schema());
    Set<Policy> statics = new LinkedHashSet<>();
    for (int i = 0; i < w.policies().size(); i++) {
      statics.add(new Policy(w.policies().get(i), "p" + i));
    }
    Set<Policy> templates = new LinkedHashSet<>();
    for (int i = 0; i < w.templates().size(); i++) {
      templates.add(new Policy(w.templates().get(i), "t" + i));
    }
    List<TemplateLink> links = new ArrayList<>();
    for (World.Link l : w.links()) {
      List<LinkValue> values = new ArrayList<>();
      if (l.principal() != null) {
        values.add(new LinkValue("?principal", EntityUID.parse(l.principal()).orElseThrow()));
      }
      if (l.resource() != null) {
        values.add(new LinkValue("?resource", EntityUID.parse(l.resource()).orElseThrow()));
      }
      links.add(new TemplateLink("t" + l.templateIndex(), l.id(), values));
    }
    com.cedarpolicy.model.policy.PolicySet ps =
        new com.cedarpolicy.model.policy.PolicySet(statics, templates, links);
    ValidationResponse resp =
        level == null
            ? ENGINE.validate(new ValidationRequest(schema, ps))
            : ENGINE.validateWithLevel(new LevelValidationRequest(schema, ps, level));
    Map<String, Set<String>> out = new TreeMap<>();
    if (resp.success.isEmpty()) {
      out.put("<failure>", Set.of(String.valueOf(resp.errors)));
      return out;
    }
    for (ValidationResponse.ValidationError e : resp.success.get().validationErrors) {
      // Cedar's validator reports its own internal errors ("internal invariant violated") as
      // validation errors; they say nothing about the policy, so they are not compared.
      if (e.getError().message != null
          && e.getError().message.contains("internal invariant violated")) {
        continue;
      }
      out.computeIfAbsent(e.getPolicyId(), k -> new TreeSet<>()).add(kindOf(e.getError()));
    }
    return out;
  }

  /** Cedar's error kind, from its message (cedar-java carries no kind of its own). */
  static String kindOf(DetailedError e) {
    String m = e.message;
    String[][] byMessage = {
      {"unrecognized entity type", "UNRECOGNIZED_ENTITY_TYPE"},
      {"unrecognized action", "UNRECOGNIZED_ACTION_ID"},
      {"unable to find an applicable action", "INVALID_ACTION_APPLICATION"},
      {"unexpected type", "UNEXPECTED_TYPE"},
      {"the types", "INCOMPATIBLE_TYPES"},
      {"are not compatible", "INCOMPATIBLE_TYPES"},
      {"access to optional attribute", "UNSAFE_OPTIONAL_ATTRIBUTE_ACCESS"},
      {"not found", "UNSAFE_ATTRIBUTE_ACCESS"},
      {"unable to guarantee safety of access to tag", "UNSAFE_TAG_ACCESS"},
      {"no `tags` were declared", "NO_TAGS_ALLOWED"},
      {"undefined extension function", "UNDEFINED_FUNCTION"},
      {"wrong number of arguments", "WRONG_NUMBER_ARGUMENTS"},
      {"error during extension function argument validation", "FUNCTION_ARGUMENT_VALIDATION"},
      {"empty set literals are forbidden", "EMPTY_SET_FORBIDDEN"},
      {
        "extension constructors may not be called with non-literal",
        "NON_LITERAL_EXTENSION_CONSTRUCTOR"
      },
      {"enum", "INVALID_ENUM_ENTITY"},
      {"entity literals cannot be dereferenced", "LITERAL_DEREFERENCE_TARGET"},
      {"level", "ENTITY_DEREFERENCE_TOO_DEEP"}
    };
    for (String[] k : byMessage) {
      if (m.contains(k[0])) {
        return k[1];
      }
    }
    return "?" + m;
  }

  private static Map<String, Set<String>> bulwark(World w, Integer level) throws Exception {
    Schema schema = w.schemaIsJson() ? Schema.parseJson(w.schema()) : Schema.parse(w.schema());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < w.policies().size(); i++) {
      text.append("@id(\"p").append(i).append("\")\n").append(w.policies().get(i)).append('\n');
    }
    for (int i = 0; i < w.templates().size(); i++) {
      text.append("@id(\"t").append(i).append("\")\n").append(w.templates().get(i)).append('\n');
    }
    PolicySet policies = PolicySet.parse(text.toString());
    for (World.Link l : w.links()) {
      Map<String, EntityUid> values = new HashMap<>();
      if (l.principal() != null) {
        values.put("?principal", CedarParser.parseEntityUid(l.principal()));
      }
      if (l.resource() != null) {
        values.put("?resource", CedarParser.parseEntityUid(l.resource()));
      }
      policies = policies.link("t" + l.templateIndex(), l.id(), values);
    }
    ValidationResult r =
        level == null ? schema.validate(policies) : schema.validate(policies, level);
    Map<String, Set<String>> out = new TreeMap<>();
    for (ValidationIssue e : r.errors()) {
      out.computeIfAbsent(e.policyId(), k -> new TreeSet<>()).add(e.kind().name());
    }
    return out;
  }
}
