/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

/**
 * Thrown when a policy, entity, context or JSON document does not parse; immutable and thread-safe.
 * The message names the line, the column and the offending text.
 */
public class PolicyParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  // What was wrong, without the position or the file, to restate it with a file name.
  private final String detail;

  /**
   * Creates an exception with a position.
   *
   * @param message what was wrong, without the position
   * @param line the 1-based line, or 0 if unknown
   * @param column the 1-based column, or 0 if unknown
   */
  public PolicyParseException(String message, int line, int column) {
    super(line > 0 ? "line " + line + ", column " + column + ": " + message : message);
    this.line = line;
    this.column = column;
    this.detail = message;
  }

  /** The same error, its message naming the file it was found in before the position. */
  PolicyParseException(String file, PolicyParseException e) {
    super(
        file + (e.line > 0 ? ", line " + e.line + ", column " + e.column : "") + ": " + e.detail,
        e);
    this.line = e.line;
    this.column = e.column;
    this.detail = e.detail;
  }

  /**
   * Creates an exception without a position.
   *
   * @param message what was wrong
   */
  public PolicyParseException(String message) {
    this(message, 0, 0);
  }

  /**
   * Returns the 1-based line of the error, or 0 if the error has no position.
   *
   * @return the line
   */
  public int line() {
    return line;
  }

  /**
   * Returns the 1-based column of the error, or 0 if the error has no position.
   *
   * @return the column
   */
  public int column() {
    return column;
  }
}
