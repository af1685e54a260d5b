/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One finding of the policy validator ({@link Schema#validate(PolicySet)}): an error that makes the
 * policy set invalid or a warning that does not; immutable and thread-safe.
 *
 * <p>It names the policy, the kind of problem, where it lies in the policy text (line and column
 * from 1, and the offending text), a message, and where one helps, a hint such as a near spelling
 * ({@code did you mean "Document"?}) or the {@code has} guard that is missing. Policies read from
 * JSON, and problems that concern a template link rather than text, have no position: their line
 * and column are 0 and their snippet empty.
 */
public final class ValidationIssue {
  /** Whether the finding makes the policy set invalid. */
  public enum Severity {
    /** The policy set is invalid. */
    ERROR,
    /** Worth a look; the policy set is still valid. */
    WARNING
  }

  /** The kinds of finding, named as Cedar's validator names them. */
  public enum Kind {
    /** An entity type the schema does not declare. */
    UNRECOGNIZED_ENTITY_TYPE,
    /** An action the schema does not declare. */
    UNRECOGNIZED_ACTION_ID,
    /** No action in the scope applies to the principal and resource types in the scope. */
    INVALID_ACTION_APPLICATION,
    /** An operand of the wrong type. */
    UNEXPECTED_TYPE,
    /** Operands whose types have no common type (different entity types, records, ...). */
    INCOMPATIBLE_TYPES,
    /** An attribute that the record or entity type does not have. */
    UNSAFE_ATTRIBUTE_ACCESS,
    /** An optional attribute read without a {@code has} guard. */
    UNSAFE_OPTIONAL_ATTRIBUTE_ACCESS,
    /** A tag read without a {@code hasTag} guard. */
    UNSAFE_TAG_ACCESS,
    /** A tag read from an entity type that has no tags. */
    NO_TAGS_ALLOWED,
    /** A call of a function that does not exist. */
    UNDEFINED_FUNCTION,
    /** A call with the wrong number of arguments. */
    WRONG_NUMBER_ARGUMENTS,
    /** An extension constructor on a literal it cannot parse ({@code ip("10.0.0.0/33")}). */
    FUNCTION_ARGUMENT_VALIDATION,
    /** An empty set literal, whose element type cannot be known. */
    EMPTY_SET_FORBIDDEN,
    /** An extension constructor on something other than a literal. */
    NON_LITERAL_EXTENSION_CONSTRUCTOR,
    /** An entity of an enumerated type whose id is not one of its choices. */
    INVALID_ENUM_ENTITY,
    /** An entity dereferenced deeper than the level allowed. */
    ENTITY_DEREFERENCE_TOO_DEEP,
    /** An entity literal (not a request variable) dereferenced under level validation. */
    LITERAL_DEREFERENCE_TARGET,
    /**
     * A policy nested too deeply to validate on the calling thread's stack (the validator recurses
     * along the expression tree, as the evaluator does); validate on a thread with a larger stack.
     */
    TOO_DEEP_TO_VALIDATE,
    /** A policy that can never apply to any request the schema allows (a warning). */
    IMPOSSIBLE_POLICY
  }

  private final String policyId;
  private final Kind kind;
  private final Severity severity;
  private final int line;
  private final int column;
  private final String snippet;
  private final String message;
  private final String hint;

  ValidationIssue(
      String policyId,
      Kind kind,
      Severity severity,
      int line,
      int column,
      String snippet,
      String message,
      String hint) {
    this.policyId = policyId;
    this.kind = kind;
    this.severity = severity;
    this.line = line;
    this.column = column;
    this.snippet = snippet;
    this.message = message;
    this.hint = hint;
  }

  /**
   * @return the id of the policy, template or template link concerned
   */
  public String policyId() {
    return policyId;
  }

  /**
   * @return the kind of finding
   */
  public Kind kind() {
    return kind;
  }

  /**
   * @return whether it is an error or a warning
   */
  public Severity severity() {
    return severity;
  }

  /**
   * @return the line in the policy text, from 1; 0 where there is no position
   */
  public int line() {
    return line;
  }

  /**
   * @return the column in the policy text, from 1; 0 where there is no position
   */
  public int column() {
    return column;
  }

  /**
   * @return the offending text (its first line), or "" where there is no position
   */
  public String snippet() {
    return snippet;
  }

  /**
   * @return what is wrong
   */
  public String message() {
    return message;
  }

  /**
   * @return how to fix it, where the validator has an idea
   */
  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ValidationIssue)) {
      return false;
    }
    ValidationIssue v = (ValidationIssue) o;
    return line == v.line
        && column == v.column
        && policyId.equals(v.policyId)
        && kind == v.kind
        && severity == v.severity
        && snippet.equals(v.snippet)
        && message.equals(v.message)
        && Objects.equals(hint, v.hint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(policyId, kind, line, column, message);
  }

  /**
   * Formats the finding like a compiler: {@code policy0:3:15: error: <message> [KIND]}, then the
   * snippet and the hint on lines of their own.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(policyId);
    if (line > 0) {
      sb.append(':').append(line).append(':').append(column);
    }
    sb.append(": ")
        .append(severity == Severity.ERROR ? "error" : "warning")
        .append(": ")
        .append(message)
        .append(" [")
        .append(kind)
        .append(']');
    if (!snippet.isEmpty()) {
      sb.append("\n    ").append(snippet);
    }
    if (hint != null) {
      sb.append("\n  hint: ").append(hint);
    }
    return sb.toString();
  }
}
