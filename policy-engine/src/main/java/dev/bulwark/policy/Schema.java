/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.json.AttributeTypeHints;
import dev.bulwark.policy.internal.schema.SchemaModel;
import dev.bulwark.policy.internal.schema.SchemaParsing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A Cedar schema, immutable and thread-safe once parsed: the entity types, their attributes and
 * parents, and the actions with the principal and resource types they apply to and their context.
 *
 * <p>The engine uses it the way Cedar does when entities and context are read: an attribute
 * declared {@code ipaddr} (or {@code decimal}, {@code datetime}, {@code duration}) given as a
 * plain JSON string is that extension value, an attribute declared as an entity type given as
 * {@code {"type": .., "id": ..}} is an entity reference, and the schema's actions become action
 * entities with their declared parents. When asked, a request is validated against it (principal
 * and resource types allowed by the action, context of the declared type).
 *
 * <p>Both of Cedar's formats are read: the human-readable one ({@link #parse}) and the JSON one
 * ({@link #parseJson}). A schema that does not parse or whose names do not resolve is rejected
 * whole with a {@link PolicyParseException} naming the line and column (human format) or the JSON
 * path, and the offending text. Input size and nesting depth are bounded.
 */
public final class Schema {
  private final SchemaModel model;

  private Schema(SchemaModel model) {
    this.model = model;
  }

  /**
   * Parses a schema in Cedar's human-readable format ({@code .cedarschema}).
   *
   * @param text the schema text
   * @return the schema
   * @throws PolicyParseException if it does not parse, a name does not resolve, or it is nested
   *     too deeply for the calling thread's stack
   */
  public static Schema parse(String text) throws PolicyParseException {
    Objects.requireNonNull(text, "text");
    return new Schema(DeepInput.parse("schema text", DeepInput.SCHEMA_LIMITS,
        () -> SchemaParsing.cedar(text)));
  }

  /**
   * Parses a schema in Cedar's JSON format.
   *
   * @param json the JSON text
   * @return the schema
   * @throws PolicyParseException if it does not parse, a name does not resolve, or it is nested
   *     too deeply for the calling thread's stack
   */
  public static Schema parseJson(String json) throws PolicyParseException {
    Objects.requireNonNull(json, "json");
    return new Schema(DeepInput.parse("schema JSON", DeepInput.SCHEMA_LIMITS,
        () -> SchemaParsing.json(json)));
  }

  /**
   * Reads a schema file: JSON if its name ends in {@code .json}, else the human-readable format.
   *
   * @param file the file, UTF-8
   * @return the schema
   * @throws IOException if it cannot be read
   * @throws PolicyParseException if it does not parse or a name does not resolve
   */
  public static Schema read(Path file) throws IOException, PolicyParseException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return file.getFileName().toString().endsWith(".json") ? parseJson(text) : parse(text);
  }

  /**
   * Returns the fully qualified names of the declared entity types.
   *
   * @return the names, unmodifiable, in declaration order
   */
  public Set<String> entityTypes() {
    return model.entityTypes().keySet();
  }

  /**
   * Returns the declared actions.
   *
   * @return the action uids, unmodifiable, in declaration order
   */
  public Set<EntityUid> actions() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(model.actions().keySet()));
  }

  /** What the entity and context readers ask of the schema (see {@link AttributeTypeHints}). */
  AttributeTypeHints typeHints() {
    return model;
  }

  /** The resolved model, for the engine's own packages. */
  SchemaModel model() {
    return model;
  }

  @Override
  public String toString() {
    return "Schema[" + model.entityTypes().size() + " entity types, " + model.actions().size()
        + " actions]";
  }
}
