/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.validate;

import dev.bulwark.policy.ValidationIssue.Kind;
import dev.bulwark.policy.internal.eval.Expr;
import dev.bulwark.policy.internal.eval.PolicyDef;

/**
 * Makes the findings of one policy: its id, and positions taken from the expression nodes, or from
 * the policy itself for what has none (scope constraints, policies read from JSON).
 */
final class Reporter {
  /** Snippets longer than this are cut, so that one finding stays one readable line. */
  private static final int MAX_SNIPPET = 80;

  final String policyId;
  final String source;
  private final int start;
  private final int end;

  Reporter(String policyId, PolicyDef p) {
    this.policyId = policyId;
    this.source = p.source();
    this.start = p.start();
    this.end = p.end();
  }

  Diag at(Expr e, Kind kind, String message, String hint) {
    if (source != null && e != null && e.start() >= 0) {
      return new Diag(policyId, kind, true, message, hint, source, e.start(), e.end());
    }
    return policy(kind, true, message, hint);
  }

  /** A finding about the policy as a whole, or about text that the search below finds. */
  Diag policy(Kind kind, boolean error, String message, String hint) {
    return new Diag(policyId, kind, error, message, hint, source, start, end);
  }

  /**
   * A finding about some text of the policy that has no node of its own (an entity type in the
   * scope): placed at its first occurrence in the policy, else on the policy.
   */
  Diag text(String text, Kind kind, String message, String hint) {
    if (source != null && start >= 0) {
      int i = source.indexOf(text, start);
      if (i >= 0 && i + text.length() <= end) {
        return new Diag(policyId, kind, true, message, hint, source, i, i + text.length());
      }
    }
    return policy(kind, true, message, hint);
  }

  /**
   * @return the node's source text, or null if it has none (or too long to quote)
   */
  String snippet(Expr e) {
    if (source == null || e.start() < 0 || e.end() - e.start() > MAX_SNIPPET) {
      return null;
    }
    String s = source.substring(e.start(), e.end());
    return s.indexOf('\n') >= 0 ? null : s;
  }
}
