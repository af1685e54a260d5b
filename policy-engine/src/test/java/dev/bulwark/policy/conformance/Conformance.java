/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.conformance;

import dev.bulwark.policy.Context;
import dev.bulwark.policy.Decision;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Schema;
import dev.bulwark.policy.ValidationResult;
import dev.bulwark.policy.internal.json.EntityJson;
import dev.bulwark.policy.internal.json.JsonReader;
import dev.bulwark.policy.internal.json.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs Cedar's integration-test files (the {@code cedar-integration-tests} format) against the
 * engine and compares each request's decision, reasons and erroring policy ids. Thread-safe: tests
 * run in parallel, each file on its own. The command line's {@code bulwark policy conformance}
 * (examples/cli) runs a twin of it that uses the engine's public API only.
 */
final class Conformance {
  /** One request's outcome. */
  static final class Outcome {
    final String id;
    final String failure;

    Outcome(String id, String failure) {
      this.id = id;
      this.failure = failure;
    }

    boolean passed() {
      return failure == null;
    }
  }

  private final Map<String, Object> cache = new ConcurrentHashMap<>();

  /**
   * Finds every test file under the folders: a JSON object with {@code policies} and {@code
   * requests}.
   */
  static List<Path> findTests(List<Path> roots) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path root : roots) {
      if (Files.isRegularFile(root)) {
        out.add(root);
        continue;
      }
      if (!Files.isDirectory(root)) {
        throw new IOException("not a folder: " + root);
      }
      try (Stream<Path> s = Files.walk(root)) {
        s.filter(p -> Files.isRegularFile(p))
            .filter(
                p -> {
                  String n = p.getFileName().toString();
                  return n.endsWith(".json")
                      && !n.endsWith(".entities.json")
                      && !n.equals("entities.json")
                      && !n.endsWith(".cedarschema.json");
                })
            .forEach(out::add);
      }
    }
    Collections.sort(out);
    return out;
  }

  /** Runs one test file; never throws for a bad test, which yields failed outcomes instead. */
  List<Outcome> run(Path file) {
    String name = file.toString();
    Map<?, ?> test;
    try {
      Object json = JsonReader.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (!(json instanceof Map)
          || !((Map<?, ?>) json).containsKey("requests")
          || !((Map<?, ?>) json).containsKey("policies")) {
        return List.of();
      }
      test = (Map<?, ?>) json;
    } catch (IOException e) {
      return List.of(new Outcome(name, "cannot read: " + e.getMessage()));
    } catch (PolicyParseException e) {
      return List.of(new Outcome(name, "not valid JSON: " + e.getMessage()));
    }
    List<?> requests =
        test.get("requests") instanceof List ? (List<?>) test.get("requests") : List.of();
    PolicyEngine validating;
    PolicyEngine plain;
    Schema schema;
    try {
      Path base = baseFor(file, (String) test.get("policies"));
      schema = schema(base, test);
      PolicySet policies = policies(base, test);
      InMemoryEntityStore entities = entities(base, test, schema);
      PolicyEngine.Builder b = PolicyEngine.builder().policies(policies).entities(entities);
      if (schema != null) {
        b.schema(schema);
        validating = b.build();
        plain =
            PolicyEngine.builder()
                .policies(policies)
                .entities(entities)
                .schema(schema)
                .validateRequests(false)
                .build();
      } else {
        validating = b.build();
        plain = validating;
      }
    } catch (IOException | PolicyParseException | RuntimeException e) {
      List<Outcome> out = new ArrayList<>();
      for (int i = 0; i < Math.max(1, requests.size()); i++) {
        out.add(new Outcome(requestId(name, requests, i), "setup failed: " + e));
      }
      return out;
    }
    List<Outcome> out = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      String id = requestId(name, requests, i);
      try {
        out.add(new Outcome(id, check((Map<?, ?>) requests.get(i), schema, validating, plain)));
      } catch (PolicyParseException | RuntimeException e) {
        out.add(new Outcome(id, "request failed: " + e));
      }
    }
    return out;
  }

  private static String requestId(String file, List<?> requests, int i) {
    Object d =
        i < requests.size() && requests.get(i) instanceof Map
            ? ((Map<?, ?>) requests.get(i)).get("description")
            : null;
    return file + " #" + i + (d == null ? "" : " (" + d + ")");
  }

  private static String check(
      Map<?, ?> req, Schema schema, PolicyEngine validating, PolicyEngine plain)
      throws PolicyParseException {
    EntityUid p = EntityJson.parseUid(req.get("principal"), "principal");
    EntityUid a = EntityJson.parseUid(req.get("action"), "action");
    EntityUid r = EntityJson.parseUid(req.get("resource"), "resource");
    Object ctx = req.get("context");
    Context context =
        ctx == null ? Context.empty() : Context.fromJson(JsonWriter.write(ctx), schema, a);
    boolean validate = !Boolean.FALSE.equals(req.get("validateRequest"));
    Decision d =
        (validate ? validating : plain).authorize(dev.bulwark.policy.Request.of(p, a, r, context));
    String expDecision = String.valueOf(req.get("decision"));
    Set<String> expReasons = strings(req.get("reason"));
    Set<String> expErrors = strings(req.get("errors"));
    String actDecision = d.isAllowed() ? "allow" : "deny";
    Set<String> actReasons = new TreeSet<>(d.reasons());
    Set<String> actErrors =
        d.errors().stream()
            .map(Decision.PolicyError::policyId)
            .collect(Collectors.toCollection(TreeSet::new));
    if (expDecision.equals(actDecision)
        && expReasons.equals(actReasons)
        && expErrors.equals(actErrors)) {
      return null;
    }
    return "expected "
        + expDecision
        + " reasons="
        + expReasons
        + " errors="
        + expErrors
        + ", got "
        + actDecision
        + " reasons="
        + actReasons
        + " errors="
        + d.errors();
  }

  private static Set<String> strings(Object o) {
    Set<String> s = new TreeSet<>();
    if (o instanceof List) {
      for (Object x : (List<?>) o) {
        s.add(String.valueOf(x));
      }
    }
    return s;
  }

  /**
   * The folder the test's paths are relative to: the nearest ancestor of the file in which the
   * policies path exists (the folder holding {@code tests/}, {@code sample-data/} or {@code
   * corpus-tests/}).
   */
  static Path baseFor(Path file, String policiesPath) throws IOException {
    if (policiesPath == null) {
      throw new IOException("test has no policies path");
    }
    Path p = Path.of(policiesPath);
    if (p.isAbsolute()) {
      return p.getRoot();
    }
    for (Path dir = file.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(p))) {
        return dir;
      }
    }
    throw new IOException("policies file " + policiesPath + " not found above " + file);
  }

  private Schema schema(Path base, Map<?, ?> test) throws IOException, PolicyParseException {
    Object s = test.get("schema");
    if (!(s instanceof String)) {
      return null;
    }
    Path f = base.resolve((String) s).normalize();
    boolean json = "json".equals(test.get("schemaFormat"));
    String key = "schema:" + f + ":" + json;
    Object c = cache.get(key);
    if (c instanceof Schema) {
      return (Schema) c;
    }
    String text = Files.readString(f, StandardCharsets.UTF_8);
    Schema sc = json ? Schema.parseJson(text) : Schema.parse(text);
    if (isShared(f)) {
      cache.put(key, sc);
    }
    return sc;
  }

  /**
   * Reads a test's policies. Ids are positional even for {@code @id}-annotated policies: the
   * expected results come from Cedar's library, whose {@code PolicySet::from_str} ignores
   * {@code @id}.
   */
  private static PolicySet policies(Path base, Map<?, ?> test)
      throws IOException, PolicyParseException {
    Path f = base.resolve((String) test.get("policies")).normalize();
    String text = Files.readString(f, StandardCharsets.UTF_8);
    return "json".equals(test.get("policyFormat"))
        ? PolicySet.parseJson(text)
        : PolicySet.parseWithPositionalIds(text);
  }

  private InMemoryEntityStore entities(Path base, Map<?, ?> test, Schema schema)
      throws IOException, PolicyParseException {
    Path f = base.resolve((String) test.get("entities")).normalize();
    String key = "entities:" + f + ":" + test.get("schema");
    Object c = cache.get(key);
    if (c instanceof InMemoryEntityStore) {
      return (InMemoryEntityStore) c;
    }
    InMemoryEntityStore st =
        InMemoryEntityStore.fromJson(Files.readString(f, StandardCharsets.UTF_8), schema);
    if (isShared(f)) {
      cache.put(key, st);
    }
    return st;
  }

  /** Only the handwritten tests share files; caching the corpus's would just hold memory. */
  private static boolean isShared(Path f) {
    return f.toString().contains("sample-data");
  }

  /**
   * Validates one test file's policies against its schema and compares the verdict with the test's
   * {@code shouldValidate}; null for a file that is not a test or has no schema or no {@code
   * shouldValidate}.
   */
  Outcome validation(Path file) {
    String name = file.toString();
    try {
      Object json = JsonReader.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (!(json instanceof Map)
          || !((Map<?, ?>) json).containsKey("requests")
          || !((Map<?, ?>) json).containsKey("policies")) {
        return null;
      }
      Map<?, ?> test = (Map<?, ?>) json;
      Object expected = test.get("shouldValidate");
      if (!(expected instanceof Boolean) || !(test.get("schema") instanceof String)) {
        return null;
      }
      Path base = baseFor(file, (String) test.get("policies"));
      Schema schema = schema(base, test);
      ValidationResult r = schema.validate(policies(base, test));
      if (r.isValid() == (Boolean) expected) {
        return new Outcome(name, null);
      }
      return new Outcome(
          name,
          "expected shouldValidate="
              + expected
              + ", the validator found "
              + (r.isValid() ? "no error" : r.errors().size() + " error(s): " + r.errors()));
    } catch (IOException | PolicyParseException | RuntimeException e) {
      return new Outcome(name, "validation failed: " + e);
    }
  }

  /** Validates every test under the folders, in parallel, returning outcomes in file order. */
  List<Outcome> validateAll(List<Path> roots) throws IOException {
    List<Path> files = findTests(roots);
    return files.parallelStream()
        .map(this::validation)
        .filter(o -> o != null)
        .collect(Collectors.toList());
  }

  /** Runs every test under the folders, in parallel, returning outcomes in file order. */
  List<Outcome> runAll(List<Path> roots) throws IOException {
    List<Path> files = findTests(roots);
    try {
      return files.parallelStream()
          .map(this::run)
          .flatMap(List::stream)
          .collect(Collectors.toList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
