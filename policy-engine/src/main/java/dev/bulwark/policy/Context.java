/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.json.EntityJson;
import dev.bulwark.policy.internal.json.JsonReader;
import dev.bulwark.policy.internal.value.CedarRecord;
import java.util.Objects;

/** An immutable, thread-safe Cedar request context: a record of Cedar values. */
public final class Context {
  private static final Context EMPTY = new Context(CedarRecord.EMPTY);

  private final CedarRecord record;

  private Context(CedarRecord record) {
    this.record = record;
  }

  /** @return the empty context */
  public static Context empty() {
    return EMPTY;
  }

  /**
   * Parses a context from JSON (an object of Cedar values, with the {@code __entity} and
   * {@code __extn} escapes), without a schema.
   *
   * @param json the JSON text
   * @return the context
   * @throws PolicyParseException if it does not parse, or is nested too deeply for the calling
   *     thread's stack
   */
  public static Context fromJson(String json) throws PolicyParseException {
    return fromJson(json, null, null);
  }

  /**
   * Parses a context from JSON as Cedar does with a schema: values are read by the types the
   * action declares for its context.
   *
   * @param json the JSON text
   * @param schema the schema, or null
   * @param action the request's action, or null
   * @return the context
   * @throws PolicyParseException if it does not parse, or is nested too deeply for the calling
   *     thread's stack
   */
  public static Context fromJson(String json, Schema schema, EntityUid action)
      throws PolicyParseException {
    Objects.requireNonNull(json, "json");
    return new Context(DeepInput.parse("context JSON", DeepInput.JSON_LIMITS,
        () -> EntityJson.parseContext(JsonReader.parse(json),
            schema == null ? null : schema.typeHints(), action)));
  }

  CedarRecord record() {
    return record;
  }

  @Override
  public String toString() {
    return "Context" + record;
  }
}
