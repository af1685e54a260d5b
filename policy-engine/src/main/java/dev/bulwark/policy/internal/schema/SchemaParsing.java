/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import dev.bulwark.policy.PolicyParseException;

/** Entry points of the schema parsers for the public {@code Schema} class; thread-safe. */
public final class SchemaParsing {
  /** Maximum nesting of schema types (sets and records), in either format. */
  public static final int MAX_TYPE_DEPTH = SchemaLimits.MAX_TYPE_DEPTH;

  private SchemaParsing() {}

  /**
   * Parses and resolves a schema in Cedar's human-readable format.
   *
   * @param text the {@code .cedarschema} text
   * @return the resolved model
   * @throws PolicyParseException on a syntax or resolution error
   */
  public static SchemaModel cedar(String text) throws PolicyParseException {
    return SchemaResolver.resolve(CedarSchemaParser.parse(text));
  }

  /**
   * Parses and resolves a schema in Cedar's JSON format.
   *
   * @param text the JSON text
   * @return the resolved model
   * @throws PolicyParseException on a syntax or resolution error
   */
  public static SchemaModel json(String text) throws PolicyParseException {
    return SchemaResolver.resolve(JsonSchemaParser.parse(text));
  }
}
