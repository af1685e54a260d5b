/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.validate;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.ValidationIssue.Kind;
import dev.bulwark.policy.internal.eval.EvalException;
import dev.bulwark.policy.internal.eval.Expr;
import dev.bulwark.policy.internal.eval.Exprs;
import dev.bulwark.policy.internal.eval.Exprs.BinOp;
import dev.bulwark.policy.internal.eval.ExtCalls;
import dev.bulwark.policy.internal.value.CedarRecord;
import dev.bulwark.policy.internal.value.CedarSet;
import dev.bulwark.policy.internal.value.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * Cedar's strict type checker for one policy in one request environment (principal type, action,
 * resource type, and the types filling the template's slots); single-threaded, one instance per
 * policy.
 *
 * <p>It follows {@code cedar-policy-core/src/validator/typecheck.rs}: every expression gets a type
 * or fails; a failure still yields the type where one is known so that the errors around it are
 * found too; {@code &&}, {@code ||} and {@code if} skip what can never be evaluated (a right
 * operand after a {@code false} left one); {@code has}, {@code hasTag} and {@code is} narrow (their
 * "capabilities" make the guarded access safe); {@code ==} and {@code in} are {@code false} where
 * the types can never match, which is how the scope of a policy rules out an environment.
 */
final class Typechecker {
  /**
   * The answer for one expression: its type (null if unknown), whether it checked, and what it
   * makes safe to access when true.
   */
  record Ans(VType type, boolean ok, Set<String> caps) {}

  private static final Set<String> NONE = Set.of();
  private static final Set<String> COMPARABLE_EXT = Set.of("datetime", "duration");

  private final SchemaView schema;
  private final Reporter report;
  private final IdentityHashMap<Expr, String> keys = new IdentityHashMap<>();

  private SchemaView.Env env;
  private String principalSlot;
  private String resourceSlot;
  private List<Diag> errors;

  /** Where the types of the checked nodes go for level validation, or null. */
  private IdentityHashMap<Expr, VType> types;

  Typechecker(SchemaView schema, Reporter report) {
    this.schema = schema;
    this.report = report;
  }

  /**
   * Checks the policy's whole condition (scope and body) in one environment.
   *
   * @param cond the condition
   * @param e the environment
   * @param pSlot the type filling {@code ?principal}, or null
   * @param rSlot the type filling {@code ?resource}, or null
   * @param out where the errors go
   * @param typesOut where node types go (for level validation), or null
   * @return the answer
   */
  Ans check(
      Expr cond,
      SchemaView.Env e,
      String pSlot,
      String rSlot,
      List<Diag> out,
      IdentityHashMap<Expr, VType> typesOut) {
    this.env = e;
    this.principalSlot = pSlot;
    this.resourceSlot = rSlot;
    this.errors = out;
    this.types = typesOut;
    return expect(NONE, cond, VType.BOOL, null);
  }

  static Expr written(Expr e) {
    return e.origin() != null ? e.origin() : e;
  }

  // ---- answers ----

  private static Ans ok(VType t) {
    return new Ans(t, true, NONE);
  }

  private static Ans ok(VType t, Set<String> caps) {
    return new Ans(t, true, caps);
  }

  private static Ans fail(VType t) {
    return new Ans(t, false, NONE);
  }

  /** A result that fails if any of the answers it was computed from failed. */
  private static Ans after(Ans result, Ans... from) {
    for (Ans a : from) {
      if (!a.ok) {
        return result.ok ? fail(result.type) : result;
      }
    }
    return result;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return s;
  }

  private static Set<String> intersect(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return NONE;
    }
    Set<String> s = new HashSet<>(a);
    s.retainAll(b);
    return s;
  }

  private void error(Expr at, Kind kind, String message, String hint) {
    errors.add(report.at(at, kind, message, hint));
  }

  // ---- expected types ----

  private Ans expect(Set<String> prior, Expr e, VType expected, Help help) {
    return expectOneOf(prior, e, new VType[] {expected}, help);
  }

  private Ans expectOneOf(Set<String> prior, Expr e, VType[] expected, Help help) {
    Ans a = typeOf(prior, e);
    if (a.type == null) {
      return fail(null);
    }
    for (VType x : expected) {
      if (Subtyping.isSubtype(a.type, x, false)) {
        return a.ok ? a : fail(a.type);
      }
    }
    StringBuilder want = new StringBuilder();
    for (int i = 0; i < expected.length; i++) {
      want.append(i == 0 ? "" : i == expected.length - 1 ? " or " : ", ")
          .append(describe(expected[i]));
    }
    error(
        e,
        Kind.UNEXPECTED_TYPE,
        "unexpected type: expected " + want + " but saw " + describe(a.type),
        help == null ? null : help.hint(a.type));
    return fail(null);
  }

  /** A hint chosen by the type actually found. */
  @FunctionalInterface
  private interface Help {
    String hint(VType actual);
  }

  private static String describe(VType t) {
    if (t == VType.ANY_ENTITY) {
      return "an entity";
    }
    if (t == VType.ANY_SET) {
      return "a set";
    }
    if (t == VType.ANY_RECORD) {
      return "a record";
    }
    if (t.kind == VType.Kind.SET && t.element == VType.ANY_ENTITY) {
      return "a set of entities";
    }
    if (t.kind == VType.Kind.TRUE || t.kind == VType.Kind.FALSE) {
      return "Bool";
    }
    return t.toString();
  }

  // ---- the walk ----

  private Ans typeOf(Set<String> prior, Expr e) {
    Ans a = typeOfUnrecorded(prior, e);
    if (types != null && a.type != null) {
      types.put(written(e), a.type);
    }
    return a;
  }

  private Ans typeOfUnrecorded(Set<String> prior, Expr e0) {
    Expr e = written(e0);
    if (e instanceof Exprs.Lit) {
      return literal((Exprs.Lit) e);
    }
    if (e instanceof Exprs.Var) {
      switch (((Exprs.Var) e).kind()) {
        case PRINCIPAL:
          return ok(schema.entityType(env.principal()));
        case ACTION:
          return ok(schema.entityType(env.action().type()));
        case RESOURCE:
          return ok(schema.entityType(env.resource()));
        default:
          return ok(env.context());
      }
    }
    if (e instanceof Exprs.Slot) {
      String t = ((Exprs.Slot) e).name().equals("?principal") ? principalSlot : resourceSlot;
      return ok(t == null ? VType.ANY_ENTITY : schema.entityType(t));
    }
    if (e instanceof Exprs.If) {
      return ifThenElse(prior, (Exprs.If) e);
    }
    if (e instanceof Exprs.And) {
      return and(prior, (Exprs.And) e);
    }
    if (e instanceof Exprs.Or) {
      return or(prior, (Exprs.Or) e);
    }
    if (e instanceof Exprs.Not) {
      return not(expect(prior, ((Exprs.Not) e).operand(), VType.BOOL, null));
    }
    if (e instanceof Exprs.Neg) {
      Ans a = expect(prior, ((Exprs.Neg) e).operand(), VType.LONG, null);
      return after(ok(VType.LONG), a);
    }
    if (e instanceof Exprs.IsEmpty) {
      Ans a =
          expect(
              prior,
              ((Exprs.IsEmpty) e).operand(),
              VType.ANY_SET,
              t ->
                  t.kind == VType.Kind.STRING
                      ? "to test for the empty string, write == \"\""
                      : null);
      return after(ok(VType.BOOL), a);
    }
    if (e instanceof Exprs.Binary) {
      return binary(prior, (Exprs.Binary) e);
    }
    if (e instanceof Exprs.GetAttr) {
      return getAttr(prior, (Exprs.GetAttr) e);
    }
    if (e instanceof Exprs.HasAttr) {
      return hasAttr(prior, (Exprs.HasAttr) e);
    }
    if (e instanceof Exprs.Like) {
      Ans a =
          expect(
              prior,
              ((Exprs.Like) e).operand(),
              VType.STRING,
              t -> t.isEntity() ? "to test the type of an entity, use `is`" : null);
      return after(ok(VType.BOOL), a);
    }
    if (e instanceof Exprs.Is) {
      return is(prior, (Exprs.Is) e);
    }
    if (e instanceof Exprs.SetLit) {
      return setLiteral(prior, e, ((Exprs.SetLit) e).items());
    }
    if (e instanceof Exprs.RecordLit) {
      Exprs.RecordLit r = (Exprs.RecordLit) e;
      return recordLiteral(prior, r.keys(), r.values());
    }
    if (e instanceof Exprs.Call) {
      return call(prior, (Exprs.Call) e);
    }
    throw new IllegalStateException("unknown expression node " + e.getClass().getSimpleName());
  }

  private Ans literal(Exprs.Lit l) {
    return value(l, l.value());
  }

  /**
   * The type of a literal value. Besides the primitives and entities the text parser makes, a JSON
   * policy's {@code Value} may hold a set, a record or an extension value; Cedar reads those as set
   * and record expressions of literals and as a constructor call, and so does this.
   */
  private Ans value(Expr at, Object v) {
    if (v instanceof Boolean) {
      return ok(VType.bool((Boolean) v));
    }
    if (v instanceof Long) {
      return ok(VType.LONG);
    }
    if (v instanceof String) {
      return ok(VType.STRING);
    }
    if (v instanceof EntityUid) {
      EntityUid u = (EntityUid) v;
      if (SchemaView.isActionType(u.type())) {
        return schema.isKnownAction(u) ? ok(schema.entityType(u.type())) : fail(null);
      }
      // An unknown entity type is reported once, by the validator's scan of the policy.
      return schema.isDeclaredEntityType(u.type()) ? ok(schema.entityType(u.type())) : fail(null);
    }
    if (v instanceof CedarSet) {
      List<Ans> as = new ArrayList<>();
      List<VType> ts = new ArrayList<>();
      for (Object x : (CedarSet) v) {
        Ans a = value(at, x);
        as.add(a);
        ts.add(a.type);
      }
      if (as.isEmpty()) {
        error(
            at,
            Kind.EMPTY_SET_FORBIDDEN,
            "empty set literals are forbidden in policies",
            "the validator cannot know the element type of []");
        return fail(null);
      }
      VType lub = lubOrError(at, ts, "the elements of a set");
      return after(lub == null ? fail(null) : ok(VType.set(lub)), as.toArray(new Ans[0]));
    }
    if (v instanceof CedarRecord) {
      Map<String, VType.Attr> m = new LinkedHashMap<>();
      List<Ans> as = new ArrayList<>();
      boolean complete = true;
      for (Map.Entry<String, Object> a : ((CedarRecord) v).attributes().entrySet()) {
        Ans x = value(at, a.getValue());
        as.add(x);
        if (x.type == null) {
          complete = false;
        } else {
          m.put(a.getKey(), new VType.Attr(x.type, true));
        }
      }
      return after(complete ? ok(VType.record(m, false)) : fail(null), as.toArray(new Ans[0]));
    }
    return ok(VType.ext(Values.typeName(v)));
  }

  private Ans not(Ans a) {
    if (a.type == null) {
      return fail(VType.BOOL);
    }
    VType t =
        a.type.kind == VType.Kind.TRUE
            ? VType.FALSE
            : a.type.kind == VType.Kind.FALSE ? VType.TRUE : VType.BOOL;
    return after(ok(t), a);
  }

  private Ans ifThenElse(Set<String> prior, Exprs.If e) {
    Ans test = expect(prior, e.guard(), VType.BOOL, null);
    Set<String> testCaps = test.caps;
    if (test.type == VType.TRUE) {
      Ans then = typeOf(union(prior, testCaps), e.consequent());
      return after(ok(then.type, union(then.caps, testCaps)), test, then);
    }
    if (test.type == VType.FALSE) {
      Ans other = typeOf(prior, e.alternative());
      return after(ok(other.type, other.caps), test, other);
    }
    Ans then = typeOf(union(prior, testCaps), e.consequent());
    Set<String> thenCaps = then.ok ? union(then.caps, testCaps) : NONE;
    Ans other = typeOf(prior, e.alternative());
    VType lub =
        lubOrError(
            e, java.util.Arrays.asList(then.type, other.type), "the branches of if-then-else");
    Ans r = lub == null ? fail(null) : ok(lub, intersect(other.caps, thenCaps));
    return after(r, test, then, other);
  }

  private Ans and(Set<String> prior, Exprs.And e) {
    Ans left = expect(prior, e.left(), VType.BOOL, null);
    if (left.type == VType.FALSE) {
      return after(ok(VType.FALSE), left);
    }
    Ans right = expect(union(prior, left.caps), e.right(), VType.BOOL, null);
    VType lt = left.type;
    VType rt = right.type;
    Ans r;
    if (lt != null && rt == VType.FALSE) {
      r = ok(VType.FALSE);
    } else if (lt != null && rt == VType.TRUE) {
      r = ok(lt, union(left.caps, right.caps));
    } else if (lt == VType.TRUE && rt != null) {
      r = ok(rt, right.caps);
    } else if (lt != null && rt != null) {
      r = ok(VType.BOOL, union(left.caps, right.caps));
    } else {
      r = fail(VType.BOOL);
    }
    return after(r, left, right);
  }

  private Ans or(Set<String> prior, Exprs.Or e) {
    Ans left = expect(prior, e.left(), VType.BOOL, null);
    if (left.type == VType.TRUE) {
      return after(ok(VType.TRUE, left.caps), left);
    }
    Ans right = expect(prior, e.right(), VType.BOOL, null);
    VType lt = left.type;
    VType rt = right.type;
    Ans r;
    if (lt != null && rt == VType.TRUE) {
      r = ok(VType.TRUE, right.caps);
    } else if (lt != null && rt == VType.FALSE) {
      r = ok(lt, left.caps);
    } else if (lt == VType.FALSE && rt != null) {
      r = ok(rt, right.caps);
    } else if (lt != null && rt != null) {
      r = ok(VType.BOOL, intersect(right.caps, left.caps));
    } else {
      r = fail(VType.BOOL);
    }
    return after(r, left, right);
  }

  /** The least upper bound of {@code ts}, or null if there is none or they are empty. */
  private static VType quietLub(Set<VType> ts) {
    if (ts.isEmpty()) {
      return null;
    }
    VType lub = VType.NEVER;
    for (VType t : ts) {
      Subtyping.Lub l = Subtyping.lub(lub, t, true);
      if (!l.ok()) {
        return null;
      }
      lub = l.type();
    }
    return lub;
  }

  private VType lubOrError(Expr at, List<VType> ts, String what) {
    for (VType t : ts) {
      if (t == null) {
        return null;
      }
    }
    VType lub = VType.NEVER;
    for (VType t : ts) {
      Subtyping.Lub l = Subtyping.lub(lub, t, true);
      if (!l.ok()) {
        error(
            at,
            Kind.INCOMPATIBLE_TYPES,
            "the types " + distinct(ts) + " of " + what + " are not compatible",
            l.failure().hint);
        return null;
      }
      lub = l.type();
    }
    return lub;
  }

  private static String distinct(List<VType> ts) {
    Set<String> s = new LinkedHashSet<>();
    for (VType t : ts) {
      s.add(t.toString());
    }
    return String.join(", ", s);
  }

  // ---- binary operators ----

  private Ans binary(Set<String> prior, Exprs.Binary e) {
    BinOp op = e.op();
    switch (op) {
      case EQ:
        return equality(prior, e, e.left(), e.right());
      case NEQ:
        return not(equality(prior, e, e.left(), e.right()));
      case LT:
      case LE:
        return comparison(prior, e.left(), e.right());
      case GT:
      case GE:
        // Cedar reads a > b as b < a.
        return comparison(prior, e.right(), e.left());
      case ADD:
      case SUB:
      case MUL:
        {
          Help h =
              t ->
                  op == BinOp.ADD && t.kind == VType.Kind.STRING
                      ? "Cedar has no string concatenation"
                      : t.kind == VType.Kind.SET
                          ? "Cedar has no set union or difference; use contains, containsAll or "
                              + "containsAny"
                          : null;
          Ans a = expect(prior, e.left(), VType.LONG, h);
          Ans b = expect(prior, e.right(), VType.LONG, h);
          return after(ok(VType.LONG), a, b);
        }
      case IN:
        return in(prior, e);
      case CONTAINS:
        {
          Ans a = expect(prior, e.left(), VType.ANY_SET, Typechecker::setHelp);
          Ans b = typeOf(prior, e.right());
          VType elem = a.type != null && a.type.kind == VType.Kind.SET ? a.type.element : null;
          return after(strictEquality(e, VType.BOOL, elem, b.type, "contains"), a, b);
        }
      case CONTAINS_ALL:
      case CONTAINS_ANY:
        {
          Ans a = expect(prior, e.left(), VType.ANY_SET, Typechecker::setHelp);
          Ans b =
              expect(
                  prior,
                  e.right(),
                  VType.ANY_SET,
                  t ->
                      "the argument of containsAll and containsAny is a set; for one element use "
                          + "contains");
          return after(
              strictEquality(
                  e,
                  VType.BOOL,
                  a.type,
                  b.type,
                  op == BinOp.CONTAINS_ALL ? "containsAll" : "containsAny"),
              a,
              b);
        }
      case HAS_TAG:
        return hasTag(prior, e);
      case GET_TAG:
        return getTag(prior, e);
      default:
        throw new IllegalStateException(op.name());
    }
  }

  private static String setHelp(VType t) {
    if (t.isEntity()) {
      return "to test membership in the entity hierarchy, use `in`";
    }
    if (t.kind == VType.Kind.RECORD) {
      return "to test whether a record has an attribute, use `has`";
    }
    if (t.kind == VType.Kind.STRING) {
      return "to match strings, use `like`";
    }
    return null;
  }

  private Ans equality(Set<String> prior, Expr e, Expr l, Expr r) {
    Ans a = typeOf(prior, l);
    Ans b = typeOf(prior, r);
    VType t;
    if (a.type != null && b.type != null && Subtyping.disjoint(a.type, b.type)) {
      t = VType.FALSE;
    } else {
      Object x = literalValue(l);
      Object y = literalValue(r);
      t = x != null && y != null ? VType.bool(x.equals(y)) : VType.BOOL;
    }
    return after(strictEquality(e, t, a.type, b.type, "=="), a, b);
  }

  /** The value of a literal as written, with {@code action} replaced by the env's action. */
  private Object literalValue(Expr e0) {
    Expr e = written(e0);
    if (e instanceof Exprs.Lit) {
      return ((Exprs.Lit) e).value();
    }
    if (e instanceof Exprs.Var && ((Exprs.Var) e).kind() == Exprs.VarKind.ACTION) {
      return env.action();
    }
    return null;
  }

  private Ans strictEquality(Expr at, VType result, VType l, VType r, String what) {
    if (result.kind == VType.Kind.TRUE || result.kind == VType.Kind.FALSE) {
      return ok(result);
    }
    if (l != null && r != null) {
      Subtyping.Lub lub = Subtyping.lub(l, r, true);
      if (!lub.ok()) {
        error(
            at,
            Kind.INCOMPATIBLE_TYPES,
            "the operands of " + what + " have incompatible types " + l + " and " + r,
            lub.failure().hint);
        return fail(result);
      }
    }
    return ok(result);
  }

  private static boolean comparable(VType t) {
    return t.kind == VType.Kind.LONG
        || (t.kind == VType.Kind.EXT && COMPARABLE_EXT.contains(t.ext));
  }

  private static final String COMPARABLE = "Long, datetime or duration";

  private Ans comparison(Set<String> prior, Expr x, Expr y) {
    Ans a = typeOf(prior, x);
    Ans b = typeOf(prior, y);
    VType t1 = a.type;
    VType t2 = b.type;
    Ans r;
    if (t1 == null || t2 == null) {
      r = fail(VType.BOOL);
    } else if (t1.kind == VType.Kind.NEVER && t2.kind == VType.Kind.NEVER) {
      r = fail(VType.BOOL);
    } else if (t1.kind == VType.Kind.NEVER || t2.kind == VType.Kind.NEVER) {
      VType other = t1.kind == VType.Kind.NEVER ? t2 : t1;
      Expr at = t1.kind == VType.Kind.NEVER ? y : x;
      r = comparable(other) ? ok(VType.BOOL) : comparisonError(at, COMPARABLE, other);
    } else if (t1.equals(t2) && comparable(t1)) {
      r = ok(VType.BOOL);
    } else if (t1.kind == VType.Kind.LONG) {
      r = comparisonError(y, "Long", t2);
    } else if (t2.kind == VType.Kind.LONG) {
      r = comparisonError(x, "Long", t1);
    } else if (comparable(t1)) {
      r = comparisonError(y, t1.toString(), t2);
    } else if (comparable(t2)) {
      r = comparisonError(x, t2.toString(), t1);
    } else {
      comparisonError(x, COMPARABLE, t1);
      r = comparisonError(y, COMPARABLE, t2);
    }
    return after(r, a, b);
  }

  private Ans comparisonError(Expr at, String expected, VType actual) {
    error(
        at,
        Kind.UNEXPECTED_TYPE,
        "unexpected type: expected " + expected + " but saw " + describe(actual),
        actual.kind == VType.Kind.EXT && actual.ext.equals("decimal")
            ? "compare decimals with .lessThan(), .greaterThan() and the like"
            : null);
    return fail(VType.BOOL);
  }

  private Ans in(Set<String> prior, Exprs.Binary e) {
    Ans a =
        expect(
            prior,
            e.left(),
            VType.ANY_ENTITY,
            t -> "`in` tests membership in the entity hierarchy; for sets use contains");
    Ans b =
        expectOneOf(
            prior,
            e.right(),
            new VType[] {VType.set(VType.ANY_ENTITY), VType.ANY_ENTITY},
            t ->
                t.kind == VType.Kind.SET
                    ? "`in` tests membership in the entity hierarchy; for sets use contains"
                    : t.kind == VType.Kind.STRING ? "to match strings, use `like`" : null);
    if (!a.ok || !b.ok) {
      return fail(VType.BOOL);
    }
    Object lhs = literalValue(e.left());
    List<EntityUid> rhs = literalUids(e.right());
    if (lhs instanceof EntityUid
        && rhs != null
        && SchemaView.isActionType(((EntityUid) lhs).type())) {
      List<EntityUid> actions = new ArrayList<>();
      for (EntityUid u : rhs) {
        if (SchemaView.isActionType(u.type())) {
          actions.add(u);
        }
      }
      if (actions.isEmpty()) {
        return ok(VType.FALSE);
      }
      Set<EntityUid> in = schema.actionsIn(actions);
      return in == null ? fail(VType.BOOL) : ok(VType.bool(in.contains(lhs)));
    }
    SortedSet<String> lt = a.type.kind == VType.Kind.ENTITY ? a.type.entities : null;
    SortedSet<String> rt =
        b.type.kind == VType.Kind.ENTITY
            ? b.type.entities
            : b.type.kind == VType.Kind.SET
                    && b.type.element != null
                    && b.type.element.kind == VType.Kind.ENTITY
                ? b.type.element.entities
                : null;
    if (lt != null && rt != null && !anyDescendant(lt, rt)) {
      return ok(VType.FALSE);
    }
    return ok(VType.BOOL);
  }

  private List<EntityUid> literalUids(Expr e0) {
    Object v = literalValue(e0);
    if (v instanceof EntityUid) {
      return List.of((EntityUid) v);
    }
    Expr e = written(e0);
    if (e instanceof Exprs.SetLit) {
      List<EntityUid> out = new ArrayList<>();
      for (Expr item : ((Exprs.SetLit) e).items()) {
        Object u = literalValue(item);
        if (!(u instanceof EntityUid)) {
          return null;
        }
        out.add((EntityUid) u);
      }
      return out;
    }
    return null;
  }

  private boolean anyDescendant(Set<String> lhs, Set<String> rhs) {
    for (String l : lhs) {
      for (String r : rhs) {
        if (schema.typesIn(r).contains(l) || actionTypeIn(l, r)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean actionTypeIn(String l, String r) {
    if (l.equals(r)) {
      return true;
    }
    for (EntityUid a : schema.model.actions().keySet()) {
      if (a.type().equals(r)) {
        for (EntityUid d : schema.actionDescendants(a)) {
          if (d.type().equals(l)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  // ---- tags ----

  private Set<VType> tagTypes(VType entity) {
    Set<VType> out = new LinkedHashSet<>();
    Iterable<String> names =
        entity.kind == VType.Kind.ENTITY ? entity.entities : schema.model.entityTypes().keySet();
    for (String n : names) {
      VType t = schema.tagType(n);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  private String tagCap(Expr on, Expr tag) {
    return key(on) + "#" + key(tag);
  }

  private Ans hasTag(Set<String> prior, Exprs.Binary e) {
    Ans a = expect(prior, e.left(), VType.ANY_ENTITY, null);
    Ans b = expect(prior, e.right(), VType.STRING, null);
    if (a.type == null) {
      return fail(null);
    }
    String cap = tagCap(e.left(), e.right());
    VType t =
        tagTypes(a.type).isEmpty() ? VType.FALSE : prior.contains(cap) ? VType.TRUE : VType.BOOL;
    return after(ok(t, Set.of(cap)), a, b);
  }

  private Ans getTag(Set<String> prior, Exprs.Binary e) {
    Ans a = expect(prior, e.left(), VType.ANY_ENTITY, null);
    Ans b = expect(prior, e.right(), VType.STRING, null);
    if (a.type == null) {
      return fail(null);
    }
    String cap = tagCap(e.left(), e.right());
    Ans r;
    if (prior.contains(cap)) {
      Set<VType> tags = tagTypes(a.type);
      if (tags.isEmpty()) {
        String single = a.type.singleEntity();
        error(
            e,
            Kind.NO_TAGS_ALLOWED,
            (single == null ? "these entities" : "entity type " + single) + " cannot have tags",
            "declare `tags` on the entity type in the schema");
        r = fail(null);
      } else {
        VType t = lubOrError(e, new ArrayList<>(tags), "the tags of " + a.type);
        r = t == null ? fail(null) : ok(t);
      }
    } else {
      error(
          e,
          Kind.UNSAFE_TAG_ACCESS,
          "unsafe tag access: the tag may not exist on " + describe(a.type),
          "guard it: write `"
              + snippetOr(e.left(), "e")
              + ".hasTag("
              + snippetOr(e.right(), "t")
              + ") && ...` before the getTag");
      // The read is an error, but Cedar still types it (with the tags' type, where they have
      // one), so the checks that walk the typed tree, level validation among them, see it.
      r = fail(quietLub(tagTypes(a.type)));
    }
    return after(r, a, b);
  }

  // ---- attributes ----

  private String attrCap(Expr on, String attr) {
    return key(on) + "." + attr;
  }

  /** The attributes of an entity type union (those all of them have), or a record's. */
  private Map<String, VType.Attr> attributesOf(VType t) {
    if (t.kind == VType.Kind.RECORD) {
      return t.attrs;
    }
    if (t.kind != VType.Kind.ENTITY) {
      return Map.of();
    }
    VType acc = null;
    for (String n : t.entities) {
      VType a = schema.attributes(n);
      if (a == null) {
        a = VType.record(Map.of(), false);
      }
      acc =
          acc == null
              ? a
              : Subtyping.lub(VType.record(acc.attrs, false), VType.record(a.attrs, false), false)
                  .type();
    }
    return acc == null ? Map.of() : acc.attrs;
  }

  private boolean mayHaveAttr(VType t, String attr) {
    switch (t.kind) {
      case NEVER:
      case ANY_ENTITY:
        return true;
      case ENTITY:
        for (String n : t.entities) {
          if (!SchemaView.isActionType(n)) {
            VType a = schema.attributes(n);
            if (a == null || a.open || a.attrs.containsKey(attr)) {
              return true;
            }
          }
        }
        return false;
      case RECORD:
        return t.open || t.attrs.containsKey(attr);
      default:
        return false;
    }
  }

  private Ans getAttr(Set<String> prior, Exprs.GetAttr e) {
    Ans a = expectOneOf(prior, e.operand(), new VType[] {VType.ANY_ENTITY, VType.ANY_RECORD}, null);
    if (a.type == null) {
      return fail(null);
    }
    String attr = e.attr();
    VType.Attr at = a.type.kind == VType.Kind.ANY_ENTITY ? null : attributesOf(a.type).get(attr);
    Ans r;
    if (at != null) {
      if (at.required() || prior.contains(attrCap(e.operand(), attr))) {
        r = ok(at.type());
      } else {
        String target = snippetOr(e.operand(), "e");
        error(
            e,
            Kind.UNSAFE_OPTIONAL_ATTRIBUTE_ACCESS,
            "unsafe access to optional attribute `"
                + attr
                + "` of "
                + describeTarget(e.operand(), a.type),
            "guard it: write `"
                + target
                + " has "
                + attrName(attr)
                + " && ...` before this access (in the same "
                + "when clause, or in an earlier one)");
        r = fail(at.type());
      }
    } else {
      List<String> known = new ArrayList<>(attributesOf(a.type).keySet());
      String near = Fuzzy.nearest(attr, known);
      String hint =
          near != null
              ? "did you mean `" + near + "`?"
              : mayHaveAttr(a.type, attr)
                  ? "the attribute is not declared for every type this "
                      + "can be; test its type with `is` first"
                  : null;
      error(
          e,
          Kind.UNSAFE_ATTRIBUTE_ACCESS,
          "attribute `" + attr + "` not found on " + describeTarget(e.operand(), a.type),
          hint);
      r = fail(null);
    }
    return after(r, a);
  }

  private static String attrName(String attr) {
    return attr.matches("[_a-zA-Z][_a-zA-Z0-9]*") ? attr : "\"" + attr + "\"";
  }

  private String describeTarget(Expr target, VType t) {
    String s = report.snippet(target);
    String type =
        t.kind == VType.Kind.ENTITY
            ? "entity type " + t
            : t.kind == VType.Kind.RECORD ? "record type " + t : t.toString();
    return s == null ? type : "`" + s + "` (" + type + ")";
  }

  private String snippetOr(Expr e, String fallback) {
    String s = report.snippet(e);
    return s == null ? fallback : s;
  }

  private Ans hasAttr(Set<String> prior, Exprs.HasAttr e) {
    Ans a =
        expectOneOf(
            prior,
            e.operand(),
            new VType[] {VType.ANY_ENTITY, VType.ANY_RECORD},
            t ->
                t.kind == VType.Kind.SET
                    ? "for sets use contains"
                    : t.kind == VType.Kind.STRING ? "to match strings, use `like`" : null);
    if (a.type == null) {
      return fail(VType.BOOL);
    }
    String cap = attrCap(e.operand(), e.attr());
    VType.Attr at =
        a.type.kind == VType.Kind.ANY_ENTITY ? null : attributesOf(a.type).get(e.attr());
    Ans r;
    if (at != null && at.required()) {
      boolean known = a.type.kind == VType.Kind.RECORD || prior.contains(cap);
      r = ok(known ? VType.TRUE : VType.BOOL, Set.of(cap));
    } else if (at != null) {
      r = ok(prior.contains(cap) ? VType.TRUE : VType.BOOL, Set.of(cap));
    } else {
      r = ok(mayHaveAttr(a.type, e.attr()) ? VType.BOOL : VType.FALSE);
    }
    return after(r, a);
  }

  private Ans is(Set<String> prior, Exprs.Is e) {
    Ans a =
        expect(
            prior,
            e.operand(),
            VType.ANY_ENTITY,
            t -> "`is` tests the type of an entity; other values have no entity type");
    if (a.type == null) {
      return fail(VType.BOOL);
    }
    VType t;
    if (a.type.kind == VType.Kind.ENTITY) {
      t =
          !a.type.entities.contains(e.type())
              ? VType.FALSE
              : e.type().equals(a.type.singleEntity()) ? VType.TRUE : VType.BOOL;
    } else {
      t = VType.BOOL;
    }
    return after(ok(t), a);
  }

  // ---- literals of sets and records ----

  private Ans setLiteral(Set<String> prior, Expr e, List<Expr> items) {
    List<Ans> as = new ArrayList<>();
    List<VType> ts = new ArrayList<>();
    for (Expr item : items) {
      Ans a = typeOf(prior, item);
      as.add(a);
      ts.add(a.type);
    }
    VType lub = lubOrError(e, ts, "the elements of a set");
    Ans r;
    if (items.isEmpty()) {
      error(
          e,
          Kind.EMPTY_SET_FORBIDDEN,
          "empty set literals are forbidden in policies",
          "the validator cannot know the element type of []; compare with a set that has "
              + "elements, or test .isEmpty()");
      r = fail(null);
    } else {
      r = lub == null ? fail(null) : ok(VType.set(lub));
    }
    return after(r, as.toArray(new Ans[0]));
  }

  private Ans recordLiteral(Set<String> prior, List<String> keys, List<Expr> values) {
    Map<String, VType.Attr> m = new LinkedHashMap<>();
    List<Ans> as = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < keys.size(); i++) {
      Ans a = typeOf(prior, values.get(i));
      as.add(a);
      if (a.type == null) {
        complete = false;
      } else {
        m.put(keys.get(i), new VType.Attr(a.type, true));
      }
    }
    Ans r = complete ? ok(VType.record(m, false)) : fail(null);
    return after(r, as.toArray(new Ans[0]));
  }

  // ---- extension functions ----

  private Ans call(Set<String> prior, Exprs.Call e) {
    String fn = e.fn();
    ExtSig sig = ExtSig.of(fn);
    List<Expr> args = e.args();
    if (sig == null) {
      error(e, Kind.UNDEFINED_FUNCTION, "undefined extension function " + fn, null);
      for (Expr a : args) {
        typeOf(prior, a);
      }
      return fail(null);
    }
    boolean failed = false;
    if (args.size() != sig.params.length) {
      error(
          e,
          Kind.WRONG_NUMBER_ARGUMENTS,
          fn
              + " takes "
              + sig.params.length
              + (sig.params.length == 1 ? " argument" : " arguments")
              + " but was given "
              + args.size(),
          null);
      failed = true;
    }
    if (sig.checked && args.size() == 1) {
      Expr arg = written(args.get(0));
      if (arg instanceof Exprs.Lit && ((Exprs.Lit) arg).value() instanceof String) {
        String s = (String) ((Exprs.Lit) arg).value();
        try {
          ExtCalls.call(fn, new Object[] {s});
        } catch (EvalException ex) {
          error(
              e,
              Kind.FUNCTION_ARGUMENT_VALIDATION,
              "\"" + s + "\" is not a valid " + fn + " literal: " + ex.getMessage(),
              ExtSig.example(fn));
          failed = true;
        }
      }
    }
    if (sig.checked) {
      for (Expr a : args) {
        if (!(written(a) instanceof Exprs.Lit)) {
          error(
              e,
              Kind.NON_LITERAL_EXTENSION_CONSTRUCTOR,
              fn + "(...) must be applied to a " + "string literal",
              "build the value from a literal, e.g. "
                  + ExtSig.example(fn)
                  + "; to compare against a value from the request, put it in the context with "
                  + "the extension type");
          failed = true;
          break;
        }
      }
    }
    if (failed) {
      for (Expr a : args) {
        typeOf(prior, a);
      }
      return fail(sig.result);
    }
    Ans[] as = new Ans[args.size()];
    for (int i = 0; i < args.size(); i++) {
      as[i] = expect(prior, args.get(i), sig.params[i], null);
    }
    return after(ok(sig.result), as);
  }

  // ---- structural keys, for capabilities ----

  /** A key equal for structurally equal expressions (Cedar compares capabilities so). */
  String key(Expr e0) {
    Expr e = written(e0);
    String k = keys.get(e);
    if (k != null) {
      return k;
    }
    StringBuilder sb = new StringBuilder();
    appendKey(e, sb);
    k = sb.toString();
    keys.put(e, k);
    return k;
  }

  private void appendKey(Expr e0, StringBuilder sb) {
    Expr e = written(e0);
    if (e instanceof Exprs.Lit) {
      Object v = ((Exprs.Lit) e).value();
      if (v instanceof String) {
        quote((String) v, sb);
      } else if (v instanceof EntityUid) {
        EntityUid u = (EntityUid) v;
        sb.append(u.type()).append("::");
        quote(u.id(), sb);
      } else {
        sb.append(v);
      }
      return;
    }
    if (e instanceof Exprs.Var) {
      sb.append(((Exprs.Var) e).kind());
      return;
    }
    if (e instanceof Exprs.Slot) {
      sb.append(((Exprs.Slot) e).name());
      return;
    }
    sb.append('(');
    if (e instanceof Exprs.GetAttr) {
      sb.append(". ");
      appendKey(((Exprs.GetAttr) e).operand(), sb);
      sb.append(' ');
      quote(((Exprs.GetAttr) e).attr(), sb);
    } else if (e instanceof Exprs.HasAttr) {
      sb.append("has ");
      appendKey(((Exprs.HasAttr) e).operand(), sb);
      sb.append(' ');
      quote(((Exprs.HasAttr) e).attr(), sb);
    } else if (e instanceof Exprs.If) {
      Exprs.If i = (Exprs.If) e;
      keys(sb, "if", i.guard(), i.consequent(), i.alternative());
    } else if (e instanceof Exprs.And) {
      keys(sb, "&&", ((Exprs.And) e).left(), ((Exprs.And) e).right());
    } else if (e instanceof Exprs.Or) {
      keys(sb, "||", ((Exprs.Or) e).left(), ((Exprs.Or) e).right());
    } else if (e instanceof Exprs.Not) {
      keys(sb, "!", ((Exprs.Not) e).operand());
    } else if (e instanceof Exprs.Neg) {
      keys(sb, "neg", ((Exprs.Neg) e).operand());
    } else if (e instanceof Exprs.IsEmpty) {
      keys(sb, "isEmpty", ((Exprs.IsEmpty) e).operand());
    } else if (e instanceof Exprs.Binary) {
      Exprs.Binary b = (Exprs.Binary) e;
      keys(sb, b.op().name(), b.left(), b.right());
    } else if (e instanceof Exprs.Like) {
      sb.append("like ");
      appendKey(((Exprs.Like) e).operand(), sb);
      sb.append(' ');
      quote(((Exprs.Like) e).pattern().toString(), sb);
    } else if (e instanceof Exprs.Is) {
      sb.append("is ").append(((Exprs.Is) e).type()).append(' ');
      appendKey(((Exprs.Is) e).operand(), sb);
    } else if (e instanceof Exprs.SetLit) {
      keys(sb, "set", ((Exprs.SetLit) e).items().toArray(new Expr[0]));
    } else if (e instanceof Exprs.RecordLit) {
      Exprs.RecordLit r = (Exprs.RecordLit) e;
      sb.append("record");
      for (int i = 0; i < r.keys().size(); i++) {
        sb.append(' ');
        quote(r.keys().get(i), sb);
        sb.append(' ');
        appendKey(r.values().get(i), sb);
      }
    } else if (e instanceof Exprs.Call) {
      keys(sb, "call " + ((Exprs.Call) e).fn(), ((Exprs.Call) e).args().toArray(new Expr[0]));
    } else {
      throw new IllegalStateException("unknown expression node " + e.getClass().getSimpleName());
    }
    sb.append(')');
  }

  private void keys(StringBuilder sb, String op, Expr... kids) {
    sb.append(op);
    for (Expr k : kids) {
      sb.append(' ');
      appendKey(k, sb);
    }
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
  }
}
