/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.authz;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.internal.eval.Env;
import dev.bulwark.policy.internal.eval.EvalException;
import dev.bulwark.policy.internal.eval.PolicyDef;
import dev.bulwark.policy.internal.eval.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable, thread-safe compiled policy set: the policies plus a scope index, so that a
 * request visits only the policies whose scope can match it.
 *
 * <h2>Design</h2>
 *
 * <p>Each policy is filed in exactly one bucket, chosen from its most selective scope constraint:
 * the principal's entity ({@code ==}, {@code in}, {@code is .. in}) or entity type
 * ({@code is}), else the resource's, else the action's entity (or entities, for
 * {@code in [..]}), else the unindexed list. A request looks up, in each of the three maps, its
 * own uid, each of its ancestors and its entity type: a policy whose constraint is
 * {@code principal in G} is found under G exactly when G is the principal or one of its
 * ancestors. Found policies are then checked in full (all three constraints, then conditions).
 * Only {@code action in [..]} files a policy under several keys; those are deduplicated.
 */
public final class CompiledPolicies {
  /** Receives the outcome of each applicable policy. */
  public interface Sink {
    /**
     * @param policy the policy
     * @param satisfied true if its scope and conditions hold
     * @param error the error message if its evaluation failed, else null
     */
    void accept(PolicyDef policy, boolean satisfied, String error);
  }

  private static final int[] NONE = new int[0];

  private final PolicyDef[] policies;
  private final Map<Object, int[]> byPrincipal;
  private final Map<Object, int[]> byResource;
  private final Map<Object, int[]> byAction;
  private final int[] unindexed;
  private final boolean[] multiKey;
  private final boolean anyMultiKey;

  /**
   * Compiles the index.
   *
   * @param defs the policies (not templates)
   */
  public CompiledPolicies(Iterable<PolicyDef> defs) {
    List<PolicyDef> list = new ArrayList<>();
    defs.forEach(list::add);
    policies = list.toArray(new PolicyDef[0]);
    Map<Object, List<Integer>> p = new HashMap<>();
    Map<Object, List<Integer>> r = new HashMap<>();
    Map<Object, List<Integer>> a = new HashMap<>();
    List<Integer> rest = new ArrayList<>();
    multiKey = new boolean[policies.length];
    boolean multi = false;
    for (int i = 0; i < policies.length; i++) {
      PolicyDef d = policies[i];
      Object k = key(d.principal());
      if (k != null) {
        p.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
        continue;
      }
      k = key(d.resource());
      if (k != null) {
        r.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
        continue;
      }
      Scope as = d.action();
      if (as.kind() == Scope.Kind.EQ || as.kind() == Scope.Kind.IN) {
        a.computeIfAbsent(as.uid(), x -> new ArrayList<>()).add(i);
        continue;
      }
      if (as.kind() == Scope.Kind.IN_SET && !as.uids().isEmpty()) {
        for (EntityUid u : as.uids()) {
          a.computeIfAbsent(u, x -> new ArrayList<>()).add(i);
        }
        if (as.uids().size() > 1) {
          multiKey[i] = true;
          multi = true;
        }
        continue;
      }
      rest.add(i);
    }
    anyMultiKey = multi;
    byPrincipal = freeze(p);
    byResource = freeze(r);
    byAction = freeze(a);
    unindexed = rest.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Object key(Scope s) {
    switch (s.kind()) {
      case EQ:
      case IN:
      case IS_IN:
        return s.uid();
      case IS:
        return s.type();
      default:
        return null;
    }
  }

  private static Map<Object, int[]> freeze(Map<Object, List<Integer>> m) {
    Map<Object, int[]> out = new HashMap<>(m.size() * 2);
    for (Map.Entry<Object, List<Integer>> e : m.entrySet()) {
      out.put(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /** @return the number of policies */
  public int size() {
    return policies.length;
  }

  /**
   * Evaluates every policy that applies to the request.
   *
   * @param env the request environment
   * @param pAnc the principal's ancestors
   * @param aAnc the action's ancestors
   * @param rAnc the resource's ancestors
   * @param sink receives each applicable policy's outcome
   */
  public void evaluate(Env env, Set<EntityUid> pAnc, Set<EntityUid> aAnc, Set<EntityUid> rAnc,
      Sink sink) {
    long[] seen = anyMultiKey ? new long[(policies.length + 63) >>> 6] : null;
    EntityUid p = env.principal();
    EntityUid a = env.action();
    EntityUid r = env.resource();
    if (!byPrincipal.isEmpty()) {
      visit(byPrincipal, p, pAnc, env, pAnc, aAnc, rAnc, sink, seen);
    }
    if (!byResource.isEmpty()) {
      visit(byResource, r, rAnc, env, pAnc, aAnc, rAnc, sink, seen);
    }
    if (!byAction.isEmpty()) {
      visit(byAction, a, aAnc, env, pAnc, aAnc, rAnc, sink, seen);
    }
    run(unindexed, env, pAnc, aAnc, rAnc, sink, seen);
  }

  private void visit(Map<Object, int[]> map, EntityUid v, Set<EntityUid> anc, Env env,
      Set<EntityUid> pAnc, Set<EntityUid> aAnc, Set<EntityUid> rAnc, Sink sink, long[] seen) {
    run(map.getOrDefault(v, NONE), env, pAnc, aAnc, rAnc, sink, seen);
    run(map.getOrDefault(v.type(), NONE), env, pAnc, aAnc, rAnc, sink, seen);
    for (EntityUid u : anc) {
      if (!u.equals(v)) {
        run(map.getOrDefault(u, NONE), env, pAnc, aAnc, rAnc, sink, seen);
      }
    }
  }

  private void run(int[] idx, Env env, Set<EntityUid> pAnc, Set<EntityUid> aAnc,
      Set<EntityUid> rAnc, Sink sink, long[] seen) {
    for (int i : idx) {
      if (seen != null && multiKey[i]) {
        long bit = 1L << (i & 63);
        if ((seen[i >>> 6] & bit) != 0) {
          continue;
        }
        seen[i >>> 6] |= bit;
      }
      PolicyDef d = policies[i];
      if (!d.principal().matches(env.principal(), pAnc)
          || !d.action().matches(env.action(), aAnc)
          || !d.resource().matches(env.resource(), rAnc)) {
        continue;
      }
      boolean ok;
      try {
        ok = d.conditionsHold(env);
      } catch (EvalException e) {
        sink.accept(d, false, e.getMessage());
        continue;
      } catch (StackOverflowError e) {
        // The parsers bound expression height, but a caller's thread may have a small stack.
        // Evaluation holds no locks and changes no shared state, so the overflow is contained
        // to this policy, which errors as Cedar's recursion limit makes it error.
        sink.accept(d, false, "evaluation exceeded the thread's stack: expression too deep");
        continue;
      }
      sink.accept(d, ok, null);
    }
  }

  @Override
  public String toString() {
    return "CompiledPolicies[" + policies.length + " policies, " + unindexed.length
        + " unindexed, keys p/r/a=" + byPrincipal.size() + "/" + byResource.size() + "/"
        + byAction.size() + "]";
  }
}
