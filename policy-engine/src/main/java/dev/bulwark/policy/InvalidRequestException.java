/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

/**
 * Thrown when the data of one request is bad, wherever that is found; immutable and thread-safe.
 * The message names what was wrong (the attribute, the value's type, the schema's expectation); it
 * never contains a value the caller did not put in the request.
 *
 * <p>Bad request data is a context that does not parse or does not conform to the schema (an
 * undeclared or missing attribute, a malformed {@code ipaddr}), a Java value that is not a Cedar
 * value, an action the schema does not declare, a principal or resource of a type the action does
 * not apply to, or an entity supplied with the request that does not conform. The same data fails
 * with this exception whether it is found while the context or an entity is being built ({@link
 * Context#fromJson}, {@link Context.Builder}, {@link Entity.Builder}, {@link PrincipalMapper}) or
 * when {@link PolicyEngine#authorize(Request)} validates the request.
 *
 * <p>It is unchecked, as a bad argument is, and extends {@link IllegalArgumentException}, which
 * {@code authorize} threw for a request that does not conform before this type existed. Text that
 * is not a policy, a schema or an entity list is a {@link PolicyParseException} instead: those are
 * configuration, read once, and not part of a request.
 *
 * <p>An entity that does not exist is not bad request data: Cedar decides the request anyway (the
 * entity has no attributes and no ancestors), and {@link Decision#missingEntities()} says which
 * entities were missing.
 */
public final class InvalidRequestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what was wrong
   */
  public InvalidRequestException(String message) {
    super(message);
  }

  /**
   * Creates an exception with the error that revealed the problem, such as the {@link
   * PolicyParseException} (with its line and column) of a context that does not parse.
   *
   * @param message what was wrong
   * @param cause the underlying error
   */
  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
