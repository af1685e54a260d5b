/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.json.EntityJson;
import dev.bulwark.policy.internal.json.JsonReader;
import dev.bulwark.policy.internal.parse.CedarParser;
import dev.bulwark.policy.internal.schema.SchemaParsing;

/**
 * Turns a stack overflow while parsing into the parse error of the input; stateless and
 * thread-safe.
 *
 * <p>The parsers are recursive descent and bound nesting ({@value CedarParser#MAX_NESTING} for
 * policy text, {@value JsonReader#DEFAULT_MAX_DEPTH} for JSON), which fits the default thread stack
 * with room to spare. A host may parse on a thread with a much smaller stack, though, where input
 * within those limits can still overflow it. A parse keeps all its state in objects of its own that
 * the overflow discards, so catching the overflow at the public entry point, once the stack has
 * unwound, is safe: the caller gets a {@link PolicyParseException} naming the limits and no partial
 * result, instead of a {@link StackOverflowError}.
 */
final class DeepInput {
  /** What the policy text limits are, for the message. */
  static final String POLICY_LIMITS =
      "policy text nesting is limited to "
          + CedarParser.MAX_NESTING
          + " levels and expression height to "
          + CedarParser.MAX_HEIGHT;

  /** What the JSON limits are, for the message. */
  static final String JSON_LIMITS =
      "JSON nesting is limited to "
          + JsonReader.DEFAULT_MAX_DEPTH
          + " levels, Cedar values to "
          + EntityJson.MAX_VALUE_DEPTH
          + " and JSON policy expressions"
          + " to "
          + CedarParser.MAX_NESTING;

  /** What the schema limits are, for the message. */
  static final String SCHEMA_LIMITS =
      "schema types are limited to "
          + SchemaParsing.MAX_TYPE_DEPTH
          + " levels and JSON to "
          + JsonReader.DEFAULT_MAX_DEPTH;

  private DeepInput() {}

  /** A parse. */
  @FunctionalInterface
  interface Parse<T> {
    T run() throws PolicyParseException;
  }

  /**
   * Runs a parse, turning a stack overflow into a parse error.
   *
   * @param what the input, for the message ("policy text", "context JSON")
   * @param limits the limits that apply, for the message
   * @param parse the parse
   * @return its result
   * @throws PolicyParseException if it does not parse, or overflows the thread's stack
   */
  static <T> T parse(String what, String limits, Parse<T> parse) throws PolicyParseException {
    try {
      return parse.run();
    } catch (StackOverflowError e) {
      throw new PolicyParseException(
          what
              + " is nested too deeply for this thread's stack ("
              + limits
              + "; a thread with a smaller stack supports less)");
    }
  }
}
