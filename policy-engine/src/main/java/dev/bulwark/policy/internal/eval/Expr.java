/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.eval;

/**
 * A node of a compiled Cedar expression tree; immutable and thread-safe, so one tree serves all
 * requests concurrently.
 *
 * <p>The parsers build these nodes directly: names are resolved, entity literals are interned
 * {@code EntityUid}s, {@code like} patterns are pre-split, extension calls on literals are
 * evaluated once. Evaluation is then a walk of the tree with no text or JSON in sight. Errors are
 * {@link EvalException}s, raised exactly where Cedar's evaluator raises them.
 */
public abstract class Expr {
  /**
   * The height of the tree rooted here, set by the builders; bounded by the parsers so that
   * evaluation (which recurses along it) can never exhaust the stack.
   */
  int height = 1;

  /**
   * Where the node's text starts and ends in the policy source (char offsets, end exclusive), or -1
   * where the node was not parsed from text; the validator reports errors there.
   */
  private int start = -1;

  private int end = -1;

  /**
   * For a node the parser folded to a constant (a set or record of literals, an extension call on
   * literals), the node as written; the validator checks what was written, not the folded value.
   */
  private Expr origin;

  /**
   * @return the start offset in the policy source, or -1
   */
  public final int start() {
    return start;
  }

  /**
   * @return the end offset (exclusive) in the policy source, or -1
   */
  public final int end() {
    return end;
  }

  /**
   * Records where this node lies in the policy source (and its origin, if it was folded).
   *
   * @param from the start offset
   * @param to the end offset, exclusive
   * @return this
   */
  public final Expr at(int from, int to) {
    start = from;
    end = to;
    if (origin != null) {
      origin.start = from;
      origin.end = to;
    }
    return this;
  }

  /**
   * @return the node as written, if this one was folded to a constant; else null
   */
  public final Expr origin() {
    return origin;
  }

  /**
   * Sets the node as written, for a folded node.
   *
   * @param written the unfolded node
   * @return this
   */
  final Expr withOrigin(Expr written) {
    origin = written;
    return this;
  }

  /**
   * @return the height of the tree rooted here
   */
  public final int height() {
    return height;
  }

  /**
   * Sets this node's height from its children.
   *
   * @param kids the children
   * @return this
   */
  public final Expr withChildren(Expr... kids) {
    int h = 0;
    for (Expr k : kids) {
      h = Math.max(h, k.height);
    }
    height = h + 1;
    return this;
  }

  /**
   * Evaluates this expression.
   *
   * @param env the request environment
   * @return the Cedar value
   * @throws EvalException on a Cedar evaluation error
   */
  public abstract Object eval(Env env);

  /**
   * Evaluates this expression to a boolean, raising Cedar's type error otherwise.
   *
   * @param env the request environment
   * @return the boolean value
   */
  public boolean evalBool(Env env) {
    Object v = eval(env);
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    throw Exprs.typeError("bool", v);
  }

  /**
   * Returns the constant value of this expression if it has one without evaluation, else null.
   *
   * @return the constant or null
   */
  public Object constant() {
    return null;
  }
}
