/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates random authorization problems for the differential test. One fixed schema shape (users
 * in groups in groups, photos in albums in albums, extension-typed attributes, tags, optional
 * attributes) with random entity data, and random policies over it: every scope form, templates,
 * and conditions drawn from the whole expression language, including the ones that raise errors
 * (overflow, missing attributes and tags, type errors, bad extension literals) and {@code like}
 * patterns with escapes. Deterministic in its seed.
 */
final class WorldGenerator {
  static final String SCHEMA =
      String.join(
          "\n",
          "entity Group in [Group] { level: Long };",
          "entity User in [Group] { name: String, age: Long, ip: ipaddr, score: decimal,",
          "  roles: Set<String>, manager?: User, joined?: datetime, wait?: duration,",
          "  home?: { city: String, zip?: Long } } tags String;",
          "entity Album in [Album] { owner: User, private: Bool };",
          "entity Photo in [Album] { owner: User, private: Bool, size: Long, labels: Set<String> };",
          "action read;",
          "action view, edit in [read] appliesTo { principal: [User], resource: [Photo, Album],",
          "  context: { ip: ipaddr, authenticated: Bool, level?: Long, when?: datetime,",
          "             dur?: duration } };",
          "action delete appliesTo { principal: [User], resource: [Photo], context: {} };");

  /** {@link #SCHEMA} in Cedar's JSON schema format, spelling types in each of its ways. */
  static final String SCHEMA_JSON =
      String.join(
          "\n",
          "{\"\": {",
          " \"commonTypes\": {\"Ctx\": {\"type\": \"Record\", \"attributes\": {",
          "   \"ip\": {\"type\": \"Extension\", \"name\": \"ipaddr\"},",
          "   \"authenticated\": {\"type\": \"Boolean\"},",
          "   \"level\": {\"type\": \"Long\", \"required\": false},",
          "   \"when\": {\"type\": \"datetime\", \"required\": false},",
          "   \"dur\": {\"type\": \"EntityOrCommon\", \"name\": \"duration\", \"required\": false}}}},",
          " \"entityTypes\": {",
          "  \"Group\": {\"memberOfTypes\": [\"Group\"], \"shape\": {\"type\": \"Record\",",
          "    \"attributes\": {\"level\": {\"type\": \"Long\"}}}},",
          "  \"User\": {\"memberOfTypes\": [\"Group\"], \"shape\": {\"type\": \"Record\", \"attributes\": {",
          "    \"name\": {\"type\": \"String\"}, \"age\": {\"type\": \"Long\"},",
          "    \"ip\": {\"type\": \"ipaddr\"}, \"score\": {\"type\": \"Extension\", \"name\": \"decimal\"},",
          "    \"roles\": {\"type\": \"Set\", \"element\": {\"type\": \"String\"}},",
          "    \"manager\": {\"type\": \"Entity\", \"name\": \"User\", \"required\": false},",
          "    \"joined\": {\"type\": \"Extension\", \"name\": \"datetime\", \"required\": false},",
          "    \"wait\": {\"type\": \"duration\", \"required\": false},",
          "    \"home\": {\"type\": \"Record\", \"required\": false, \"attributes\": {",
          "      \"city\": {\"type\": \"String\"}, \"zip\": {\"type\": \"Long\", \"required\": false}}}}},",
          "    \"tags\": {\"type\": \"String\"}},",
          "  \"Album\": {\"memberOfTypes\": [\"Album\"], \"shape\": {\"type\": \"Record\", \"attributes\": {",
          "    \"owner\": {\"type\": \"Entity\", \"name\": \"User\"},",
          "    \"private\": {\"type\": \"Boolean\"}}}},",
          "  \"Photo\": {\"memberOfTypes\": [\"Album\"], \"shape\": {\"type\": \"Record\", \"attributes\": {",
          "    \"owner\": {\"type\": \"EntityOrCommon\", \"name\": \"User\"},",
          "    \"private\": {\"type\": \"Boolean\"}, \"size\": {\"type\": \"Long\"},",
          "    \"labels\": {\"type\": \"Set\", \"element\": {\"type\": \"String\"}}}}}},",
          " \"actions\": {",
          "  \"read\": {},",
          "  \"view\": {\"memberOf\": [{\"id\": \"read\"}], \"appliesTo\": {\"principalTypes\": [\"User\"],",
          "    \"resourceTypes\": [\"Photo\", \"Album\"], \"context\": {\"type\": \"Ctx\"}}},",
          "  \"edit\": {\"memberOf\": [{\"id\": \"read\", \"type\": \"Action\"}], \"appliesTo\": {",
          "    \"principalTypes\": [\"User\"], \"resourceTypes\": [\"Photo\", \"Album\"],",
          "    \"context\": {\"type\": \"Ctx\"}}},",
          "  \"delete\": {\"appliesTo\": {\"principalTypes\": [\"User\"], \"resourceTypes\": [\"Photo\"]}}",
          " }}}");

  private static final int USERS = 5;
  private static final int GROUPS = 6;
  private static final int ALBUMS = 4;
  private static final int PHOTOS = 5;
  private static final String[] NAMES = {
    "alice", "bob", "a*b", "x\\\\y", "\u00fcn\u00ef", "", "alice*", "*"
  };
  private static final String[] IPS = {
    "10.0.0.1",
    "127.0.0.1",
    "::1",
    "192.168.1.0/24",
    "ff02::1",
    "224.0.0.1",
    "10.1.2.3/8",
    "::ffff:a00:1",
    "0.0.0.0/0"
  };

  /** Literals for policies only: some are invalid and make evaluation fail. */
  private static final String[] IP_LITERALS = {
    "10.0.0.0/8",
    "127.0.0.1",
    "::1/128",
    "::ffff:10.0.0.1",
    "1.2.3.4/33",
    "ff00::/8",
    "224.0.0.0/4",
    "not-an-ip"
  };

  private static final String[] DECIMALS = {
    "1.5", "-0.0001", "922337203685477.5807", "0.0", "2.25", "-922337203685477.5808"
  };
  private static final String[] DATETIMES = {
    "2024-01-01",
    "2024-06-15T12:30:00Z",
    "2024-06-15T12:30:00.123+0130",
    "1970-01-01T00:00:00Z",
    "2023-12-31T23:59:59.999-2359"
  };
  private static final String[] DURATIONS = {"1h", "-2d3h", "1d2h3m4s5ms", "0ms", "-1ms", "100d"};
  private static final String[] ROLES = {"admin", "viewer", "editor", "a\\\"q", "*"};
  private static final long[] LONGS = {
    0,
    1,
    -1,
    7,
    42,
    100,
    9_223_372_036_854_775_807L,
    -9_223_372_036_854_775_808L,
    4_611_686_018_427_387_904L,
    3_037_000_500L
  };

  private final Random r;

  WorldGenerator(long seed) {
    this.r = new Random(seed);
  }

  private <T> T pick(T[] a) {
    return a[r.nextInt(a.length)];
  }

  private long pickLong() {
    return r.nextInt(3) == 0 ? r.nextInt(200) - 50 : LONGS[r.nextInt(LONGS.length)];
  }

  private static String lit(long v) {
    // Cedar has no literal for Long.MIN_VALUE; write it as an expression.
    return v == Long.MIN_VALUE
        ? "(-9223372036854775807 - 1)"
        : v < 0 ? "(" + v + ")" : Long.toString(v);
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  World generate() {
    List<String> policies = new ArrayList<>();
    int n = 1 + r.nextInt(8);
    for (int i = 0; i < n; i++) {
      policies.add(policy(false));
    }
    List<String> templates = new ArrayList<>();
    List<World.Link> links = new ArrayList<>();
    if (r.nextInt(3) == 0) {
      String t = policy(true);
      templates.add(t);
      int k = 1 + r.nextInt(3);
      for (int i = 0; i < k; i++) {
        links.add(
            new World.Link(
                0,
                "l" + i,
                t.contains("?principal") ? slotPrincipal() : null,
                t.contains("?resource") ? slotResource() : null));
      }
    }
    List<World.Request> requests = new ArrayList<>();
    int m = 3 + r.nextInt(6);
    for (int i = 0; i < m; i++) {
      requests.add(request());
    }
    boolean json = r.nextBoolean();
    World w =
        new World(
            json ? SCHEMA_JSON : SCHEMA,
            json,
            entities(),
            policies,
            templates,
            links,
            requests,
            r.nextInt(3) == 0);
    return r.nextInt(3) == 0 ? inNamespace(w) : w;
  }

  private static final java.util.regex.Pattern TYPE_NAMES =
      java.util.regex.Pattern.compile("\\b(User|Group|Album|Photo|Action)\\b");

  /**
   * The same world with every type in namespace {@code App}: the schema declares them inside the
   * namespace (so its own references stay unqualified), everything else names them qualified.
   */
  static World inNamespace(World w) {
    String schema =
        w.schemaIsJson()
            ? w.schema().replaceFirst("\\{\"\": \\{", "{\"App\": {")
            : "namespace App {\n" + w.schema() + "\n}";
    List<String> policies = new ArrayList<>();
    for (String p : w.policies()) {
      policies.add(qualify(p));
    }
    List<String> templates = new ArrayList<>();
    for (String t : w.templates()) {
      templates.add(qualify(t));
    }
    List<World.Link> links = new ArrayList<>();
    for (World.Link l : w.links()) {
      links.add(
          new World.Link(
              l.templateIndex(),
              l.id(),
              l.principal() == null ? null : qualify(l.principal()),
              l.resource() == null ? null : qualify(l.resource())));
    }
    List<World.Request> requests = new ArrayList<>();
    for (World.Request q : w.requests()) {
      requests.add(
          new World.Request(
              qualify(q.principal()), qualify(q.action()), qualify(q.resource()), q.contextJson()));
    }
    return new World(
        schema,
        w.schemaIsJson(),
        qualify(w.entitiesJson()),
        policies,
        templates,
        links,
        requests,
        w.validateRequests());
  }

  private static String qualify(String text) {
    return TYPE_NAMES.matcher(text).replaceAll("App::$1");
  }

  private String slotPrincipal() {
    return r.nextBoolean()
        ? "User::" + q("u" + r.nextInt(USERS))
        : "Group::" + q("g" + r.nextInt(GROUPS));
  }

  private String slotResource() {
    return r.nextBoolean()
        ? "Photo::" + q("p" + r.nextInt(PHOTOS))
        : "Album::" + q("a" + r.nextInt(ALBUMS));
  }

  // ------------------------------------------------------------------ entities

  private String entities() {
    boolean cyclic = r.nextInt(40) == 0;
    // One world in 20 has one entity that does not conform to the schema: Cedar refuses it.
    int fault = r.nextInt(20) == 0 ? 1 + r.nextInt(7) : 0;
    StringBuilder sb = new StringBuilder("[\n");
    List<String> all = new ArrayList<>();
    for (int g = 0; g < GROUPS; g++) {
      // a chain g0 in g1 in g2 ..., plus random extra parents: deep hierarchies
      List<String> parents = new ArrayList<>();
      if (g + 1 < GROUPS && r.nextInt(4) != 0) {
        parents.add("g" + (g + 1));
      }
      if (r.nextInt(4) == 0 && g + 2 < GROUPS) {
        parents.add("g" + (g + 2 + r.nextInt(GROUPS - g - 2)));
      }
      if (cyclic && g == GROUPS - 1) {
        parents.add("g0"); // Cedar rejects a cyclic hierarchy; so must Bulwark
      }
      all.add(
          entity(
              "Group",
              "g" + g,
              parents,
              "Group",
              "\"level\": " + pickLong(),
              fault == 1 && g == 0 ? "\"k\": \"v\"" : ""));
    }
    for (int u = 0; u < USERS; u++) {
      List<String> parents = new ArrayList<>();
      int k = r.nextInt(3);
      for (int i = 0; i < k; i++) {
        parents.add("g" + r.nextInt(GROUPS));
      }
      StringBuilder attrs = new StringBuilder();
      attrs
          .append("\"name\": ")
          .append(q(pick(NAMES)))
          .append(
              fault == 2 && u == 0
                  ? ""
                  : fault == 3 && u == 0 ? ", \"age\": \"old\"" : ", \"age\": " + pickLong())
          .append(fault == 4 && u == 0 ? ", \"bogus\": 1" : "")
          .append(", \"ip\": ")
          .append(
              r.nextInt(6) == 0
                  ? "{\"__extn\": {\"fn\": \"ip\", \"arg\": " + q(pick(IPS)) + "}}"
                  : q(pick(IPS)))
          .append(", \"score\": ")
          .append(q(pick(DECIMALS)))
          .append(", \"roles\": [");
      int nr = r.nextInt(3);
      for (int i = 0; i < nr; i++) {
        attrs.append(i > 0 ? ", " : "").append(q(pick(ROLES)));
      }
      attrs.append("]");
      if (fault == 5 && u == 0) {
        attrs.append(", \"manager\": \"u1\"");
      } else if (r.nextBoolean()) {
        attrs
            .append(", \"manager\": {\"type\": \"User\", \"id\": \"u")
            .append(r.nextInt(USERS))
            .append("\"}");
      }
      if (fault == 6 && u == 0) {
        attrs.append(", \"home\": {\"zip\": 1}");
      }
      if (r.nextBoolean()) {
        attrs.append(", \"joined\": ").append(q(pick(DATETIMES)));
      }
      if (r.nextBoolean()) {
        attrs.append(", \"wait\": ").append(q(pick(DURATIONS)));
      }
      if (fault != 6 && r.nextBoolean()) {
        attrs
            .append(", \"home\": {\"city\": ")
            .append(q(pick(NAMES)))
            .append(r.nextBoolean() ? ", \"zip\": " + pickLong() : "")
            .append("}");
      }
      String tags = r.nextBoolean() ? "\"k\": " + q(pick(ROLES)) : "";
      all.add(entity("User", "u" + u, parents, "Group", attrs.toString(), tags));
    }
    for (int a = 0; a < ALBUMS; a++) {
      List<String> parents = new ArrayList<>();
      if (a + 1 < ALBUMS && r.nextBoolean()) {
        parents.add("a" + (a + 1));
      }
      all.add(
          entity(
              "Album",
              "a" + a,
              parents,
              "Album",
              "\"owner\": {\"__entity\": {\"type\": \"User\", \"id\": \"u"
                  + r.nextInt(USERS)
                  + "\"}}, \"private\": "
                  + r.nextBoolean(),
              ""));
    }
    for (int p = 0; p < PHOTOS; p++) {
      List<String> parents = new ArrayList<>();
      if (r.nextInt(4) != 0) {
        parents.add("a" + r.nextInt(ALBUMS));
      }
      StringBuilder labels = new StringBuilder("[");
      int nl = r.nextInt(3);
      for (int i = 0; i < nl; i++) {
        labels.append(i > 0 ? ", " : "").append(q(pick(ROLES)));
      }
      all.add(
          entity(
              "Photo",
              "p" + p,
              fault == 7 && p == 0 ? List.of("g0") : parents,
              fault == 7 && p == 0 ? "Group" : "Album",
              "\"owner\": {\"type\": \"User\", \"id\": \"u"
                  + r.nextInt(USERS)
                  + "\"}, \"private\": "
                  + r.nextBoolean()
                  + ", \"size\": "
                  + pickLong()
                  + ", \"labels\": "
                  + labels
                  + "]",
              ""));
    }
    sb.append(String.join(",\n", all)).append("\n]");
    return sb.toString();
  }

  private static String entity(
      String type, String id, List<String> parents, String parentType, String attrs, String tags) {
    StringBuilder sb =
        new StringBuilder("{\"uid\": {\"type\": \"")
            .append(type)
            .append("\", \"id\": \"")
            .append(id)
            .append("\"}, \"attrs\": {")
            .append(attrs)
            .append("}, \"parents\": [");
    for (int i = 0; i < parents.size(); i++) {
      sb.append(i > 0 ? ", " : "")
          .append("{\"type\": \"")
          .append(parentType)
          .append("\", \"id\": \"")
          .append(parents.get(i))
          .append("\"}");
    }
    sb.append("]");
    if (!tags.isEmpty()) {
      sb.append(", \"tags\": {").append(tags).append("}");
    }
    return sb.append("}").toString();
  }

  // ------------------------------------------------------------------ requests

  private World.Request request() {
    String principal =
        r.nextInt(8) == 0
            ? "User::\"ghost\""
            : r.nextInt(12) == 0 ? "Group::\"g0\"" : "User::" + q("u" + r.nextInt(USERS));
    String action =
        "Action::"
            + q(
                new String[] {"view", "edit", "delete", "view", "edit", "delete", "read"}
                    [r.nextInt(7)]);
    String resource;
    if (action.contains("delete") || r.nextBoolean()) {
      resource = r.nextInt(8) == 0 ? "Photo::\"ghost\"" : "Photo::" + q("p" + r.nextInt(PHOTOS));
    } else {
      resource = "Album::" + q("a" + r.nextInt(ALBUMS));
    }
    String context;
    if (action.contains("delete") || action.contains("read")) {
      context = r.nextInt(10) == 0 ? "{\"bogus\": 1}" : "{}";
    } else {
      int fault = r.nextInt(15) == 0 ? 1 + r.nextInt(4) : 0;
      StringBuilder c = new StringBuilder("{\"ip\": ").append(fault == 1 ? "5" : q(pick(IPS)));
      if (fault != 2) {
        c.append(", \"authenticated\": ").append(r.nextBoolean());
      }
      if (fault == 3) {
        c.append(", \"bogus\": true");
      }
      if (fault == 4) {
        c.append(", \"level\": \"high\"");
      } else if (r.nextBoolean()) {
        c.append(", \"level\": ").append(pickLong());
      }
      if (r.nextBoolean()) {
        c.append(", \"when\": ").append(q(pick(DATETIMES)));
      }
      if (r.nextBoolean()) {
        c.append(", \"dur\": ").append(q(pick(DURATIONS)));
      }
      context = c.append("}").toString();
    }
    return new World.Request(principal, action, resource, context);
  }

  // ------------------------------------------------------------------ policies

  private String policy(boolean template) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(5) == 0) {
      sb.append("@doc(\"generated\") ");
    }
    sb.append(r.nextInt(3) == 0 ? "forbid" : "permit").append(" (\n  ");
    int slots = template ? 1 + r.nextInt(3) : 0; // bit 0: ?principal, bit 1: ?resource
    sb.append(principalScope((slots & 1) != 0))
        .append(",\n  ")
        .append(actionScope())
        .append(",\n  ")
        .append(resourceScope((slots & 2) != 0))
        .append("\n)");
    int conds = r.nextInt(3);
    for (int i = 0; i < conds; i++) {
      sb.append(r.nextInt(3) == 0 ? " unless { " : " when { ").append(bool(0)).append(" }");
    }
    return sb.append(";").toString();
  }

  private String principalScope(boolean template) {
    if (template) {
      return r.nextBoolean() ? "principal == ?principal" : "principal in ?principal";
    }
    switch (r.nextInt(6)) {
      case 0:
        return "principal == User::" + q("u" + r.nextInt(USERS));
      case 1:
        return "principal in Group::" + q("g" + r.nextInt(GROUPS));
      case 2:
        return "principal is User";
      case 3:
        return "principal is User in Group::" + q("g" + r.nextInt(GROUPS));
      default:
        return "principal";
    }
  }

  private String actionScope() {
    switch (r.nextInt(5)) {
      case 0:
        return "action == Action::\"view\"";
      case 1:
        return "action in [Action::\"view\", Action::\"delete\"]";
      case 2:
        return "action in Action::\"read\"";
      default:
        return "action";
    }
  }

  private String resourceScope(boolean template) {
    if (template) {
      return r.nextBoolean() ? "resource == ?resource" : "resource in ?resource";
    }
    switch (r.nextInt(7)) {
      case 0:
        return "resource == Photo::" + q("p" + r.nextInt(PHOTOS));
      case 1:
        return "resource in Album::" + q("a" + r.nextInt(ALBUMS));
      case 2:
        return "resource is Photo";
      case 3:
        return "resource is Photo in Album::" + q("a" + r.nextInt(ALBUMS));
      case 4:
        return "resource is Album";
      default:
        return "resource";
    }
  }

  private String bool(int depth) {
    if (depth < 3) {
      switch (r.nextInt(10)) {
        case 0:
          return "(" + bool(depth + 1) + " && " + bool(depth + 1) + ")";
        case 1:
          return "(" + bool(depth + 1) + " || " + bool(depth + 1) + ")";
        case 2:
          return "!" + "(" + bool(depth + 1) + ")";
        case 3:
          return "(if "
              + bool(depth + 1)
              + " then "
              + bool(depth + 1)
              + " else "
              + bool(depth + 1)
              + ")";
        default:
          break;
      }
    }
    return leaf();
  }

  private String longExpr() {
    switch (r.nextInt(9)) {
      case 0:
        return "principal.age";
      case 1:
        return "(principal.age + " + lit(pickLong()) + ")";
      case 2:
        return "(principal.age * " + lit(pickLong()) + ")";
      case 3:
        return "(-principal.age)";
      case 4:
        return "resource.size";
      case 5:
        return "context.level";
      case 6:
        return "(" + lit(pickLong()) + " - " + lit(pickLong()) + ")";
      case 7:
        return "principal.manager.age";
      default:
        return lit(pickLong());
    }
  }

  private String pattern() {
    String[] parts = {"*", "a", "\\*", "alice", "b", "\\\\", "\u00fc", "", "**", "x"};
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(pick(parts));
    }
    return q(sb.toString());
  }

  private String setExpr() {
    switch (r.nextInt(4)) {
      case 0:
        return "principal.roles";
      case 1:
        return "resource.labels";
      case 2:
        return "[" + q(pick(ROLES)) + ", " + q(pick(ROLES)) + "]";
      default:
        return "[]";
    }
  }

  private String leaf() {
    switch (r.nextInt(40)) {
      case 0:
        return longExpr() + " < " + longExpr();
      case 1:
        return longExpr() + " <= " + longExpr();
      case 2:
        return longExpr() + " == " + longExpr();
      case 3:
        return longExpr() + " > " + lit(pickLong());
      case 4:
        return "principal.name like " + pattern();
      case 5:
        return "principal has manager";
      case 6:
        return "principal has home.zip";
      case 7:
        return "principal.home.city == " + q(pick(NAMES));
      case 8:
        return setExpr() + ".contains(" + q(pick(ROLES)) + ")";
      case 9:
        return setExpr() + ".containsAll(" + setExpr() + ")";
      case 10:
        return setExpr() + ".containsAny(" + setExpr() + ")";
      case 11:
        return setExpr() + ".isEmpty()";
      case 12:
        return "principal in Group::" + q("g" + r.nextInt(GROUPS));
      case 13:
        return "resource in Album::" + q("a" + r.nextInt(ALBUMS));
      case 14:
        return "resource.owner == principal";
      case 15:
        return "resource.private";
      case 16:
        return "context.authenticated";
      case 17:
        return "context.ip.isInRange(ip(" + q(pick(IP_LITERALS)) + "))";
      case 18:
        return "principal.ip."
            + new String[] {"isLoopback()", "isMulticast()", "isIpv4()", "isIpv6()"}[r.nextInt(4)];
      case 19:
        return "ip(" + q(pick(IP_LITERALS)) + ").isIpv4()";
      case 20:
        return "principal.score."
            + new String[] {"lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual"}
                [r.nextInt(4)]
            + "(decimal("
            + q(r.nextInt(5) == 0 ? "1.23456" : pick(DECIMALS))
            + "))";
      case 21:
        return "context has when && context.when > datetime(" + q(pick(DATETIMES)) + ")";
      case 22:
        return "principal.joined.offset(duration("
            + q(pick(DURATIONS))
            + ")) < datetime("
            + q(pick(DATETIMES))
            + ")";
      case 23:
        return "principal.joined.durationSince(datetime("
            + q(pick(DATETIMES))
            + ")).to"
            + new String[] {"Days", "Hours", "Minutes", "Seconds", "Milliseconds"}[r.nextInt(5)]
            + "() > "
            + lit(pickLong());
      case 24:
        return "context.dur.toMilliseconds() "
            + (r.nextBoolean() ? "<" : ">=")
            + " "
            + lit(pickLong());
      case 25:
        return "principal.joined.toDate() == datetime(" + q(pick(DATETIMES)) + ").toDate()";
      case 26:
        return "principal.joined.toTime() < duration(" + q(pick(DURATIONS)) + ")";
      case 27:
        return "principal.hasTag(" + q(r.nextBoolean() ? "k" : "z") + ")";
      case 28:
        return "principal.getTag(" + q(r.nextBoolean() ? "k" : "z") + ") == " + q(pick(ROLES));
      case 29:
        return "principal.name > 1";
      case 30:
        return "(context.authenticated + 1) > 0";
      case 31:
        return "{a: " + longExpr() + ", b: principal.name}.a > " + lit(pickLong());
      case 32:
        return "[1, 2, " + longExpr() + "].contains(" + longExpr() + ")";
      case 33:
        return "principal is User";
      case 34:
        return "resource is Album";
      case 35:
        return "principal.manager in Group::" + q("g" + r.nextInt(GROUPS));
      case 36:
        return "principal in resource.owner";
      case 37:
        return "datetime("
            + q(r.nextInt(3) == 0 ? "2024-13-01" : pick(DATETIMES))
            + ") < datetime("
            + q(pick(DATETIMES))
            + ")";
      case 38:
        return "context has level && context.level + principal.age > " + lit(pickLong());
      default:
        return r.nextBoolean() ? "true" : "false";
    }
  }
}
