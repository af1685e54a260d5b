/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.parse;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.internal.eval.Expr;
import dev.bulwark.policy.internal.eval.Exprs;
import dev.bulwark.policy.internal.eval.Exprs.BinOp;
import dev.bulwark.policy.internal.eval.ExtCalls;
import dev.bulwark.policy.internal.eval.Pattern;
import dev.bulwark.policy.internal.eval.PolicyDef;
import dev.bulwark.policy.internal.eval.Scope;
import dev.bulwark.policy.internal.json.EntityJson;
import dev.bulwark.policy.internal.json.JsonReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Cedar's JSON policy format (the "EST", {@code cedar-policy-core/src/est}) into the same
 * compiled policies as the text parser; stateless and thread-safe. Errors name the policy and the
 * JSON path; JSON syntax errors carry line and column.
 */
public final class EstParser {
  private final String text;
  private final Map<Object, Integer> positions = new IdentityHashMap<>();

  private EstParser(String text) {
    this.text = text;
  }

  /**
   * Gives a positionless error the line and column of the JSON value it concerns; an error that
   * already has a position (raised deeper, closer to the cause) is kept.
   */
  private PolicyParseException at(Object node, PolicyParseException e) {
    if (e.line() > 0) {
      return e;
    }
    Integer off = positions.get(node);
    return off == null ? e : JsonReader.errorAt(text, off, e.getMessage());
  }

  /** A template link read from {@code templateLinks}. */
  public static final class Link {
    /** The template id. */
    public final String templateId;

    /** The new policy id. */
    public final String newId;

    /** The slot values. */
    public final Map<String, EntityUid> values;

    Link(String templateId, String newId, Map<String, EntityUid> values) {
      this.templateId = templateId;
      this.newId = newId;
      this.values = values;
    }
  }

  /** The policies, templates and links of a JSON policy set. */
  public static final class Result {
    /** Static policies and templates. */
    public final List<PolicyDef> policies;

    /** Template links. */
    public final List<Link> links;

    Result(List<PolicyDef> policies, List<Link> links) {
      this.policies = policies;
      this.links = links;
    }
  }

  /**
   * Parses a JSON policy set, or a single JSON policy (id {@code policy0}).
   *
   * @param json the JSON text
   * @return the parsed set
   * @throws PolicyParseException on any error
   */
  public static Result parsePolicySet(String json) throws PolicyParseException {
    if (json.length() > CedarParser.MAX_INPUT_CHARS) {
      throw new PolicyParseException(
          "JSON policy set of "
              + json.length()
              + " chars exceeds the limit of "
              + CedarParser.MAX_INPUT_CHARS);
    }
    EstParser ps = new EstParser(json);
    Object root = JsonReader.parse(json, ps.positions);
    return ps.policySet(root);
  }

  private Result policySet(Object root) throws PolicyParseException {
    Map<?, ?> m = obj(root, "policy set");
    List<PolicyDef> out = new ArrayList<>();
    List<Link> links = new ArrayList<>();
    if (m.containsKey("effect")) {
      out.add(policy("policy0", m));
      return new Result(out, links);
    }
    for (Object k : m.keySet()) {
      if (!k.equals("staticPolicies") && !k.equals("templates") && !k.equals("templateLinks")) {
        throw new PolicyParseException("policy set: unknown field \"" + k + "\"");
      }
    }
    if (m.containsKey("staticPolicies")) {
      for (Map.Entry<?, ?> e : obj(m.get("staticPolicies"), "staticPolicies").entrySet()) {
        PolicyDef d = policy((String) e.getKey(), obj(e.getValue(), "policy " + e.getKey()));
        if (d.isTemplate()) {
          throw new PolicyParseException(
              "policy " + e.getKey() + ": a static policy cannot have slots");
        }
        out.add(d);
      }
    }
    if (m.containsKey("templates")) {
      for (Map.Entry<?, ?> e : obj(m.get("templates"), "templates").entrySet()) {
        PolicyDef d = policy((String) e.getKey(), obj(e.getValue(), "template " + e.getKey()));
        out.add(
            new PolicyDef(
                d.id(),
                d.isPermit(),
                d.annotations(),
                d.principal(),
                d.action(),
                d.resource(),
                conditionsOf(d),
                true,
                null));
      }
    }
    if (m.containsKey("templateLinks")) {
      Object l = m.get("templateLinks");
      if (!(l instanceof List)) {
        throw new PolicyParseException("templateLinks must be an array");
      }
      for (Object o : (List<?>) l) {
        Map<?, ?> lm = obj(o, "template link");
        Object tid = lm.get("templateId");
        Object nid = lm.get("newId");
        if (!(tid instanceof String) || !(nid instanceof String)) {
          throw new PolicyParseException("template link needs string templateId and newId");
        }
        Map<String, EntityUid> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> v : obj(lm.get("values"), "template link values").entrySet()) {
          values.put(
              (String) v.getKey(),
              EntityJson.parseUid(v.getValue(), "template link " + nid + ", " + v.getKey()));
        }
        links.add(new Link((String) tid, (String) nid, values));
      }
    }
    return new Result(out, links);
  }

  private List<Expr> conditionsOf(PolicyDef d) {
    return d.conditions();
  }

  private PolicyDef policy(String id, Map<?, ?> m) throws PolicyParseException {
    try {
      return policyAt(id, m);
    } catch (PolicyParseException e) {
      throw at(m, e);
    }
  }

  private PolicyDef policyAt(String id, Map<?, ?> m) throws PolicyParseException {
    String w = "policy " + id;
    Object eff = m.get("effect");
    boolean permit;
    if ("permit".equals(eff)) {
      permit = true;
    } else if ("forbid".equals(eff)) {
      permit = false;
    } else {
      throw new PolicyParseException(w + ": effect must be \"permit\" or \"forbid\", was " + eff);
    }
    Set<String> slots = new HashSet<>();
    Scope p = scope(m.get("principal"), "?principal", slots, w + ", principal", false);
    Scope a = scope(m.get("action"), null, slots, w + ", action", true);
    Scope r = scope(m.get("resource"), "?resource", slots, w + ", resource", false);
    List<Expr> conds = new ArrayList<>();
    Object cs = m.get("conditions");
    if (cs != null) {
      if (!(cs instanceof List)) {
        throw new PolicyParseException(w + ": conditions must be an array");
      }
      for (Object c : (List<?>) cs) {
        Map<?, ?> cm = obj(c, w + ", condition");
        Expr body = expr(cm.get("body"), w + ", condition body", 0);
        Object kind = cm.get("kind");
        if ("when".equals(kind)) {
          conds.add(body);
        } else if ("unless".equals(kind)) {
          conds.add(new Exprs.Not(body).withChildren(body));
        } else {
          throw new PolicyParseException(
              w + ": condition kind must be when or unless, was " + kind);
        }
      }
    }
    Map<String, String> ann = new LinkedHashMap<>();
    Object an = m.get("annotations");
    if (an != null) {
      for (Map.Entry<?, ?> e : obj(an, w + ", annotations").entrySet()) {
        Object v = e.getValue();
        if (v == JsonReader.NULL) {
          v = "";
        }
        if (!(v instanceof String)) {
          throw new PolicyParseException(w + ": annotation values must be strings");
        }
        ann.put((String) e.getKey(), (String) v);
      }
    }
    return new PolicyDef(
        id, permit, Collections.unmodifiableMap(ann), p, a, r, conds, !slots.isEmpty(), null);
  }

  private Scope scope(Object o, String slotName, Set<String> slots, String w, boolean action)
      throws PolicyParseException {
    try {
      return scopeAt(o, slotName, slots, w, action);
    } catch (PolicyParseException e) {
      throw at(o, e);
    }
  }

  private Scope scopeAt(Object o, String slotName, Set<String> slots, String w, boolean action)
      throws PolicyParseException {
    Map<?, ?> m = obj(o, w);
    Object op = m.get("op");
    if ("All".equals(op)) {
      return Scope.ANY;
    }
    if ("==".equals(op) || "in".equals(op)) {
      Scope.Kind k = "==".equals(op) ? Scope.Kind.EQ : Scope.Kind.IN;
      if (action && m.containsKey("entities")) {
        Object l = m.get("entities");
        if (!(l instanceof List) || k != Scope.Kind.IN) {
          throw new PolicyParseException(w + ": entities must be an array with op in");
        }
        Set<EntityUid> uids = new LinkedHashSet<>();
        for (Object u : (List<?>) l) {
          uids.add(EntityJson.parseUid(u, w));
        }
        return new Scope(Scope.Kind.IN_SET, null, null, Collections.unmodifiableSet(uids), null);
      }
      if (m.containsKey("slot")) {
        String s = slot(m.get("slot"), slotName, slots, w);
        return new Scope(k, null, null, null, s);
      }
      return new Scope(k, null, EntityJson.parseUid(m.get("entity"), w), null, null);
    }
    if ("is".equals(op) && !action) {
      Object t = m.get("entity_type");
      if (!(t instanceof String)) {
        throw new PolicyParseException(w + ": is needs a string entity_type");
      }
      String type = CedarParser.parseName((String) t);
      if (m.containsKey("in")) {
        Map<?, ?> in = obj(m.get("in"), w + ", in");
        if (in.containsKey("slot")) {
          return new Scope(
              Scope.Kind.IS_IN, type, null, null, slot(in.get("slot"), slotName, slots, w));
        }
        return new Scope(
            Scope.Kind.IS_IN, type, EntityJson.parseUid(in.get("entity"), w), null, null);
      }
      return new Scope(Scope.Kind.IS, type, null, null, null);
    }
    throw new PolicyParseException(w + ": unsupported op " + op);
  }

  private String slot(Object s, String expected, Set<String> slots, String w)
      throws PolicyParseException {
    if (expected == null || !expected.equals(s)) {
      throw new PolicyParseException(w + ": slot must be " + expected + ", was " + s);
    }
    slots.add(expected);
    return expected;
  }

  private static final Map<String, BinOp> BINARY =
      Map.ofEntries(
          Map.entry("==", BinOp.EQ),
          Map.entry("!=", BinOp.NEQ),
          Map.entry("<", BinOp.LT),
          Map.entry("<=", BinOp.LE),
          Map.entry(">", BinOp.GT),
          Map.entry(">=", BinOp.GE),
          Map.entry("+", BinOp.ADD),
          Map.entry("-", BinOp.SUB),
          Map.entry("*", BinOp.MUL),
          Map.entry("in", BinOp.IN),
          Map.entry("contains", BinOp.CONTAINS),
          Map.entry("containsAll", BinOp.CONTAINS_ALL),
          Map.entry("containsAny", BinOp.CONTAINS_ANY),
          Map.entry("getTag", BinOp.GET_TAG),
          Map.entry("hasTag", BinOp.HAS_TAG));

  private Expr expr(Object o, String w, int depth) throws PolicyParseException {
    try {
      return exprAt(o, w, depth);
    } catch (PolicyParseException e) {
      throw at(o, e);
    }
  }

  private Expr exprAt(Object o, String w, int depth) throws PolicyParseException {
    if (depth > CedarParser.MAX_NESTING) {
      throw new PolicyParseException(
          w + ": expression nested deeper than " + CedarParser.MAX_NESTING);
    }
    Map<?, ?> m = obj(o, w);
    if (m.size() != 1) {
      throw new PolicyParseException(
          w + ": an expression must have exactly one key, had " + m.keySet());
    }
    String k = (String) m.keySet().iterator().next();
    Object v = m.get(k);
    int d = depth + 1;
    Expr e;
    switch (k) {
      case "Value":
        return new Exprs.Lit(EntityJson.parseValue(v, null, w, 0));
      case "Var":
        if (!(v instanceof String)) {
          throw new PolicyParseException(w + ": Var must be a string");
        }
        switch ((String) v) {
          case "principal":
            return new Exprs.Var(Exprs.VarKind.PRINCIPAL);
          case "action":
            return new Exprs.Var(Exprs.VarKind.ACTION);
          case "resource":
            return new Exprs.Var(Exprs.VarKind.RESOURCE);
          case "context":
            return new Exprs.Var(Exprs.VarKind.CONTEXT);
          default:
            throw new PolicyParseException(w + ": unknown variable " + v);
        }
      case "Slot":
        throw new PolicyParseException(w + ": slots are only allowed in the policy scope");
      case "!":
        {
          Expr a = expr(obj(v, w).get("arg"), w, d);
          return new Exprs.Not(a).withChildren(a);
        }
      case "neg":
        {
          Expr a = expr(obj(v, w).get("arg"), w, d);
          return new Exprs.Neg(a).withChildren(a);
        }
      case "isEmpty":
        {
          Expr a = expr(obj(v, w).get("arg"), w, d);
          return new Exprs.IsEmpty(a).withChildren(a);
        }
      case "&&":
      case "||":
        {
          Map<?, ?> b = obj(v, w);
          Expr l = expr(b.get("left"), w, d);
          Expr r = expr(b.get("right"), w, d);
          e = k.equals("&&") ? new Exprs.And(l, r) : new Exprs.Or(l, r);
          return e.withChildren(l, r);
        }
      case ".":
      case "has":
        {
          Map<?, ?> b = obj(v, w);
          Expr l = expr(b.get("left"), w, d);
          Object attr = b.get("attr");
          if (k.equals("has") && attr instanceof List && !((List<?>) attr).isEmpty()) {
            // The extended form {"has": {"left": e, "attr": ["a", "b"]}} is `e has a.b`, i.e.
            // `e has a && e.a has b`.
            Expr result = null;
            Expr target = l;
            for (Object a : (List<?>) attr) {
              if (!(a instanceof String)) {
                throw new PolicyParseException(w + ": has attr must hold strings");
              }
              Expr h = new Exprs.HasAttr(target, (String) a).withChildren(target);
              result = result == null ? h : new Exprs.And(result, h).withChildren(result, h);
              target = new Exprs.GetAttr(target, (String) a).withChildren(target);
            }
            return result;
          }
          if (!(attr instanceof String)) {
            throw new PolicyParseException(w + ": " + k + " needs a string attr");
          }
          e =
              k.equals(".")
                  ? new Exprs.GetAttr(l, (String) attr)
                  : new Exprs.HasAttr(l, (String) attr);
          return e.withChildren(l);
        }
      case "like":
        {
          Map<?, ?> b = obj(v, w);
          Expr l = expr(b.get("left"), w, d);
          Object pat = b.get("pattern");
          List<String> elems = new ArrayList<>();
          if (pat instanceof List) {
            for (Object pe : (List<?>) pat) {
              if ("Wildcard".equals(pe)) {
                elems.add(null);
              } else if (pe instanceof Map && ((Map<?, ?>) pe).get("Literal") instanceof String) {
                elems.add((String) ((Map<?, ?>) pe).get("Literal"));
              } else {
                throw new PolicyParseException(w + ": bad like pattern element " + pe);
              }
            }
          } else if (pat instanceof String) {
            try {
              elems = Unescape.pattern((String) pat);
            } catch (Unescape.BadEscape ex) {
              throw new PolicyParseException(w + ": " + ex.getMessage());
            }
          } else {
            throw new PolicyParseException(w + ": like needs a pattern");
          }
          return new Exprs.Like(l, new Pattern(elems, String.valueOf(pat))).withChildren(l);
        }
      case "is":
        {
          Map<?, ?> b = obj(v, w);
          Expr l = expr(b.get("left"), w, d);
          Object t = b.get("entity_type");
          if (!(t instanceof String)) {
            throw new PolicyParseException(w + ": is needs a string entity_type");
          }
          Expr is = new Exprs.Is(l, CedarParser.parseName((String) t)).withChildren(l);
          if (b.containsKey("in")) {
            Expr r = expr(b.get("in"), w, d);
            Expr in = Exprs.binary(BinOp.IN, l, r).withChildren(l, r);
            return new Exprs.And(is, in).withChildren(is, in);
          }
          return is;
        }
      case "if-then-else":
        {
          Map<?, ?> b = obj(v, w);
          Expr c = expr(b.get("if"), w, d);
          Expr t = expr(b.get("then"), w, d);
          Expr f = expr(b.get("else"), w, d);
          return new Exprs.If(c, t, f).withChildren(c, t, f);
        }
      case "Set":
        {
          if (!(v instanceof List)) {
            throw new PolicyParseException(w + ": Set must be an array");
          }
          List<Expr> items = new ArrayList<>();
          for (Object i : (List<?>) v) {
            items.add(expr(i, w, d));
          }
          return Exprs.set(items).withChildren(items.toArray(new Expr[0]));
        }
      case "Record":
        {
          List<String> keys = new ArrayList<>();
          List<Expr> vals = new ArrayList<>();
          for (Map.Entry<?, ?> en : obj(v, w).entrySet()) {
            keys.add((String) en.getKey());
            vals.add(expr(en.getValue(), w, d));
          }
          return Exprs.record(keys, vals).withChildren(vals.toArray(new Expr[0]));
        }
      default:
        break;
    }
    BinOp op = BINARY.get(k);
    if (op != null) {
      Map<?, ?> b = obj(v, w);
      Expr l = expr(b.get("left"), w, d);
      Expr r = expr(b.get("right"), w, d);
      return Exprs.binary(op, l, r).withChildren(l, r);
    }
    if (ExtCalls.FUNCTIONS.contains(k) || ExtCalls.METHODS.contains(k)) {
      if (!(v instanceof List)) {
        throw new PolicyParseException(w + ": extension call " + k + " needs an argument array");
      }
      List<Expr> args = new ArrayList<>();
      for (Object i : (List<?>) v) {
        args.add(expr(i, w, d));
      }
      return Exprs.call(k, args).withChildren(args.toArray(new Expr[0]));
    }
    throw new PolicyParseException(w + ": unknown expression kind \"" + k + "\"");
  }

  private Map<?, ?> obj(Object o, String w) throws PolicyParseException {
    if (!(o instanceof Map)) {
      throw new PolicyParseException(w + ": expected a JSON object");
    }
    return (Map<?, ?>) o;
  }
}
