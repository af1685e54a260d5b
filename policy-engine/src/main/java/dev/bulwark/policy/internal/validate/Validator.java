/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.validate;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.ValidationIssue.Kind;
import dev.bulwark.policy.internal.eval.Expr;
import dev.bulwark.policy.internal.eval.Exprs;
import dev.bulwark.policy.internal.eval.Exprs.BinOp;
import dev.bulwark.policy.internal.eval.PolicyDef;
import dev.bulwark.policy.internal.eval.Scope;
import dev.bulwark.policy.internal.schema.SchemaModel;
import dev.bulwark.policy.internal.value.CedarRecord;
import dev.bulwark.policy.internal.value.CedarSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cedar's policy validator in strict mode ({@code cedar-policy-core/src/validator.rs}): checks
 * policies and templates against a schema before they ever run; immutable and thread-safe (each
 * call works on its own state).
 *
 * <p>Per policy, in Cedar's order: entity types and actions must be declared (with a near spelling
 * as hint), entities of enumerated types must use a declared id, some action of the scope must
 * apply to the principal and resource types of the scope, and then the type checker runs on the
 * whole condition (scope and body) once per request environment the schema allows, a template once
 * per type its slots can take. A policy false in every environment draws the "impossible policy"
 * warning. Template links are checked for declared entity types and action application. With a
 * level, entity dereferences are bounded (Cedar's RFC 76).
 */
public final class Validator {
  private final SchemaView schema;

  /**
   * @param model the schema
   */
  public Validator(SchemaModel model) {
    this.schema = new SchemaView(model);
  }

  /**
   * Validates policies.
   *
   * @param templates the static policies and the templates, in order
   * @param links the template-linked policies, in order
   * @param level the maximum entity dereference level, or -1 for none
   * @return the findings, errors and warnings, in policy order
   */
  public List<Diag> validate(
      Collection<PolicyDef> templates, Collection<PolicyDef> links, int level) {
    List<Diag> out = new ArrayList<>();
    for (PolicyDef t : templates) {
      List<Diag> mine = new ArrayList<>();
      try {
        validatePolicy(t, level, mine);
      } catch (StackOverflowError e) {
        // The walk keeps its state in objects of its own, which the overflow discards: once the
        // stack has unwound, the policy is simply reported as not validated, never as valid.
        mine.clear();
        mine.add(
            new Reporter(t.id(), t)
                .policy(
                    Kind.TOO_DEEP_TO_VALIDATE,
                    true,
                    "policy is " + "nested too deeply to validate on this thread's stack",
                    "validate on a thread " + "with a larger stack"));
      }
      out.addAll(mine);
    }
    for (PolicyDef l : links) {
      validateLink(l, out);
    }
    return out;
  }

  // ---- one policy or template ----

  private void validatePolicy(PolicyDef t, int level, List<Diag> out) {
    Reporter report = new Reporter(t.id(), t);
    Set<Diag> errors = new LinkedHashSet<>();
    entityTypes(t, report, errors);
    enumEntities(t, report, errors);
    actionIds(t, report, errors);
    actionApplication(t.principal(), t.action(), t.resource(), report, errors);

    Expr cond = condition(t);
    Typechecker tc = new Typechecker(schema, report);
    boolean allFalse = true;
    List<Diag> envErrors = new ArrayList<>();
    for (SchemaView.Env env : schema.envs) {
      for (String ps : slotLinks(t.principal(), env.principal())) {
        for (String rs : slotLinks(t.resource(), env.resource())) {
          envErrors.clear();
          IdentityHashMap<Expr, VType> types = level >= 0 ? new IdentityHashMap<>() : null;
          Typechecker.Ans a = tc.check(cond, env, ps, rs, envErrors, types);
          boolean isFalse = a.type() == VType.FALSE;
          if (!isFalse) {
            allFalse = false;
          }
          errors.addAll(envErrors);
          if (types != null && (isFalse || a.ok())) {
            new LevelChecker(report, env, level, types, errors).check(cond);
          }
        }
      }
    }
    out.addAll(errors);
    if (allFalse) {
      out.add(
          report.policy(
              Kind.IMPOSSIBLE_POLICY,
              false,
              "policy is impossible: it is false " + "for every request the schema allows",
              "check the scope against the actions' "
                  + "principal and resource types, and the conditions against the attribute types"));
    }
  }

  /**
   * The types a slot can take in an environment: none if the scope has no slot; the variable's type
   * for {@code == ?slot}; for {@code in ?slot} that type and every type it can be a member of.
   */
  private List<String> slotLinks(Scope s, String var) {
    List<String> out = new ArrayList<>();
    if (s.slot() == null) {
      out.add(null);
      return out;
    }
    switch (s.kind()) {
      case EQ:
        out.add(var);
        break;
      case IN:
      case IS_IN:
        for (String t : schema.model.entityTypes().keySet()) {
          if (schema.descendantsOf(t).contains(var)) {
            out.add(t);
          }
        }
        out.add(var);
        break;
      default:
        out.addAll(schema.model.entityTypes().keySet());
    }
    return out;
  }

  /** The condition Cedar checks: scope constraints and body, joined by right-nested &&. */
  static Expr condition(PolicyDef t) {
    List<Expr> body = t.conditions();
    Expr cond = body.isEmpty() ? new Exprs.Lit(Boolean.TRUE) : body.get(body.size() - 1);
    for (int i = body.size() - 2; i >= 0; i--) {
      cond = new Exprs.And(body.get(i), cond);
    }
    cond = new Exprs.And(scopeExpr(t.resource(), Exprs.VarKind.RESOURCE), cond);
    cond = new Exprs.And(actionExpr(t.action()), cond);
    return new Exprs.And(scopeExpr(t.principal(), Exprs.VarKind.PRINCIPAL), cond);
  }

  private static Expr scopeExpr(Scope s, Exprs.VarKind var) {
    Expr v = new Exprs.Var(var);
    Expr target =
        s.slot() != null
            ? new Exprs.Slot(s.slot())
            : s.uid() != null ? new Exprs.Lit(s.uid()) : null;
    switch (s.kind()) {
      case ANY:
        return new Exprs.Lit(Boolean.TRUE);
      case EQ:
        return Exprs.binary(BinOp.EQ, v, target);
      case IN:
        return Exprs.binary(BinOp.IN, v, target);
      case IS:
        return new Exprs.Is(v, s.type());
      case IS_IN:
        return new Exprs.And(new Exprs.Is(v, s.type()), Exprs.binary(BinOp.IN, v, target));
      default:
        throw new IllegalStateException(s.kind().name());
    }
  }

  private static Expr actionExpr(Scope s) {
    Expr v = new Exprs.Var(Exprs.VarKind.ACTION);
    switch (s.kind()) {
      case ANY:
        return new Exprs.Lit(Boolean.TRUE);
      case EQ:
        return Exprs.binary(BinOp.EQ, v, new Exprs.Lit(s.uid()));
      case IN:
        return Exprs.binary(BinOp.IN, v, new Exprs.SetLit(List.of(new Exprs.Lit(s.uid()))));
      case IN_SET:
        {
          List<Expr> items = new ArrayList<>();
          for (EntityUid u : s.uidArray()) {
            items.add(new Exprs.Lit(u));
          }
          return Exprs.binary(BinOp.IN, v, new Exprs.SetLit(items));
        }
      default:
        throw new IllegalStateException(s.kind().name());
    }
  }

  // ---- names ----

  /** Every entity uid literal of the policy, scope first. */
  private static List<EntityUid> uids(PolicyDef t) {
    List<EntityUid> out = new ArrayList<>();
    for (Scope s : List.of(t.principal(), t.action(), t.resource())) {
      if (s.uid() != null) {
        out.add(s.uid());
      }
      for (EntityUid u : s.uidArray()) {
        out.add(u);
      }
    }
    for (Expr c : t.conditions()) {
      walk(
          c,
          e -> {
            if (e instanceof Exprs.Lit) {
              valueUids(((Exprs.Lit) e).value(), out);
            }
          });
    }
    return out;
  }

  /** The entity uids in a literal value (a JSON policy's Value may be a set or record). */
  private static void valueUids(Object v, List<EntityUid> out) {
    if (v instanceof EntityUid) {
      out.add((EntityUid) v);
    } else if (v instanceof CedarSet) {
      for (Object x : (CedarSet) v) {
        valueUids(x, out);
      }
    } else if (v instanceof CedarRecord) {
      for (Object x : ((CedarRecord) v).attributes().values()) {
        valueUids(x, out);
      }
    }
  }

  private void entityTypes(PolicyDef t, Reporter report, Set<Diag> errors) {
    List<String> names = new ArrayList<>();
    for (Scope s : List.of(t.principal(), t.action(), t.resource())) {
      if (s.type() != null) {
        names.add(s.type());
      }
      if (s.uid() != null) {
        names.add(s.uid().type());
      }
      for (EntityUid u : s.uidArray()) {
        names.add(u.type());
      }
    }
    List<Expr> nodes = new ArrayList<>();
    List<String> nodeTypes = new ArrayList<>();
    for (Expr c : t.conditions()) {
      walk(
          c,
          e -> {
            if (e instanceof Exprs.Is) {
              nodes.add(e);
              nodeTypes.add(((Exprs.Is) e).type());
            } else if (e instanceof Exprs.Lit) {
              List<EntityUid> us = new ArrayList<>();
              valueUids(((Exprs.Lit) e).value(), us);
              for (EntityUid u : us) {
                nodes.add(e);
                nodeTypes.add(u.type());
              }
            }
          });
    }
    for (String n : names) {
      if (!schema.isKnownEntityType(n)) {
        errors.add(
            report.text(
                n,
                Kind.UNRECOGNIZED_ENTITY_TYPE,
                "unrecognized entity type `" + n + "`",
                entityTypeHint(n)));
      }
    }
    for (int i = 0; i < nodes.size(); i++) {
      Expr e = nodes.get(i);
      String n = nodeTypes.get(i);
      if (!schema.isKnownEntityType(n)) {
        errors.add(
            report.at(
                e,
                Kind.UNRECOGNIZED_ENTITY_TYPE,
                "unrecognized entity type `" + n + "`",
                entityTypeHint(n)));
      }
    }
  }

  private String entityTypeHint(String n) {
    String near = Fuzzy.nearest(n, schema.model.entityTypes().keySet());
    if (near != null) {
      return "did you mean `" + near + "`?";
    }
    // A type declared in a namespace but written without it is a common slip.
    for (String t : schema.model.entityTypes().keySet()) {
      if (t.endsWith("::" + n)) {
        return "did you mean `" + t + "`? (types in a namespace need its prefix)";
      }
    }
    return null;
  }

  private void enumEntities(PolicyDef t, Reporter report, Set<Diag> errors) {
    for (EntityUid u : uids(t)) {
      if (SchemaView.isActionType(u.type())) {
        continue;
      }
      SchemaModel.EntityTypeDef d = schema.model.entityTypes().get(u.type());
      if (d != null && d.enumChoices() != null && !d.enumChoices().contains(u.id())) {
        errors.add(
            report.text(
                u.type(),
                Kind.INVALID_ENUM_ENTITY,
                "entity `"
                    + u
                    + "` is of an enumerated type, but `"
                    + u.id()
                    + "` is not one of its ids "
                    + d.enumChoices(),
                nearId(u.id(), d.enumChoices())));
      }
    }
  }

  private static String nearId(String id, List<String> choices) {
    String near = Fuzzy.nearest(id, choices);
    return near == null ? null : "did you mean \"" + near + "\"?";
  }

  private void actionIds(PolicyDef t, Reporter report, Set<Diag> errors) {
    for (EntityUid u : uids(t)) {
      if (SchemaView.isActionType(u.type()) && !schema.isKnownAction(u)) {
        List<String> ids = new ArrayList<>();
        List<String> full = new ArrayList<>();
        for (EntityUid a : schema.model.actions().keySet()) {
          if (a.type().equals(u.type())) {
            ids.add(a.id());
          }
          full.add(a.toString());
        }
        String near = Fuzzy.nearest(u.id(), ids);
        String hint =
            near != null
                ? "did you mean `" + u.type() + "::\"" + near + "\"`?"
                : Fuzzy.nearest(u.toString(), full) != null
                    ? "did you mean `" + Fuzzy.nearest(u.toString(), full) + "`?"
                    : null;
        errors.add(
            report.text(
                "\"" + u.id() + "\"",
                Kind.UNRECOGNIZED_ACTION_ID,
                "unrecognized action `" + u + "`",
                hint));
      }
    }
  }

  // ---- action application ----

  private void actionApplication(
      Scope principal, Scope action, Scope resource, Reporter report, Set<Diag> errors) {
    List<SchemaModel.ActionDef> specs = actionsOf(action);
    Set<String> ps = typesSatisfying(principal);
    Set<String> rs = typesSatisfying(resource);
    for (SchemaModel.ActionDef a : specs) {
      if (intersects(ps, a.principalTypes()) && intersects(rs, a.resourceTypes())) {
        return;
      }
    }
    String hint = null;
    if (inWouldFix(principal, specs, true)) {
      hint =
          "no action applies to the principal type of `principal ==`, but `principal in` "
              + "would match its members";
    } else if (inWouldFix(resource, specs, false)) {
      hint =
          "no action applies to the resource type of `resource ==`, but `resource in` "
              + "would match its members";
    } else {
      hint = describeApplication(specs);
    }
    errors.add(
        report.policy(
            Kind.INVALID_ACTION_APPLICATION,
            true,
            "unable to find an " + "applicable action given the policy scope constraints",
            hint));
  }

  private static String describeApplication(List<SchemaModel.ActionDef> specs) {
    if (specs.isEmpty() || specs.size() > 3) {
      return null;
    }
    StringBuilder sb = new StringBuilder("the schema allows ");
    for (int i = 0; i < specs.size(); i++) {
      SchemaModel.ActionDef a = specs.get(i);
      sb.append(i == 0 ? "" : "; ")
          .append(a.uid())
          .append(" with principal ")
          .append(a.principalTypes().isEmpty() ? "(none)" : String.join(" | ", a.principalTypes()))
          .append(" and resource ")
          .append(a.resourceTypes().isEmpty() ? "(none)" : String.join(" | ", a.resourceTypes()));
    }
    return sb.toString();
  }

  private boolean inWouldFix(Scope s, List<SchemaModel.ActionDef> specs, boolean principal) {
    if (s.kind() != Scope.Kind.EQ || s.uid() == null) {
      return false;
    }
    String t = s.uid().type();
    boolean anyEqual = false;
    boolean anyContain = false;
    Set<String> desc = schema.descendantsOf(t);
    for (SchemaModel.ActionDef a : specs) {
      Set<String> types = principal ? a.principalTypes() : a.resourceTypes();
      anyEqual |= types.contains(t);
      for (String x : types) {
        anyContain |= desc.contains(x);
      }
    }
    return !anyEqual && anyContain;
  }

  private static boolean intersects(Set<String> a, Set<String> b) {
    for (String x : a) {
      if (b.contains(x)) {
        return true;
      }
    }
    return false;
  }

  private List<SchemaModel.ActionDef> actionsOf(Scope action) {
    List<SchemaModel.ActionDef> out = new ArrayList<>();
    Iterable<EntityUid> uids;
    switch (action.kind()) {
      case ANY:
        uids = schema.model.actions().keySet();
        break;
      case EQ:
        uids = List.of(action.uid());
        break;
      case IN:
        {
          Set<EntityUid> in = schema.actionsIn(List.of(action.uid()));
          uids = in == null ? List.of() : in;
          break;
        }
      default:
        {
          Set<EntityUid> in = schema.actionsIn(List.of(action.uidArray()));
          uids = in == null ? List.of() : in;
        }
    }
    for (EntityUid u : uids) {
      SchemaModel.ActionDef d = schema.action(u);
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  private Set<String> typesSatisfying(Scope s) {
    Set<String> all = schema.model.entityTypes().keySet();
    switch (s.kind()) {
      case ANY:
        return all;
      case EQ:
        return s.uid() == null ? all : Set.of(s.uid().type());
      case IN:
        return s.uid() == null ? all : schema.typesIn(s.uid().type());
      case IS:
        return schema.isKnownEntityType(s.type()) ? Set.of(s.type()) : Set.of();
      case IS_IN:
        if (s.uid() == null) {
          return schema.isKnownEntityType(s.type()) ? Set.of(s.type()) : Set.of();
        }
        return schema.typesIn(s.uid().type()).contains(s.type()) ? Set.of(s.type()) : Set.of();
      default:
        return Set.of();
    }
  }

  // ---- template links ----

  private void validateLink(PolicyDef l, List<Diag> out) {
    // A link's own text is its template's, so positions point there; the link is named by id.
    Reporter report = new Reporter(l.id(), l);
    Set<Diag> errors = new LinkedHashSet<>();
    for (Scope s : List.of(l.principal(), l.resource())) {
      if (s.uid() != null && !schema.isKnownEntityType(s.uid().type())) {
        errors.add(
            new Diag(
                l.id(),
                Kind.UNRECOGNIZED_ENTITY_TYPE,
                true,
                "unrecognized entity type `"
                    + s.uid().type()
                    + "` in the link's slot value "
                    + s.uid(),
                entityTypeHint(s.uid().type()),
                null,
                -1,
                -1));
      }
    }
    actionApplication(l.principal(), l.action(), l.resource(), report, errors);
    out.addAll(errors);
  }

  // ---- walking ----

  /** Calls {@code f} on every node of the tree as written (folded nodes unfolded). */
  static void walk(Expr e0, java.util.function.Consumer<Expr> f) {
    Expr e = Typechecker.written(e0);
    f.accept(e);
    for (Expr k : children(e)) {
      walk(k, f);
    }
  }

  static List<Expr> children(Expr e) {
    if (e instanceof Exprs.If) {
      Exprs.If i = (Exprs.If) e;
      return List.of(i.guard(), i.consequent(), i.alternative());
    }
    if (e instanceof Exprs.And) {
      return List.of(((Exprs.And) e).left(), ((Exprs.And) e).right());
    }
    if (e instanceof Exprs.Or) {
      return List.of(((Exprs.Or) e).left(), ((Exprs.Or) e).right());
    }
    if (e instanceof Exprs.Binary) {
      return List.of(((Exprs.Binary) e).left(), ((Exprs.Binary) e).right());
    }
    if (e instanceof Exprs.Not) {
      return List.of(((Exprs.Not) e).operand());
    }
    if (e instanceof Exprs.Neg) {
      return List.of(((Exprs.Neg) e).operand());
    }
    if (e instanceof Exprs.IsEmpty) {
      return List.of(((Exprs.IsEmpty) e).operand());
    }
    if (e instanceof Exprs.GetAttr) {
      return List.of(((Exprs.GetAttr) e).operand());
    }
    if (e instanceof Exprs.HasAttr) {
      return List.of(((Exprs.HasAttr) e).operand());
    }
    if (e instanceof Exprs.Like) {
      return List.of(((Exprs.Like) e).operand());
    }
    if (e instanceof Exprs.Is) {
      return List.of(((Exprs.Is) e).operand());
    }
    if (e instanceof Exprs.SetLit) {
      return ((Exprs.SetLit) e).items();
    }
    if (e instanceof Exprs.RecordLit) {
      return ((Exprs.RecordLit) e).values();
    }
    if (e instanceof Exprs.Call) {
      return ((Exprs.Call) e).args();
    }
    return List.of();
  }
}
