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
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision against generated policy sets of 10 to 10,000 policies, by Bulwark and cedar-java on
 * the same policies, entities and requests.
 *
 * <p>Policy {@code i} permits members of team {@code i % 50} to act on documents in folder {@code
 * (i / 50) % 100}, when a condition on the context and the document holds; every fifth policy is a
 * forbid on an action nobody requests. The four requests (members of teams 0 to 3, on documents of
 * folder 0) each match one to three policies at every size, so the cost of the policies that cannot
 * apply is what grows. {@link #bulwarkLatency} samples single decisions for the percentiles.
 * Bulwark holds 200 users and 400 documents in its store; cedar-java is passed only each request's
 * principal and resource entities.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class PolicyScale {
  static final int TEAMS = 50;
  static final int FOLDERS = 100;
  static final String SCHEMA =
      String.join(
          "\n",
          "entity Team;",
          "entity User in [Team] { level: Long };",
          "entity Folder;",
          "entity Doc in [Folder] { level: Long, owner: User };",
          "action view, edit, purge appliesTo { principal: [User], resource: [Doc],",
          "  context: { hour: Long, mfa: Bool } };");

  /** Number of policies in the set. */
  @Param({"10", "100", "1000", "10000"})
  public int policies;

  /**
   * Which request each invocation decides: {@code all} (the default) takes the four in turn; {@code
   * 0} to {@code 3} repeats one of them, to see whether one request sets the tail ({@code -p
   * request=0,1,2,3}).
   */
  @Param({"all"})
  public String request;

  private PolicyEngine bulwark;
  private final List<Request> bulwarkRequests = new ArrayList<>();
  private CedarJava cedarCached;
  private CedarJava cedarUncached;
  private int next;
  private int only = -1;

  static List<String> policyTexts(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int team = i % TEAMS;
      int folder = (i / TEAMS) % FOLDERS;
      if (i % 5 == 4) {
        out.add(
            "forbid (principal in Team::\"t"
                + team
                + "\", action == Action::\"purge\","
                + " resource in Folder::\"f"
                + folder
                + "\");");
      } else {
        out.add(
            "permit (principal in Team::\"t"
                + team
                + "\", action in [Action::\"view\","
                + " Action::\"edit\"], resource in Folder::\"f"
                + folder
                + "\") when {"
                + " context.hour >= "
                + (i % 9)
                + " && resource.level <= principal.level + "
                + (i % 3)
                + " };");
      }
    }
    return out;
  }

  static String user(int u) {
    return "{\"uid\":{\"type\":\"User\",\"id\":\"u"
        + u
        + "\"},\"attrs\":{\"level\":"
        + (u % 7)
        + "},\"parents\":[{\"type\":\"Team\",\"id\":\"t"
        + (u % TEAMS)
        + "\"}]}";
  }

  static String doc(int d) {
    return "{\"uid\":{\"type\":\"Doc\",\"id\":\"d"
        + d
        + "\"},\"attrs\":{\"level\":"
        + (d % 5)
        + ",\"owner\":{\"type\":\"User\",\"id\":\"u"
        + (d % 200)
        + "\"}},\"parents\":[{\"type\":"
        + "\"Folder\",\"id\":\"f"
        + (d % FOLDERS)
        + "\"}]}";
  }

  /** 200 users in 50 teams and 400 documents in 100 folders. */
  static String entitiesJson() {
    StringBuilder sb = new StringBuilder("[");
    for (int u = 0; u < 200; u++) {
      sb.append(u > 0 ? "," : "").append(user(u));
    }
    for (int d = 0; d < 400; d++) {
      sb.append(',').append(doc(d));
    }
    return sb.append("]").toString();
  }

  /** Members of teams 0 to 3 on documents of folder 0, which policies 0 to 3 (and more) grant. */
  static String[][] requestUids() {
    return new String[][] {
      {"User::\"u0\"", "Action::\"view\"", "Doc::\"d0\""},
      {"User::\"u1\"", "Action::\"edit\"", "Doc::\"d100\""},
      {"User::\"u2\"", "Action::\"view\"", "Doc::\"d200\""},
      {"User::\"u53\"", "Action::\"edit\"", "Doc::\"d300\""}
    };
  }

  /** Loads the inputs and checks that every engine decides every request as expected. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    List<String> texts = policyTexts(policies);
    String entities = entitiesJson();
    Schema schema = Schema.parse(SCHEMA);
    bulwark =
        PolicyEngine.builder()
            .policies(PolicySet.parse(String.join("\n", texts)))
            .schema(schema)
            .entities(InMemoryEntityStore.fromJson(entities, schema))
            .build();
    List<String[]> uids = new ArrayList<>();
    List<Map<String, Object>> contexts = new ArrayList<>();
    for (String[] u : requestUids()) {
      uids.add(u);
      contexts.add(Map.of("hour", 10L, "mfa", Boolean.TRUE));
      EntityUid action = dev.bulwark.policy.internal.parse.CedarParser.parseEntityUid(u[1]);
      bulwarkRequests.add(
          Request.of(
              dev.bulwark.policy.internal.parse.CedarParser.parseEntityUid(u[0]),
              action,
              dev.bulwark.policy.internal.parse.CedarParser.parseEntityUid(u[2]),
              Context.fromJson("{\"hour\": 10, \"mfa\": true}", schema, action)));
    }
    // cedar-java gets each request's principal and resource only, as a careful caller slices
    // entities per request; Bulwark holds the whole store in memory.
    List<String> slices = new ArrayList<>();
    for (String[] u : requestUids()) {
      slices.add(
          "["
              + user(Integer.parseInt(u[0].replaceAll("\\D", "")))
              + ","
              + doc(Integer.parseInt(u[2].replaceAll("\\D", "")))
              + "]");
    }
    cedarCached = new CedarJava(texts, entities, slices, SCHEMA, uids, contexts, false, true);
    cedarUncached = new CedarJava(texts, entities, slices, SCHEMA, uids, contexts, false, false);
    if (!"all".equals(request)) {
      only = Integer.parseInt(request);
      if (only < 0 || only > 3) {
        throw new IllegalArgumentException("request must be all or 0 to 3, was " + request);
      }
    }
    for (int i = 0; i < uids.size(); i++) {
      var d = bulwark.authorize(bulwarkRequests.get(i));
      boolean c = cedarCached.authorize(i);
      if (d.isAllowed() != c || !d.isAllowed() || d.reasons().size() > 3) {
        throw new IllegalStateException(
            "request "
                + i
                + ": Bulwark "
                + d
                + ", cedar-java "
                + c
                + "; every request must be allowed by one to three policies");
      }
    }
  }

  private int nextIndex() {
    if (only >= 0) {
      return only;
    }
    int i = next;
    next = (i + 1) & 3;
    return i;
  }

  /**
   * @return Bulwark's decision on the next request
   */
  @Benchmark
  public boolean bulwark() {
    return bulwark.authorize(bulwarkRequests.get(nextIndex())).isAllowed();
  }

  /**
   * @return Bulwark's decision on the next request, sampled one by one for percentiles
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public boolean bulwarkLatency() {
    return bulwark.authorize(bulwarkRequests.get(nextIndex())).isAllowed();
  }

  /**
   * @return cedar-java's decision, policy set (and schema) cached on the native side
   */
  @Benchmark
  public boolean cedarJavaCached() throws Exception {
    return cedarCached.authorize(nextIndex());
  }

  /**
   * @return cedar-java's decision, everything serialised per call
   */
  @Benchmark
  public boolean cedarJavaUncached() throws Exception {
    return cedarUncached.authorize(nextIndex());
  }
}
