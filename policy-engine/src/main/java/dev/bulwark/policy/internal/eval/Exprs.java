/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.eval;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.internal.ext.Extensions;
import dev.bulwark.policy.internal.value.CedarRecord;
import dev.bulwark.policy.internal.value.CedarSet;
import dev.bulwark.policy.internal.value.EntityData;
import dev.bulwark.policy.internal.value.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The expression node classes and their factories; all nodes are immutable and thread-safe.
 *
 * <p>Each node follows Cedar's evaluator ({@code cedar-policy-core/src/evaluator.rs}): binary
 * operators evaluate both operands left to right before checking types; {@code &&}, {@code ||} and
 * {@code if} short-circuit; {@code ==} never errors; {@code in} on an entity missing from the store
 * is plain equality; attribute access on a missing entity is an error while {@code has} is false.
 */
public final class Exprs {
  private Exprs() {}

  static EvalException typeError(String expected, Object actual) {
    return new EvalException(
        "type error: expected " + expected + ", got " + Values.typeName(actual));
  }

  static long asLong(Object v) {
    if (v instanceof Long) {
      return (Long) v;
    }
    throw typeError("long", v);
  }

  static String asString(Object v) {
    if (v instanceof String) {
      return (String) v;
    }
    throw typeError("string", v);
  }

  static EntityUid asEntity(Object v) {
    if (v instanceof EntityUid) {
      return (EntityUid) v;
    }
    throw typeError("entity", v);
  }

  static CedarSet asSet(Object v) {
    if (v instanceof CedarSet) {
      return (CedarSet) v;
    }
    throw typeError("set", v);
  }

  static boolean asBool(Object v) {
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    throw typeError("bool", v);
  }

  // ---- leaves ----

  /** A literal value. */
  public static final class Lit extends Expr {
    /**
     * @return the literal value
     */
    public Object value() {
      return value;
    }

    private final Object value;

    /**
     * @param value the Cedar value
     */
    public Lit(Object value) {
      this.value = value;
    }

    @Override
    public Object eval(Env env) {
      return value;
    }

    @Override
    public Object constant() {
      return value;
    }
  }

  /** The four request variables. */
  public enum VarKind {
    /** {@code principal}. */
    PRINCIPAL,
    /** {@code action}. */
    ACTION,
    /** {@code resource}. */
    RESOURCE,
    /** {@code context}. */
    CONTEXT
  }

  /** A request variable. */
  public static final class Var extends Expr {
    private final VarKind kind;

    /**
     * @param kind which variable
     */
    public Var(VarKind kind) {
      this.kind = kind;
    }

    /**
     * @return which variable
     */
    public VarKind kind() {
      return kind;
    }

    @Override
    public Object eval(Env env) {
      switch (kind) {
        case PRINCIPAL:
          return env.principal;
        case ACTION:
          return env.action;
        case RESOURCE:
          return env.resource;
        default:
          return env.context;
      }
    }
  }

  /**
   * A template slot, {@code ?principal} or {@code ?resource}; only in unlinked templates, which are
   * never evaluated.
   */
  public static final class Slot extends Expr {
    /**
     * @return the slot name
     */
    public String name() {
      return name;
    }

    private final String name;

    /**
     * @param name {@code ?principal} or {@code ?resource}
     */
    public Slot(String name) {
      this.name = name;
    }

    @Override
    public Object eval(Env env) {
      throw new EvalException("unlinked slot " + name);
    }
  }

  // ---- control ----

  /** {@code if c then a else b}. */
  public static final class If extends Expr {
    /**
     * @return the guard
     */
    public Expr guard() {
      return c;
    }

    /**
     * @return the consequent
     */
    public Expr consequent() {
      return a;
    }

    /**
     * @return the alternative
     */
    public Expr alternative() {
      return b;
    }

    private final Expr c;
    private final Expr a;
    private final Expr b;

    /**
     * @param c guard
     * @param a consequent
     * @param b alternative
     */
    public If(Expr c, Expr a, Expr b) {
      this.c = c;
      this.a = a;
      this.b = b;
    }

    @Override
    public Object eval(Env env) {
      return c.evalBool(env) ? a.eval(env) : b.eval(env);
    }
  }

  /** {@code l && r}. */
  public static final class And extends Expr {
    /**
     * @return the left operand
     */
    public Expr left() {
      return l;
    }

    /**
     * @return the right operand
     */
    public Expr right() {
      return r;
    }

    private final Expr l;
    private final Expr r;

    /**
     * @param l left
     * @param r right
     */
    public And(Expr l, Expr r) {
      this.l = l;
      this.r = r;
    }

    @Override
    public Object eval(Env env) {
      return evalBool(env);
    }

    @Override
    public boolean evalBool(Env env) {
      return l.evalBool(env) && r.evalBool(env);
    }
  }

  /** {@code l || r}. */
  public static final class Or extends Expr {
    /**
     * @return the left operand
     */
    public Expr left() {
      return l;
    }

    /**
     * @return the right operand
     */
    public Expr right() {
      return r;
    }

    private final Expr l;
    private final Expr r;

    /**
     * @param l left
     * @param r right
     */
    public Or(Expr l, Expr r) {
      this.l = l;
      this.r = r;
    }

    @Override
    public Object eval(Env env) {
      return evalBool(env);
    }

    @Override
    public boolean evalBool(Env env) {
      return l.evalBool(env) || r.evalBool(env);
    }
  }

  /** {@code !e}. */
  public static final class Not extends Expr {
    /**
     * @return the operand
     */
    public Expr operand() {
      return e;
    }

    private final Expr e;

    /**
     * @param e operand
     */
    public Not(Expr e) {
      this.e = e;
    }

    @Override
    public Object eval(Env env) {
      return !e.evalBool(env);
    }

    @Override
    public boolean evalBool(Env env) {
      return !e.evalBool(env);
    }
  }

  /** {@code -e}. */
  public static final class Neg extends Expr {
    /**
     * @return the operand
     */
    public Expr operand() {
      return e;
    }

    private final Expr e;

    /**
     * @param e operand
     */
    public Neg(Expr e) {
      this.e = e;
    }

    @Override
    public Object eval(Env env) {
      long v = asLong(e.eval(env));
      if (v == Long.MIN_VALUE) {
        throw new EvalException("integer overflow: -(" + v + ")");
      }
      return -v;
    }
  }

  // ---- binary ----

  /** Binary operators evaluated after both operands. */
  public enum BinOp {
    /** {@code ==}. */
    EQ,
    /** {@code !=}. */
    NEQ,
    /** {@code <}. */
    LT,
    /** {@code <=}. */
    LE,
    /** {@code >}. */
    GT,
    /** {@code >=}. */
    GE,
    /** {@code +}. */
    ADD,
    /** {@code -}. */
    SUB,
    /** {@code *}. */
    MUL,
    /** {@code in}. */
    IN,
    /** {@code .contains}. */
    CONTAINS,
    /** {@code .containsAll}. */
    CONTAINS_ALL,
    /** {@code .containsAny}. */
    CONTAINS_ANY,
    /** {@code .getTag}. */
    GET_TAG,
    /** {@code .hasTag}. */
    HAS_TAG
  }

  /**
   * Creates a binary operation node.
   *
   * @param op the operator
   * @param l left operand
   * @param r right operand
   * @return the node
   */
  public static Expr binary(BinOp op, Expr l, Expr r) {
    return new Binary(op, l, r);
  }

  /** A binary operation. */
  public static final class Binary extends Expr {
    /**
     * @return the operator
     */
    public BinOp op() {
      return op;
    }

    /**
     * @return the left operand
     */
    public Expr left() {
      return l;
    }

    /**
     * @return the right operand
     */
    public Expr right() {
      return r;
    }

    private final BinOp op;
    private final Expr l;
    private final Expr r;

    Binary(BinOp op, Expr l, Expr r) {
      this.op = op;
      this.l = l;
      this.r = r;
    }

    @Override
    public Object eval(Env env) {
      Object a = l.eval(env);
      Object b = r.eval(env);
      switch (op) {
        case EQ:
          return a.equals(b);
        case NEQ:
          return !a.equals(b);
        case LT:
          return compare(a, b) < 0;
        case LE:
          return compare(a, b) <= 0;
        case GT:
          return compare(b, a) < 0;
        case GE:
          return compare(b, a) <= 0;
        case ADD:
          return arith(op, a, b);
        case SUB:
          return arith(op, a, b);
        case MUL:
          return arith(op, a, b);
        case IN:
          return in(env, a, b);
        case CONTAINS:
          return asSet(a).contains(b);
        case CONTAINS_ALL:
          {
            CedarSet x = asSet(a);
            CedarSet y = asSet(b);
            return x.containsAll(y);
          }
        case CONTAINS_ANY:
          {
            CedarSet x = asSet(a);
            CedarSet y = asSet(b);
            CedarSet small = x.size() <= y.size() ? x : y;
            CedarSet big = small == x ? y : x;
            for (Object o : small) {
              if (big.contains(o)) {
                return true;
              }
            }
            return false;
          }
        case GET_TAG:
          {
            EntityUid uid = asEntity(a);
            String tag = asString(b);
            EntityData e = env.entity(uid);
            if (e == null) {
              throw new EvalException("entity " + uid + " does not exist");
            }
            Object v = e.tags().get(tag);
            if (v == null) {
              throw new EvalException(
                  "entity " + uid + " does not have the tag " + Values.quote(tag));
            }
            return v;
          }
        case HAS_TAG:
          {
            EntityUid uid = asEntity(a);
            String tag = asString(b);
            EntityData e = env.entity(uid);
            return e != null && e.tags().containsKey(tag);
          }
        default:
          throw new IllegalStateException(op.name());
      }
    }
  }

  /**
   * Cedar's {@code <}: longs, or two extension values of the same type that support operator
   * overloading ({@code datetime}, {@code duration}).
   */
  static int compare(Object a, Object b) {
    if (a instanceof Long && b instanceof Long) {
      return Long.compare((Long) a, (Long) b);
    }
    if (a instanceof Long) {
      throw typeError("long", b);
    }
    if (b instanceof Long) {
      throw typeError("long", a);
    }
    boolean ao = ExtCalls.isOrdered(a);
    boolean bo = ExtCalls.isOrdered(b);
    if (ao && bo && a.getClass() == b.getClass()) {
      return ExtCalls.compareOrdered(a, b);
    }
    if (ao) {
      throw typeError(Values.typeName(a), b);
    }
    if (bo) {
      throw typeError(Values.typeName(b), a);
    }
    throw typeError("long, datetime or duration", a);
  }

  static long arith(BinOp op, Object a, Object b) {
    long x = asLong(a);
    long y = asLong(b);
    try {
      switch (op) {
        case ADD:
          return Math.addExact(x, y);
        case SUB:
          return Math.subtractExact(x, y);
        default:
          return Math.multiplyExact(x, y);
      }
    } catch (ArithmeticException e) {
      String sym = op == BinOp.ADD ? " + " : op == BinOp.SUB ? " - " : " * ";
      throw new EvalException("integer overflow: " + x + sym + y);
    }
  }

  static boolean in(Env env, Object a, Object b) {
    EntityUid uid = asEntity(a);
    if (b instanceof EntityUid) {
      if (uid.equals(b)) {
        return true;
      }
      EntityData e = env.entity(uid);
      return e != null && e.hasAncestor((EntityUid) b);
    }
    if (b instanceof CedarSet) {
      CedarSet s = (CedarSet) b;
      // Cedar converts the whole set to entities first: a non-entity element is a type error
      // even if an earlier element matches.
      for (Object o : s) {
        asEntity(o);
      }
      if (s.contains(uid)) {
        return true;
      }
      EntityData e = env.entity(uid);
      if (e == null) {
        return false;
      }
      for (Object o : s) {
        if (e.hasAncestor((EntityUid) o)) {
          return true;
        }
      }
      return false;
    }
    throw typeError("set or entity", b);
  }

  /** {@code e.isEmpty()}. */
  public static final class IsEmpty extends Expr {
    /**
     * @return the operand
     */
    public Expr operand() {
      return e;
    }

    private final Expr e;

    /**
     * @param e operand
     */
    public IsEmpty(Expr e) {
      this.e = e;
    }

    @Override
    public Object eval(Env env) {
      return asSet(e.eval(env)).size() == 0;
    }
  }

  /** {@code e.attr} and {@code e["attr"]}. */
  public static final class GetAttr extends Expr {
    /**
     * @return the record or entity
     */
    public Expr operand() {
      return e;
    }

    /**
     * @return the attribute
     */
    public String attr() {
      return attr;
    }

    private final Expr e;
    private final String attr;

    /**
     * @param e the record or entity
     * @param attr the attribute
     */
    public GetAttr(Expr e, String attr) {
      this.e = e;
      this.attr = attr;
    }

    @Override
    public Object eval(Env env) {
      Object v = e.eval(env);
      if (v instanceof CedarRecord) {
        Object r = ((CedarRecord) v).get(attr);
        if (r == null) {
          throw new EvalException("record does not have the attribute " + Values.quote(attr));
        }
        return r;
      }
      if (v instanceof EntityUid) {
        EntityData ent = env.entity((EntityUid) v);
        if (ent == null) {
          throw new EvalException("entity " + v + " does not exist");
        }
        Object r = ent.attributes().get(attr);
        if (r == null) {
          throw new EvalException(
              "entity " + v + " does not have the attribute " + Values.quote(attr));
        }
        return r;
      }
      throw typeError("record or entity", v);
    }
  }

  /** {@code e has attr}. */
  public static final class HasAttr extends Expr {
    /**
     * @return the record or entity
     */
    public Expr operand() {
      return e;
    }

    /**
     * @return the attribute
     */
    public String attr() {
      return attr;
    }

    private final Expr e;
    private final String attr;

    /**
     * @param e the record or entity
     * @param attr the attribute
     */
    public HasAttr(Expr e, String attr) {
      this.e = e;
      this.attr = attr;
    }

    @Override
    public Object eval(Env env) {
      Object v = e.eval(env);
      if (v instanceof CedarRecord) {
        return ((CedarRecord) v).has(attr);
      }
      if (v instanceof EntityUid) {
        EntityData ent = env.entity((EntityUid) v);
        return ent != null && ent.attributes().has(attr);
      }
      throw typeError("record or entity", v);
    }
  }

  /** {@code e like "pattern"}. */
  public static final class Like extends Expr {
    /**
     * @return the operand
     */
    public Expr operand() {
      return e;
    }

    /**
     * @return the pattern
     */
    public Pattern pattern() {
      return pattern;
    }

    private final Expr e;
    private final Pattern pattern;

    /**
     * @param e the string
     * @param pattern the pattern
     */
    public Like(Expr e, Pattern pattern) {
      this.e = e;
      this.pattern = pattern;
    }

    @Override
    public Object eval(Env env) {
      return pattern.matches(asString(e.eval(env)));
    }
  }

  /** {@code e is Type}. */
  public static final class Is extends Expr {
    /**
     * @return the operand
     */
    public Expr operand() {
      return e;
    }

    /**
     * @return the entity type
     */
    public String type() {
      return type;
    }

    private final Expr e;
    private final String type;

    /**
     * @param e the entity
     * @param type the entity type name
     */
    public Is(Expr e, String type) {
      this.e = e;
      this.type = type;
    }

    @Override
    public Object eval(Env env) {
      return asEntity(e.eval(env)).type().equals(type);
    }
  }

  /** {@code [a, b, ...]}. */
  public static final class SetLit extends Expr {
    /**
     * @return the element expressions
     */
    public List<Expr> items() {
      return List.of(items);
    }

    private final Expr[] items;

    /**
     * @param items the elements
     */
    public SetLit(List<Expr> items) {
      this.items = items.toArray(new Expr[0]);
    }

    @Override
    public Object eval(Env env) {
      Object[] s = new Object[items.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = items[i].eval(env);
      }
      return CedarSet.ofArray(s);
    }
  }

  /** {@code {k: v, ...}}. */
  public static final class RecordLit extends Expr {
    /**
     * @return the keys, in source order
     */
    public List<String> keys() {
      return List.of(keys);
    }

    /**
     * @return the value expressions, in the order of {@link #keys()}
     */
    public List<Expr> values() {
      return List.of(values);
    }

    private final String[] keys;
    private final Expr[] values;

    /**
     * @param keys the attribute names, distinct
     * @param values the attribute expressions
     */
    public RecordLit(List<String> keys, List<Expr> values) {
      this.keys = keys.toArray(new String[0]);
      this.values = values.toArray(new Expr[0]);
    }

    @Override
    public Object eval(Env env) {
      Map<String, Object> m = new HashMap<>();
      for (int i = 0; i < keys.length; i++) {
        m.put(keys[i], values[i].eval(env));
      }
      return CedarRecord.of(m);
    }
  }

  /**
   * A set literal; folded to a constant when every element is one, so that the common {@code
   * [User::"a", User::"b"].contains(principal)} builds no set per request.
   *
   * @param items the element expressions
   * @return the node
   */
  public static Expr set(List<Expr> items) {
    Object[] s = new Object[items.size()];
    for (int i = 0; i < s.length; i++) {
      Object c = items.get(i).constant();
      if (c == null) {
        return new SetLit(items);
      }
      s[i] = c;
    }
    return new Lit(CedarSet.ofArray(s)).withOrigin(new SetLit(items));
  }

  /**
   * A record literal; folded to a constant when every value is one.
   *
   * @param keys the distinct attribute names
   * @param values the attribute expressions
   * @return the node
   */
  public static Expr record(List<String> keys, List<Expr> values) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Object c = values.get(i).constant();
      if (c == null) {
        return new RecordLit(keys, values);
      }
      m.put(keys.get(i), c);
    }
    return new Lit(CedarRecord.of(m)).withOrigin(new RecordLit(keys, values));
  }

  /** A call of an extension function or method, e.g. {@code ip("::1")} or {@code a.lessThan(b)}. */
  public static final class Call extends Expr {
    /**
     * @return the function name
     */
    public String fn() {
      return fn;
    }

    /**
     * @return the arguments, the receiver first for a method
     */
    public List<Expr> args() {
      return List.of(args);
    }

    private final String fn;
    private final Extensions.Function function;
    private final Expr[] args;

    /**
     * @param fn the function name
     * @param args the arguments (the receiver first for a method)
     */
    public Call(String fn, List<Expr> args) {
      this.fn = fn;
      this.function = Extensions.Function.byName(fn).orElse(null);
      this.args = args.toArray(new Expr[0]);
    }

    @Override
    public Object eval(Env env) {
      // Every extension function takes one or two arguments; those calls evaluate into locals
      // (no argument array) and skip the name lookup. Other counts take the general path, which
      // reports the arity error after evaluating the arguments, as Cedar does.
      if (function != null && args.length == 1) {
        return ExtCalls.call1(function, args[0].eval(env));
      }
      if (function != null && args.length == 2) {
        Object a = args[0].eval(env);
        return ExtCalls.call2(function, a, args[1].eval(env));
      }
      Object[] vals = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        vals[i] = args[i].eval(env);
      }
      return ExtCalls.call(fn, vals);
    }
  }

  /**
   * A value computed once at compile time, or the error it raised, re-raised at each evaluation so
   * that the policy errors exactly where Cedar's would.
   */
  public static final class Folded extends Expr {
    private final Object value;
    private final String error;

    /**
     * @param value the value, or null if {@code error} is set
     * @param error the error message, or null
     */
    public Folded(Object value, String error) {
      this.value = value;
      this.error = error;
    }

    @Override
    public Object eval(Env env) {
      if (error != null) {
        throw new EvalException(error);
      }
      return value;
    }

    @Override
    public Object constant() {
      return value;
    }
  }

  /**
   * Folds an extension call whose arguments are all literals (the common {@code ip("10.0.0.1")}).
   *
   * @param fn the function name
   * @param args the argument expressions
   * @return a folded node, or a call node if some argument is not constant
   */
  public static Expr call(String fn, List<Expr> args) {
    List<Object> consts = new ArrayList<>();
    for (Expr a : args) {
      Object c = a.constant();
      if (c == null) {
        return new Call(fn, args);
      }
      consts.add(c);
    }
    Expr written = new Call(fn, args);
    try {
      return new Folded(ExtCalls.call(fn, consts.toArray()), null).withOrigin(written);
    } catch (EvalException e) {
      return new Folded(null, e.getMessage()).withOrigin(written);
    }
  }
}
