/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.internal.eval.PolicyDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The scope index must never hide an applicable policy: on random hierarchies, scopes and
 * requests, the engine's reasons equal a brute-force scan of every policy's scope.
 */
class ScopeIndexTest {
  private static final String[] USERS = {"u0", "u1", "u2", "u3", "u4"};
  private static final String[] GROUPS = {"g0", "g1", "g2", "g3"};
  private static final String[] ACTIONS = {"read", "write", "view", "all"};
  private static final String[] RESOURCES = {"r0", "r1", "r2"};
  private static final String[] ALBUMS = {"a0", "a1"};

  private static String uid(String type, String id) {
    return type + "::\"" + id + "\"";
  }

  private static String pick(Random r, String[] xs) {
    return xs[r.nextInt(xs.length)];
  }

  private static String entityJson(String type, String id, List<String> parents) {
    StringBuilder sb = new StringBuilder("{\"uid\":{\"type\":\"" + type + "\",\"id\":\"" + id
        + "\"},\"attrs\":{},\"parents\":[");
    for (int i = 0; i < parents.size(); i++) {
      String[] p = parents.get(i).split(":");
      sb.append(i > 0 ? "," : "").append("{\"type\":\"").append(p[0]).append("\",\"id\":\"")
          .append(p[1]).append("\"}");
    }
    return sb.append("]}").toString();
  }

  private static String principalScope(Random r) {
    switch (r.nextInt(5)) {
      case 0: return "principal";
      case 1: return "principal == " + uid("User", pick(r, USERS));
      case 2: return "principal in " + uid("Group", pick(r, GROUPS));
      case 3: return "principal is " + (r.nextBoolean() ? "User" : "Group");
      default: return "principal is User in " + uid("Group", pick(r, GROUPS));
    }
  }

  private static String actionScope(Random r) {
    switch (r.nextInt(4)) {
      case 0: return "action";
      case 1: return "action == " + uid("Action", pick(r, ACTIONS));
      case 2: return "action in " + uid("Action", pick(r, ACTIONS));
      default: return "action in [" + uid("Action", pick(r, ACTIONS)) + ", "
          + uid("Action", pick(r, ACTIONS)) + "]";
    }
  }

  private static String resourceScope(Random r) {
    switch (r.nextInt(4)) {
      case 0: return "resource";
      case 1: return "resource == " + uid("Photo", pick(r, RESOURCES));
      case 2: return "resource in " + uid("Album", pick(r, ALBUMS));
      default: return "resource is Photo";
    }
  }

  @Test
  void index_randomScopesAndHierarchies_findsExactlyTheBruteForceMatches() throws Exception {
    Random r = new Random(20261130L);
    for (int world = 0; world < 200; world++) {
      List<String> ents = new ArrayList<>();
      for (String u : USERS) {
        List<String> ps = new ArrayList<>();
        if (r.nextBoolean()) {
          ps.add("Group:" + pick(r, GROUPS));
        }
        ents.add(entityJson("User", u, ps));
      }
      for (int g = 0; g < GROUPS.length; g++) {
        List<String> ps = new ArrayList<>();
        if (g + 1 < GROUPS.length && r.nextBoolean()) {
          ps.add("Group:" + GROUPS[g + 1 + r.nextInt(GROUPS.length - g - 1)]);
        }
        ents.add(entityJson("Group", GROUPS[g], ps));
      }
      for (String a : ACTIONS) {
        ents.add(entityJson("Action", a, a.equals("all") ? List.of() : List.of("Action:all")));
      }
      for (String p : RESOURCES) {
        ents.add(entityJson("Photo", p, r.nextBoolean() ? List.of("Album:" + pick(r, ALBUMS))
            : List.of()));
      }
      InMemoryEntityStore store = InMemoryEntityStore.fromJson("[" + String.join(",", ents)
          + "]");
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 30; i++) {
        text.append(r.nextInt(4) == 0 ? "forbid" : "permit").append('(')
            .append(principalScope(r)).append(", ").append(actionScope(r)).append(", ")
            .append(resourceScope(r)).append(");\n");
      }
      PolicySet set = PolicySet.parse(text.toString());
      PolicyEngine engine = PolicyEngine.builder().policies(set).entities(store).build();
      for (int q = 0; q < 20; q++) {
        EntityUid p = r.nextInt(5) == 0 ? EntityUid.of("Group", pick(r, GROUPS))
            : EntityUid.of("User", pick(r, USERS));
        EntityUid a = EntityUid.of("Action", pick(r, ACTIONS));
        EntityUid res = EntityUid.of("Photo", pick(r, RESOURCES));
        Set<String> permits = new TreeSet<>();
        Set<String> forbids = new TreeSet<>();
        for (PolicyDef d : set.definitions()) {
          if (holds(d.principal(), p, ancestors(store, p))
              && holds(d.action(), a, ancestors(store, a))
              && holds(d.resource(), res, ancestors(store, res))) {
            (d.isPermit() ? permits : forbids).add(d.id());
          }
        }
        Decision dec = engine.authorize(Request.of(p, a, res));
        Set<String> expected = forbids.isEmpty() ? permits : forbids;
        assertThat(new TreeSet<>(dec.reasons())).as("world %d request %s %s %s", world, p, a,
            res).isEqualTo(expected);
        assertThat(dec.isAllowed()).isEqualTo(forbids.isEmpty() && !permits.isEmpty());
      }
    }
  }

  /** The scope semantics of Cedar's reference, written out here independently of the engine. */
  private static boolean holds(dev.bulwark.policy.internal.eval.Scope s, EntityUid v,
      Set<EntityUid> anc) {
    switch (s.kind()) {
      case ANY:
        return true;
      case EQ:
        return v.equals(s.uid());
      case IN:
        return v.equals(s.uid()) || anc.contains(s.uid());
      case IS:
        return v.type().equals(s.type());
      case IS_IN:
        return v.type().equals(s.type()) && (v.equals(s.uid()) || anc.contains(s.uid()));
      default:
        for (EntityUid u : s.uids()) {
          if (v.equals(u) || anc.contains(u)) {
            return true;
          }
        }
        return false;
    }
  }

  private static Set<EntityUid> ancestors(InMemoryEntityStore s, EntityUid u) {
    Entity e = s.find(u);
    return e == null ? Set.of() : e.ancestors();
  }
}
