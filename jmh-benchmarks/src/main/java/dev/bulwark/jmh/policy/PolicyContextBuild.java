/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.policy;

import dev.bulwark.policy.Context;
import dev.bulwark.policy.Decision;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Request;
import dev.bulwark.policy.Schema;
import dev.bulwark.policy.internal.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a request's context costs to build, against the decision it serves: the context of Cedar's
 * sample application 5b (photo upload: {@code authenticated} and a {@code photo} record of file
 * type and size, declared in the schema), read from JSON ({@link #contextFromJson}) and built from
 * Java values ({@link #contextFromValues}, with the schema's checks; {@link
 * #contextFromValuesNoSchema}, without), and the decision on an already built request ({@link
 * #decision}, the baseline), all in one run on the first request of the test. The values are those
 * of the test's request, read at setup; the benchmark builds the nested record per call, as a
 * caller would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class PolicyContextBuild {
  private static final String TEST = "example_use_cases/5b";

  private Schema schema;
  private PolicyEngine engine;
  private EntityUid principal;
  private EntityUid action;
  private EntityUid resource;
  private String contextJson;
  private boolean authenticated;
  private String filetype;
  private long filesize;
  private Request request;

  /** Loads the test's policies, entities, schema and first request. */
  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setUp() throws Exception {
    Path base = SampleApp.conformanceDir();
    Map<String, Object> test =
        (Map<String, Object>) JsonReader.parse(read(base.resolve("tests/" + TEST + ".json")));
    schema = Schema.parse(read(base.resolve((String) test.get("schema"))));
    engine =
        PolicyEngine.builder()
            .policies(PolicySet.parse(read(base.resolve((String) test.get("policies")))))
            .schema(schema)
            .entities(
                InMemoryEntityStore.fromJson(
                    read(base.resolve((String) test.get("entities"))), schema))
            .build();
    Map<String, Object> q = ((List<Map<String, Object>>) test.get("requests")).get(0);
    principal = uid(q.get("principal"));
    action = uid(q.get("action"));
    resource = uid(q.get("resource"));
    Map<String, Object> ctx = (Map<String, Object>) q.get("context");
    contextJson = SampleApp.json(ctx);
    authenticated = (Boolean) ctx.get("authenticated");
    Map<String, Object> photo = (Map<String, Object>) ctx.get("photo");
    filetype = (String) photo.get("filetype");
    filesize = (Long) photo.get("filesize_mb");
    request = Request.of(principal, action, resource, contextFromJson());
    Decision viaValues =
        engine.authorize(Request.of(principal, action, resource, contextFromValues()));
    if (!request.context().toString().equals(contextFromValues().toString())
        || engine.authorize(request).isAllowed() != viaValues.isAllowed()) {
      throw new IllegalStateException("the two contexts differ");
    }
  }

  @SuppressWarnings("unchecked")
  private static EntityUid uid(Object o) {
    Map<String, Object> m = (Map<String, Object>) o;
    return EntityUid.of((String) m.get("type"), (String) m.get("id"));
  }

  private static String read(Path p) throws Exception {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /**
   * @return the context read from the request's JSON with the schema
   */
  @Benchmark
  public Context contextFromJson() {
    return Context.fromJson(contextJson, schema, action);
  }

  /**
   * @return the same context built from Java values and checked against the schema
   */
  @Benchmark
  public Context contextFromValues() {
    return Context.builder(schema, action)
        .put("authenticated", authenticated)
        .put("photo", Map.of("filetype", filetype, "filesize_mb", filesize))
        .build();
  }

  /**
   * @return the same context built from Java values without a schema
   */
  @Benchmark
  public Context contextFromValuesNoSchema() {
    return Context.builder()
        .put("authenticated", authenticated)
        .put("photo", Map.of("filetype", filetype, "filesize_mb", filesize))
        .build();
  }

  /**
   * @return the decision on the already built request (validated against the schema)
   */
  @Benchmark
  public boolean decision() {
    return engine.authorize(request).isAllowed();
  }

  /**
   * @return a decision on a context built from values, as a caller makes it per request
   */
  @Benchmark
  public boolean decisionWithContextFromValues() {
    return engine
        .authorize(Request.of(principal, action, resource, contextFromValues()))
        .isAllowed();
  }
}
