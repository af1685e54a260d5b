/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.policy;

import dev.bulwark.policy.Context;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Request;
import dev.bulwark.policy.Schema;
import dev.bulwark.policy.internal.json.JsonReader;
import dev.bulwark.policy.internal.parse.CedarParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of Cedar's handwritten integration tests (the sample applications: photo sharing with {@code
 * sandbox_a} and {@code sandbox_b}), loaded from where it lies in the shared conformance data and
 * set up for Bulwark and for cedar-java with the same policies, entities, schema and requests.
 * Setup checks that both engines give every request the decision the test expects.
 */
final class SampleApp {
  final PolicyEngine bulwark;
  final List<Request> bulwarkRequests = new ArrayList<>();
  final CedarJava cedarCached;
  final CedarJava cedarUncached;
  final int policyCount;
  final int entityCount;

  /** The conformance folder, from {@code -Dbulwark.shared.dir} (default {@code ../shared}). */
  static Path conformanceDir() {
    Path p = Paths.get(System.getProperty("bulwark.shared.dir", "../shared"), "cedar-conformance");
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException(
          "no cedar-conformance folder at "
              + p.toAbsolutePath()
              + "; pass -Dbulwark.shared.dir=<folder holding cedar-conformance>");
    }
    return p;
  }

  @SuppressWarnings("unchecked")
  SampleApp(String testId) throws Exception {
    Path base = conformanceDir();
    Map<String, Object> test =
        (Map<String, Object>) JsonReader.parse(read(base.resolve("tests/" + testId + ".json")));
    String policyText = read(base.resolve((String) test.get("policies")));
    String entitiesJson = read(base.resolve((String) test.get("entities")));
    String schemaText = read(base.resolve((String) test.get("schema")));
    Schema schema = Schema.parse(schemaText);
    PolicySet policies = PolicySet.parse(policyText);
    policyCount = policies.size();
    InMemoryEntityStore store = InMemoryEntityStore.fromJson(entitiesJson, schema);
    entityCount = store.size();
    bulwark =
        PolicyEngine.builder()
            .policies(policies)
            .schema(schema)
            .entities(store)
            .validateRequests(true)
            .build();

    List<String[]> uids = new ArrayList<>();
    List<Map<String, Object>> contexts = new ArrayList<>();
    List<Boolean> expected = new ArrayList<>();
    for (Object o : (List<Object>) test.get("requests")) {
      Map<String, Object> q = (Map<String, Object>) o;
      String[] u = {uid(q.get("principal")), uid(q.get("action")), uid(q.get("resource"))};
      uids.add(u);
      Map<String, Object> ctx = (Map<String, Object>) q.get("context");
      contexts.add(ctx);
      expected.add("allow".equals(q.get("decision")));
      EntityUid action = CedarParser.parseEntityUid(u[1]);
      bulwarkRequests.add(
          Request.of(
              CedarParser.parseEntityUid(u[0]),
              action,
              CedarParser.parseEntityUid(u[2]),
              Context.fromJson(json(ctx), schema, action)));
    }
    // cedar-java takes policies one by one with explicit ids; split the file by Bulwark's parse
    // order, so that both engines hold the same policies.
    List<String> texts = splitPolicies(policyText);
    cedarCached = new CedarJava(texts, entitiesJson, schemaText, uids, contexts, true, true);
    cedarUncached = new CedarJava(texts, entitiesJson, schemaText, uids, contexts, true, false);
    for (int i = 0; i < expected.size(); i++) {
      boolean b = bulwark.authorize(bulwarkRequests.get(i)).isAllowed();
      boolean c = cedarCached.authorize(i);
      boolean u = cedarUncached.authorize(i);
      if (b != expected.get(i) || c != expected.get(i) || u != expected.get(i)) {
        throw new IllegalStateException(
            testId
                + " request "
                + i
                + ": expected "
                + expected.get(i)
                + ", Bulwark "
                + b
                + ", cedar-java cached "
                + c
                + ", uncached "
                + u);
      }
    }
  }

  private static String read(Path p) throws Exception {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static String uid(Object o) {
    if (o instanceof String) {
      return (String) o;
    }
    Map<String, Object> m = (Map<String, Object>) o;
    if (m.containsKey("__entity")) {
      m = (Map<String, Object>) m.get("__entity");
    }
    return m.get("type")
        + "::"
        + dev.bulwark.policy.internal.value.Values.quote((String) m.get("id"));
  }

  /** Serialises a parsed JSON value back to text (the test's context, for Bulwark's reader). */
  @SuppressWarnings("unchecked")
  static String json(Object v) {
    if (v instanceof String) {
      return dev.bulwark.policy.internal.value.Values.quote((String) v);
    } else if (v instanceof Map) {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
        if (sb.length() > 1) {
          sb.append(',');
        }
        sb.append(json(e.getKey())).append(':').append(json(e.getValue()));
      }
      return sb.append('}').toString();
    } else if (v instanceof List) {
      StringBuilder sb = new StringBuilder("[");
      for (Object e : (List<Object>) v) {
        if (sb.length() > 1) {
          sb.append(',');
        }
        sb.append(json(e));
      }
      return sb.append(']').toString();
    }
    return String.valueOf(v);
  }

  /**
   * Splits a policy file into single policies at the top-level semicolons that end them (outside
   * strings and comments), keeping each policy's annotations with it.
   */
  static List<String> splitPolicies(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      cur.append(c);
      if (inString) {
        if (c == '\\' && i + 1 < text.length()) {
          cur.append(text.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
        int end = text.indexOf('\n', i);
        end = end < 0 ? text.length() : end;
        cur.append(text, i + 1, end);
        i = end - 1;
      } else if (c == ';') {
        out.add(cur.toString());
        cur.setLength(0);
      }
    }
    return out;
  }
}
