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
 * The scope index must never hide an applicable policy: on random hierarchies, scopes and requests,
 * the engine's reasons equal a brute-force scan of every policy's scope.
 */
class ScopeIndexTest {
  private static final String[] USERS = {"u0", "u1", "u2", "u3", "u4"};
  private static final String[] GROUPS = {"g0", "g1", "g2", "g3"};
  // Enough groups in one chain that a user's ancestors pass EntityData's array-scan limit (8).
  private static final String[] DEEP_GROUPS = {
    "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9", "g10", "g11", "g12", "g13"
  };
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
    StringBuilder sb =
        new StringBuilder(
            "{\"uid\":{\"type\":\""
                + type
                + "\",\"id\":\""
                + id
                + "\"},\"attrs\":{},\"parents\":[");
    for (int i = 0; i < parents.size(); i++) {
      String[] p = parents.get(i).split(":");
      sb.append(i > 0 ? "," : "")
          .append("{\"type\":\"")
          .append(p[0])
          .append("\",\"id\":\"")
          .append(p[1])
          .append("\"}");
    }
    return sb.append("]}").toString();
  }

  private static String principalScope(Random r, String[] groups) {
    switch (r.nextInt(5)) {
      case 0:
        return "principal";
      case 1:
        return "principal == " + uid("User", pick(r, USERS));
      case 2:
        return "principal in " + uid("Group", pick(r, groups));
      case 3:
        return "principal is " + (r.nextBoolean() ? "User" : "Group");
      default:
        return "principal is User in " + uid("Group", pick(r, groups));
    }
  }

  private static String actionScope(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return "action";
      case 1:
        return "action == " + uid("Action", pick(r, ACTIONS));
      case 2:
        return "action in " + uid("Action", pick(r, ACTIONS));
      default:
        return "action in ["
            + uid("Action", pick(r, ACTIONS))
            + ", "
            + uid("Action", pick(r, ACTIONS))
            + "]";
    }
  }

  private static String resourceScope(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return "resource";
      case 1:
        return "resource == " + uid("Photo", pick(r, RESOURCES));
      case 2:
        return "resource in " + uid("Album", pick(r, ALBUMS));
      default:
        return "resource is Photo";
    }
  }

  @Test
  void index_randomScopesAndHierarchies_findsExactlyTheBruteForceMatches() throws Exception {
    checkWorlds(new Random(20261130L), 30, GROUPS, false);
  }

  @Test
  void scan_smallRandomPolicySets_findsExactlyTheBruteForceMatches() throws Exception {
    checkWorlds(new Random(20261201L), 6, GROUPS, false);
  }

  @Test
  void index_deepGroupChains_findsExactlyTheBruteForceMatches() throws Exception {
    checkWorlds(new Random(20261202L), 30, DEEP_GROUPS, true);
  }

  @Test
  void scan_deepGroupChains_findsExactlyTheBruteForceMatches() throws Exception {
    checkWorlds(new Random(20261203L), 6, DEEP_GROUPS, true);
  }

  /**
   * Decides random requests in 200 random worlds and compares with the brute-force scan.
   *
   * @param policyCount policies per world: above {@code CompiledPolicies.SCAN_ALL} the index is
   *     used, at or below it every scope is checked
   * @param groups the group ids
   * @param chain true to put every group under the next one (long ancestor lists)
   */
  private static void checkWorlds(Random r, int policyCount, String[] groups, boolean chain)
      throws Exception {
    for (int world = 0; world < 200; world++) {
      List<String> ents = new ArrayList<>();
      for (String u : USERS) {
        List<String> ps = new ArrayList<>();
        if (r.nextBoolean()) {
          ps.add("Group:" + pick(r, groups));
        }
        ents.add(entityJson("User", u, ps));
      }
      for (int g = 0; g < groups.length; g++) {
        List<String> ps = new ArrayList<>();
        if (g + 1 < groups.length && (chain || r.nextBoolean())) {
          ps.add("Group:" + groups[chain ? g + 1 : g + 1 + r.nextInt(groups.length - g - 1)]);
        }
        ents.add(entityJson("Group", groups[g], ps));
      }
      for (String a : ACTIONS) {
        ents.add(entityJson("Action", a, a.equals("all") ? List.of() : List.of("Action:all")));
      }
      for (String p : RESOURCES) {
        ents.add(
            entityJson(
                "Photo", p, r.nextBoolean() ? List.of("Album:" + pick(r, ALBUMS)) : List.of()));
      }
      InMemoryEntityStore store = InMemoryEntityStore.fromJson("[" + String.join(",", ents) + "]");
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < policyCount; i++) {
        text.append(r.nextInt(4) == 0 ? "forbid" : "permit")
            .append('(')
            .append(principalScope(r, groups))
            .append(", ")
            .append(actionScope(r))
            .append(", ")
            .append(resourceScope(r))
            .append(");\n");
      }
      PolicySet set = PolicySet.parse(text.toString());
      PolicyEngine engine = PolicyEngine.builder().policies(set).entities(store).build();
      for (int q = 0; q < 20; q++) {
        EntityUid p =
            r.nextInt(5) == 0
                ? EntityUid.of("Group", pick(r, groups))
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
        assertThat(new TreeSet<>(dec.reasons()))
            .as("world %d request %s %s %s", world, p, a, res)
            .isEqualTo(expected);
        assertThat(dec.isAllowed()).isEqualTo(forbids.isEmpty() && !permits.isEmpty());
      }
    }
  }

  /** The scope semantics of Cedar's reference, written out here independently of the engine. */
  private static boolean holds(
      dev.bulwark.policy.internal.eval.Scope s, EntityUid v, Set<EntityUid> anc) {
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
