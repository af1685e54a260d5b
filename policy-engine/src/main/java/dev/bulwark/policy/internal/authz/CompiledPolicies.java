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
import dev.bulwark.policy.internal.value.EntityData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, thread-safe compiled policy set: the policies plus a scope index, so that a request
 * visits only the policies whose scope can match it.
 *
 * <h2>Design</h2>
 *
 * <p>A policy constrained on both principal and resource (the common shape of a grant) is filed
 * once, in a two-level map under its principal key and then its resource key; a request looks up
 * each pair of its own principal keys (uid, type, ancestors) and resource keys, so it meets only
 * the policies whose principal and resource constraints can both hold.
 *
 * <p>The other policies are indexed per scope slot (principal, action, resource). Each is filed in
 * every slot: under its constraint's entity ({@code ==}, {@code in}, {@code is .. in}) or entity
 * type ({@code is}), under each entity of an action's {@code in [..]}, or in the slot's list of
 * unconstrained policies. A request's candidates in one slot are the lists found under its own uid,
 * its entity type and each of its ancestors, plus the unconstrained list: a policy whose constraint
 * is {@code principal in G} is found under G exactly when G is the principal or one of its
 * ancestors. Every slot's candidates are therefore a superset of the matching policies.
 *
 * <p>Per request, the three slots' candidate counts are summed from the list lengths (a few hash
 * lookups, no allocation) and only the smallest slot is walked; each candidate is then checked
 * against all three constraints (cheap uid and ancestor-set tests) before its conditions run. With
 * many policies filed under distinct principals or resources, this makes the work grow with the
 * number of policies that share the request's most selective slot, not with the set.
 *
 * <p>A policy appears at most once per key, and under a principal or resource key only once, but
 * {@code action in [A, B]} is filed under both A and B; when the action slot is walked such a
 * policy runs only under the first of its entities that the request's action is or descends from,
 * which deduplicates without a per-request bitmap.
 *
 * <p>A set of at most {@link #SCAN_ALL} policies skips the index at request time and checks each
 * policy's scope in turn, which for so few policies costs less than the lookups.
 */
public final class CompiledPolicies {
  /** Receives the outcome of each applicable policy. */
  public interface Sink {
    /**
     * @param index the policy's position in the set, as in {@link #policy(int)}
     * @param policy the policy
     * @param satisfied true if its scope and conditions hold
     * @param error the error message if its evaluation failed, else null
     */
    void accept(int index, PolicyDef policy, boolean satisfied, String error);
  }

  private static final int[] NONE = new int[0];

  /**
   * Up to this many policies, a request checks every policy's scope instead of using the index: a
   * failed scope check is a few comparisons of a uid's hash, cheaper than the hash lookups that
   * choose a slot (about three per slot, each following pointers into the maps and keys).
   */
  static final int SCAN_ALL = 8;

  private final PolicyDef[] policies;
  private final Map<Object, int[]> byPrincipal;
  private final Map<Object, int[]> byResource;
  private final Map<Object, int[]> byAction;
  private final Map<Object, Map<Object, int[]>> byPrincipalResource;
  private final int[] anyPrincipal;
  private final int[] anyResource;
  private final int[] anyAction;
  private final boolean[] multiKey;
  private final int[] all;
  // Whether any key of these maps is an entity type ({@code is T}); when none is, a request
  // skips the lookup of its own type there.
  private final boolean pairPrincipalTypes;
  private final boolean pairResourceTypes;
  private final boolean principalTypes;
  private final boolean resourceTypes;

  /**
   * Compiles the index.
   *
   * @param defs the policies (not templates)
   */
  public CompiledPolicies(Iterable<PolicyDef> defs) {
    List<PolicyDef> list = new ArrayList<>();
    defs.forEach(list::add);
    policies = list.toArray(new PolicyDef[0]);
    all = new int[policies.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    Map<Object, List<Integer>> p = new HashMap<>();
    Map<Object, List<Integer>> r = new HashMap<>();
    Map<Object, List<Integer>> a = new HashMap<>();
    List<Integer> pAny = new ArrayList<>();
    List<Integer> rAny = new ArrayList<>();
    List<Integer> aAny = new ArrayList<>();
    multiKey = new boolean[policies.length];
    Map<Object, Map<Object, List<Integer>>> pr = new HashMap<>();
    boolean prTypes = false;
    boolean rrTypes = false;
    boolean pTypes = false;
    boolean rTypes = false;
    for (int i = 0; i < policies.length; i++) {
      PolicyDef d = policies[i];
      Object pk = key(d.principal());
      Object rk = key(d.resource());
      if (pk != null && rk != null) {
        prTypes |= pk instanceof String;
        rrTypes |= rk instanceof String;
        pr.computeIfAbsent(pk, x -> new HashMap<>())
            .computeIfAbsent(rk, x -> new ArrayList<>())
            .add(i);
        continue;
      }
      pTypes |= pk instanceof String;
      rTypes |= rk instanceof String;
      file(p, pAny, pk, i);
      file(r, rAny, rk, i);
      Scope as = d.action();
      if (as.kind() == Scope.Kind.EQ || as.kind() == Scope.Kind.IN) {
        file(a, aAny, as.uid(), i);
      } else if (as.kind() == Scope.Kind.IN_SET && !as.uids().isEmpty()) {
        for (EntityUid u : as.uids()) {
          file(a, aAny, u, i);
        }
        multiKey[i] = as.uids().size() > 1;
      } else {
        // ANY, and the empty `in []` that matches nothing: the full scope check rejects the latter.
        aAny.add(i);
      }
    }
    Map<Object, Map<Object, int[]>> prFrozen = new HashMap<>(pr.size() * 2);
    for (Map.Entry<Object, Map<Object, List<Integer>>> e : pr.entrySet()) {
      prFrozen.put(e.getKey(), freeze(e.getValue()));
    }
    byPrincipalResource = prFrozen;
    pairPrincipalTypes = prTypes;
    pairResourceTypes = rrTypes;
    principalTypes = pTypes;
    resourceTypes = rTypes;
    byPrincipal = freeze(p);
    byResource = freeze(r);
    byAction = freeze(a);
    anyPrincipal = toArray(pAny);
    anyResource = toArray(rAny);
    anyAction = toArray(aAny);
  }

  private static void file(Map<Object, List<Integer>> map, List<Integer> any, Object key, int i) {
    if (key == null) {
      any.add(i);
    } else {
      map.computeIfAbsent(key, x -> new ArrayList<>()).add(i);
    }
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

  private static int[] toArray(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Map<Object, int[]> freeze(Map<Object, List<Integer>> m) {
    Map<Object, int[]> out = new HashMap<>(m.size() * 2);
    for (Map.Entry<Object, List<Integer>> e : m.entrySet()) {
      out.put(e.getKey(), toArray(e.getValue()));
    }
    return out;
  }

  /**
   * @return the number of policies
   */
  public int size() {
    return policies.length;
  }

  /**
   * @param index a position below {@link #size()}, in the order the policies were given
   * @return the policy at that position
   */
  public PolicyDef policy(int index) {
    return policies[index];
  }

  private static final EntityUid[] NO_UIDS = new EntityUid[0];

  private static EntityUid[] ancestors(EntityData e) {
    return e == null ? NO_UIDS : e.ancestorArray();
  }

  /**
   * Evaluates every policy that applies to the request. The request's principal, action and
   * resource entities, with their ancestors, are those {@link Env#prefetched} gave the environment
   * (null for an entity the store does not have, which has no ancestors).
   *
   * @param env the request environment
   * @param sink receives each applicable policy's outcome
   */
  public void evaluate(Env env, Sink sink) {
    if (policies.length == 0) {
      return;
    }
    if (policies.length <= SCAN_ALL) {
      run(all, null, env, sink);
      return;
    }
    EntityUid p = env.principal();
    EntityUid a = env.action();
    EntityUid r = env.resource();
    EntityUid[] pList = ancestors(env.principalData());
    EntityUid[] aList = ancestors(env.actionData());
    EntityUid[] rList = ancestors(env.resourceData());
    if (!byPrincipalResource.isEmpty()) {
      walkPairs(p, pList, r, rList, env, sink);
    }
    int best = count(byPrincipal, anyPrincipal, p, principalTypes, pList, Integer.MAX_VALUE);
    int slot = 0;
    int n = count(byResource, anyResource, r, resourceTypes, rList, best);
    if (n < best) {
      best = n;
      slot = 1;
    }
    n = count(byAction, anyAction, a, false, aList, best);
    if (n < best) {
      slot = 2;
    }
    switch (slot) {
      case 0:
        walk(byPrincipal, anyPrincipal, p, principalTypes, pList, false, env, sink);
        break;
      case 1:
        walk(byResource, anyResource, r, resourceTypes, rList, false, env, sink);
        break;
      default:
        walk(byAction, anyAction, a, false, aList, true, env, sink);
        break;
    }
  }

  /** Walks the policies constrained on both principal and resource: pairs of request keys. */
  private void walkPairs(
      EntityUid p, EntityUid[] pList, EntityUid r, EntityUid[] rList, Env env, Sink sink) {
    walkResources(byPrincipalResource.get(p), r, rList, env, sink);
    if (pairPrincipalTypes) {
      walkResources(byPrincipalResource.get(p.type()), r, rList, env, sink);
    }
    for (EntityUid u : pList) {
      if (!u.equals(p)) {
        walkResources(byPrincipalResource.get(u), r, rList, env, sink);
      }
    }
  }

  private void walkResources(
      Map<Object, int[]> byResourceKey, EntityUid r, EntityUid[] rList, Env env, Sink sink) {
    if (byResourceKey == null) {
      return;
    }
    run(byResourceKey.getOrDefault(r, NONE), null, env, sink);
    if (pairResourceTypes) {
      run(byResourceKey.getOrDefault(r.type(), NONE), null, env, sink);
    }
    for (EntityUid u : rList) {
      if (!u.equals(r)) {
        run(byResourceKey.getOrDefault(u, NONE), null, env, sink);
      }
    }
  }

  /** The slot's candidate count, or any value at least {@code limit} once it reaches it. */
  private static int count(
      Map<Object, int[]> map, int[] any, EntityUid v, boolean types, EntityUid[] anc, int limit) {
    int n = any.length;
    if (map.isEmpty() || n >= limit) {
      return n;
    }
    n += map.getOrDefault(v, NONE).length;
    if (types) {
      n += map.getOrDefault(v.type(), NONE).length;
    }
    for (EntityUid u : anc) {
      if (n >= limit) {
        return n;
      }
      if (!u.equals(v)) {
        n += map.getOrDefault(u, NONE).length;
      }
    }
    return n;
  }

  private void walk(
      Map<Object, int[]> map,
      int[] any,
      EntityUid v,
      boolean types,
      EntityUid[] anc,
      boolean action,
      Env env,
      Sink sink) {
    run(any, null, env, sink);
    if (map.isEmpty()) {
      return;
    }
    run(map.getOrDefault(v, NONE), action ? v : null, env, sink);
    if (types) {
      run(map.getOrDefault(v.type(), NONE), null, env, sink);
    }
    for (EntityUid u : anc) {
      if (!u.equals(v)) {
        run(map.getOrDefault(u, NONE), action ? u : null, env, sink);
      }
    }
  }

  /**
   * True if {@code key} is the first entity of the policy's {@code action in [..]} that the
   * request's action is or descends from, so that a policy filed under several of the keys a
   * request looks up runs once.
   */
  private static boolean firstActionKey(PolicyDef d, EntityUid key, EntityUid a, EntityData aData) {
    for (EntityUid u : d.action().uidArray()) {
      if (u.equals(a) || (aData != null && aData.hasAncestor(u))) {
        return u.equals(key);
      }
    }
    return false;
  }

  /**
   * @param actionKey the action key the list was found under, when walking the action slot
   */
  private void run(int[] idx, EntityUid actionKey, Env env, Sink sink) {
    for (int i : idx) {
      PolicyDef d = policies[i];
      if (actionKey != null
          && multiKey[i]
          && !firstActionKey(d, actionKey, env.action(), env.actionData())) {
        continue;
      }
      if (!d.principal().matches(env.principal(), env.principalData())
          || !d.action().matches(env.action(), env.actionData())
          || !d.resource().matches(env.resource(), env.resourceData())) {
        continue;
      }
      boolean ok;
      try {
        ok = d.conditionsHold(env);
      } catch (EvalException e) {
        sink.accept(i, d, false, e.getMessage());
        continue;
      } catch (StackOverflowError e) {
        // The parsers bound expression height, but a caller's thread may have a small stack.
        // Evaluation holds no locks and changes no shared state, so the overflow is contained
        // to this policy, which errors as Cedar's recursion limit makes it error.
        sink.accept(i, d, false, "evaluation exceeded the thread's stack: expression too deep");
        continue;
      }
      sink.accept(i, d, ok, null);
    }
  }

  @Override
  public String toString() {
    return "CompiledPolicies["
        + policies.length
        + " policies, principal keys with resource keys="
        + byPrincipalResource.size()
        + ", keys p/r/a="
        + byPrincipal.size()
        + "/"
        + byResource.size()
        + "/"
        + byAction.size()
        + ", unconstrained p/r/a="
        + anyPrincipal.length
        + "/"
        + anyResource.length
        + "/"
        + anyAction.length
        + "]";
  }
}
