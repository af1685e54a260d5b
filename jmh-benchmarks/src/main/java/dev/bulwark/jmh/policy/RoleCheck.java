/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.policy;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
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
 * Plain role checks (RBAC: users have roles, roles may do actions on resources) by Bulwark, jCasbin
 * and cedar-java, on the same grants and the same requests: 100 users in 10 roles, 50 grants, 8
 * requests of which half are allowed.
 *
 * <p>jCasbin: the RBAC model with {@code g(r.sub, p.sub)}; Cedar (both engines): one policy per
 * grant, {@code permit(principal in Role::"r", action == Action::"a", resource == Doc::"d")}, with
 * users as members of their role entities.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class RoleCheck {
  private static final String CASBIN_MODEL =
      String.join(
          "\n",
          "[request_definition]",
          "r = sub, obj, act",
          "[policy_definition]",
          "p = sub, obj, act",
          "[role_definition]",
          "g = _, _",
          "[policy_effect]",
          "e = some(where (p.eft == allow))",
          "[matchers]",
          "m = g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act");
  private static final String[] ACTIONS = {"read", "write"};

  private PolicyEngine bulwark;
  private final List<Request> bulwarkRequests = new ArrayList<>();
  private Enforcer casbin;
  private final List<String[]> casbinRequests = new ArrayList<>();
  private CedarJava cedarCached;
  private int next;

  /** Loads the inputs and checks that every engine decides every request as expected. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Model model = new Model();
    model.loadModelFromText(CASBIN_MODEL);
    casbin = new Enforcer(model);
    List<String> policies = new ArrayList<>();
    for (int g = 0; g < 50; g++) {
      String role = "r" + (g % 10);
      String doc = "d" + (g * 7 % 40);
      String act = ACTIONS[g % 2];
      casbin.addPolicy(role, doc, act);
      policies.add(
          "permit (principal in Role::\""
              + role
              + "\", action == Action::\""
              + act
              + "\", resource == Doc::\""
              + doc
              + "\");");
    }
    StringBuilder entities = new StringBuilder("[");
    for (int u = 0; u < 100; u++) {
      casbin.addGroupingPolicy("u" + u, "r" + (u % 10));
      entities
          .append(u > 0 ? "," : "")
          .append("{\"uid\":{\"type\":\"User\",\"id\":\"u")
          .append(u)
          .append("\"},\"attrs\":{},\"parents\":[{\"type\":\"Role\",\"id\":\"r")
          .append(u % 10)
          .append("\"}]}");
    }
    entities.append("]");
    bulwark =
        PolicyEngine.builder()
            .policies(PolicySet.parse(String.join("\n", policies)))
            .entities(InMemoryEntityStore.fromJson(entities.toString()))
            .build();

    // (user, doc, action): granted g = 0..3 via their roles, and four that no grant covers.
    String[][] qs = {
      {"u0", "d0", "read"},
      {"u11", "d7", "write"},
      {"u22", "d14", "read"},
      {"u33", "d21", "write"},
      {"u0", "d0", "write"},
      {"u5", "d7", "write"},
      {"u99", "d39", "read"},
      {"u42", "d1", "read"}
    };
    List<String[]> uids = new ArrayList<>();
    List<Map<String, Object>> contexts = new ArrayList<>();
    for (String[] q : qs) {
      casbinRequests.add(q);
      bulwarkRequests.add(
          Request.of(
              EntityUid.of("User", q[0]), EntityUid.of("Action", q[2]), EntityUid.of("Doc", q[1])));
      uids.add(
          new String[] {
            "User::\"" + q[0] + "\"", "Action::\"" + q[2] + "\"", "Doc::\"" + q[1] + "\""
          });
      contexts.add(Map.of());
    }
    cedarCached = new CedarJava(policies, entities.toString(), null, uids, contexts, false, true);
    int allowed = 0;
    for (int i = 0; i < qs.length; i++) {
      boolean b = bulwark.authorize(bulwarkRequests.get(i)).isAllowed();
      boolean c = casbin.enforce((Object[]) casbinRequests.get(i));
      boolean j = cedarCached.authorize(i);
      if (b != c || b != j) {
        throw new IllegalStateException(
            "request " + i + ": Bulwark " + b + ", jCasbin " + c + ", cedar-java " + j);
      }
      allowed += b ? 1 : 0;
    }
    if (allowed != 4) {
      throw new IllegalStateException("expected 4 of 8 requests allowed, was " + allowed);
    }
  }

  private int nextIndex() {
    int i = next;
    next = (i + 1) & 7;
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
   * @return jCasbin's decision on the next request
   */
  @Benchmark
  public boolean jcasbin() {
    return casbin.enforce((Object[]) casbinRequests.get(nextIndex()));
  }

  /**
   * @return cedar-java's decision, policy set (and schema) cached on the native side
   */
  @Benchmark
  public boolean cedarJavaCached() throws Exception {
    return cedarCached.authorize(nextIndex());
  }
}
