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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Level-based validation (Cedar's RFC 76, {@code level_validate.rs}) of one policy in one
 * environment: an attribute or tag read, {@code in} or {@code hasTag} on an entity reached by more
 * than {@code level} dereferences from a request variable is an error, and so is one on an entity
 * literal (other than the request's action), whose data the caller may not have loaded. It walks
 * only what the type checker visited in that environment (the typed nodes), as Cedar walks its
 * typed tree, in which short-circuited operands are gone.
 */
final class LevelChecker {
  private final Reporter report;
  private final SchemaView.Env env;
  private final int max;
  private final IdentityHashMap<Expr, VType> types;
  private final Set<Diag> errors;

  LevelChecker(
      Reporter report,
      SchemaView.Env env,
      int max,
      IdentityHashMap<Expr, VType> types,
      Set<Diag> errors) {
    this.report = report;
    this.env = env;
    this.max = max;
    this.types = types;
    this.errors = errors;
  }

  private VType type(Expr e) {
    return types.get(Typechecker.written(e));
  }

  void check(Expr e0) {
    Expr e = Typechecker.written(e0);
    if (type(e) == null) {
      // Not visited in this environment (short-circuited), or failed: Cedar's typed tree has
      // nothing there to check.
      return;
    }
    if (e instanceof Exprs.If) {
      Exprs.If i = (Exprs.If) e;
      check(i.guard());
      check(i.consequent());
      check(i.alternative());
    } else if (e instanceof Exprs.Binary && isDerefOp(((Exprs.Binary) e).op())) {
      Exprs.Binary b = (Exprs.Binary) e;
      bound(e, target(b.left(), new ArrayDeque<>()));
      check(b.right());
    } else if (e instanceof Exprs.GetAttr || e instanceof Exprs.HasAttr) {
      Expr on =
          e instanceof Exprs.GetAttr
              ? ((Exprs.GetAttr) e).operand()
              : ((Exprs.HasAttr) e).operand();
      VType t = type(on);
      if (t != null && t.kind == VType.Kind.ENTITY) {
        bound(e, target(on, new ArrayDeque<>()));
      } else if (t != null && t.kind == VType.Kind.RECORD) {
        check(on);
      }
    } else {
      for (Expr k : Validator.children(e)) {
        check(k);
      }
    }
  }

  private static boolean isDerefOp(BinOp op) {
    return op == BinOp.HAS_TAG || op == BinOp.GET_TAG || op == BinOp.IN;
  }

  private void bound(Expr at, int level) {
    if (level >= max) {
      errors.add(
          report.at(
              at,
              Kind.ENTITY_DEREFERENCE_TOO_DEEP,
              "this reads an entity "
                  + (level + 1)
                  + " dereferences from the request, more than the maximum level "
                  + max,
              "load the data another way (into the context), or validate with a level of at least "
                  + (level + 1)));
    }
  }

  /** How many dereferences the entity {@code e} is away from a request variable. */
  private int target(Expr e0, Deque<String> path) {
    Expr e = Typechecker.written(e0);
    if (e instanceof Exprs.Var) {
      return 0;
    }
    if (e instanceof Exprs.Slot) {
      literalTarget(e);
      return 0;
    }
    if (e instanceof Exprs.Lit) {
      Object v = ((Exprs.Lit) e).value();
      if (v instanceof EntityUid && !v.equals(env.action())) {
        literalTarget(e);
      }
      return 0;
    }
    if (e instanceof Exprs.If) {
      Exprs.If i = (Exprs.If) e;
      check(i.guard());
      int a = target(i.consequent(), new ArrayDeque<>(path));
      int b = type(i.alternative()) == null ? 0 : target(i.alternative(), path);
      return Math.max(a, b);
    }
    if (e instanceof Exprs.GetAttr) {
      Exprs.GetAttr g = (Exprs.GetAttr) e;
      VType t = type(g.operand());
      if (t != null && t.kind == VType.Kind.ENTITY) {
        return target(g.operand(), path) + 1;
      }
      if (t != null && t.kind == VType.Kind.RECORD) {
        path.push(g.attr());
        return target(g.operand(), path);
      }
      return 0;
    }
    if (e instanceof Exprs.Binary && ((Exprs.Binary) e).op() == BinOp.GET_TAG) {
      Exprs.Binary b = (Exprs.Binary) e;
      int l = target(b.left(), path);
      check(b.right());
      return l + 1;
    }
    if (e instanceof Exprs.RecordLit) {
      Exprs.RecordLit r = (Exprs.RecordLit) e;
      String want = path.isEmpty() ? null : path.pop();
      List<String> keys = r.keys();
      int found = -1;
      for (int i = 0; i < keys.size(); i++) {
        if (keys.get(i).equals(want)) {
          found = i;
        } else {
          check(r.values().get(i));
        }
      }
      return found < 0 ? 0 : target(r.values().get(found), path);
    }
    return 0;
  }

  private void literalTarget(Expr e) {
    errors.add(
        report.at(
            e,
            Kind.LITERAL_DEREFERENCE_TARGET,
            "level validation forbids "
                + "dereferencing an entity literal or slot: its data need not be loaded for the request",
            "read the data through principal, resource or context instead"));
  }
}
