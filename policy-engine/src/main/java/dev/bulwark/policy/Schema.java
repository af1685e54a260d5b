/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.eval.PolicyDef;
import dev.bulwark.policy.internal.json.AttributeTypeHints;
import dev.bulwark.policy.internal.schema.SchemaModel;
import dev.bulwark.policy.internal.schema.SchemaParsing;
import dev.bulwark.policy.internal.validate.Diag;
import dev.bulwark.policy.internal.validate.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A Cedar schema, immutable and thread-safe once parsed: the entity types, their attributes and
 * parents, and the actions with the principal and resource types they apply to and their context.
 *
 * <p>The engine uses it the way Cedar does when entities and context are read: an attribute
 * declared {@code ipaddr} (or {@code decimal}, {@code datetime}, {@code duration}) given as a plain
 * JSON string is that extension value, an attribute declared as an entity type given as {@code
 * {"type": .., "id": ..}} is an entity reference, and the schema's actions become action entities
 * with their declared parents. When asked, a request is validated against it (principal and
 * resource types allowed by the action, context of the declared type).
 *
 * <p>Both of Cedar's formats are read: the human-readable one ({@link #parse}) and the JSON one
 * ({@link #parseJson}). A schema that does not parse or whose names do not resolve is rejected
 * whole with a {@link PolicyParseException} naming the line and column (human format) or the JSON
 * path, and the offending text. Input size and nesting depth are bounded.
 */
public final class Schema {
  /** Snippets are cut at this many chars, so that one finding stays readable. */
  private static final int MAX_SNIPPET = 120;

  private final SchemaModel model;

  /** The validator's view of this schema, built on first use. */
  private volatile Validator validator;

  private Schema(SchemaModel model) {
    this.model = model;
  }

  /**
   * Parses a schema in Cedar's human-readable format ({@code .cedarschema}).
   *
   * @param text the schema text
   * @return the schema
   * @throws PolicyParseException if it does not parse, a name does not resolve, or it is nested too
   *     deeply for the calling thread's stack
   */
  public static Schema parse(String text) throws PolicyParseException {
    Objects.requireNonNull(text, "text");
    return new Schema(
        DeepInput.parse("schema text", DeepInput.SCHEMA_LIMITS, () -> SchemaParsing.cedar(text)));
  }

  /**
   * Parses a schema in Cedar's JSON format.
   *
   * @param json the JSON text
   * @return the schema
   * @throws PolicyParseException if it does not parse, a name does not resolve, or it is nested too
   *     deeply for the calling thread's stack
   */
  public static Schema parseJson(String json) throws PolicyParseException {
    Objects.requireNonNull(json, "json");
    return new Schema(
        DeepInput.parse("schema JSON", DeepInput.SCHEMA_LIMITS, () -> SchemaParsing.json(json)));
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

  /**
   * Validates policies against this schema as Cedar's validator does in strict mode, before they
   * ever run: entity types and actions must be declared, each action applied to its declared
   * principal and resource types, attributes read only where they exist (optional ones behind a
   * {@code has}), tags through {@code hasTag}/{@code getTag}, operators and extension functions on
   * the right types, extension constructors on valid literals. Templates are checked for every type
   * their slots can take, template links for their slot values.
   *
   * @param policies the policies
   * @return the errors (if any, the policy set is invalid) and warnings
   * @throws NullPointerException if {@code policies} is null
   */
  public ValidationResult validate(PolicySet policies) {
    Objects.requireNonNull(policies, "policies");
    return run(policies, -1);
  }

  /**
   * Validates policies as {@link #validate(PolicySet)} does, and also bounds how deep they
   * dereference entities (Cedar's level-based validation, RFC 76): reading an attribute or tag of,
   * or testing {@code in} on, an entity more than {@code level} attribute reads away from {@code
   * principal}, {@code resource}, {@code context} or {@code action} is an error, and so is reading
   * from an entity literal. An authorizer that loads entities to that depth then has all the data
   * the policies can reach.
   *
   * @param policies the policies
   * @param level the maximum dereference level, 0 or more
   * @return the errors and warnings
   * @throws IllegalArgumentException if {@code level} is negative
   * @throws NullPointerException if {@code policies} is null
   */
  public ValidationResult validate(PolicySet policies, int level) {
    Objects.requireNonNull(policies, "policies");
    if (level < 0) {
      throw new IllegalArgumentException("level must be 0 or more, was " + level);
    }
    return run(policies, level);
  }

  private ValidationResult run(PolicySet policies, int level) {
    List<PolicyDef> statics = new ArrayList<>();
    List<PolicyDef> links = new ArrayList<>();
    for (PolicyDef d : policies.policyDefinitions()) {
      (d.templateId() == null ? statics : links).add(d);
    }
    statics.addAll(policies.templateDefinitions());
    List<Diag> diags = validator().validate(statics, links, level);
    List<ValidationIssue> errors = new ArrayList<>();
    List<ValidationIssue> warnings = new ArrayList<>();
    for (Diag d : diags) {
      (d.error() ? errors : warnings).add(issue(d));
    }
    return new ValidationResult(errors, warnings);
  }

  private Validator validator() {
    Validator v = validator;
    if (v == null) {
      // Built on first use; a race builds two equal validators, which is harmless.
      v = new Validator(model);
      validator = v;
    }
    return v;
  }

  private static ValidationIssue issue(Diag d) {
    int line = 0;
    int column = 0;
    String snippet = "";
    if (d.source() != null && d.start() >= 0) {
      String src = d.source();
      line = 1;
      int lineStart = 0;
      for (int i = 0; i < d.start(); i++) {
        if (src.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      column = d.start() - lineStart + 1;
      int end = Math.max(d.start(), Math.min(d.end(), src.length()));
      snippet = src.substring(d.start(), end);
      int nl = snippet.indexOf('\n');
      if (nl >= 0) {
        snippet = snippet.substring(0, nl) + " ...";
      }
      if (snippet.length() > MAX_SNIPPET) {
        snippet = snippet.substring(0, MAX_SNIPPET) + " ...";
      }
    }
    return new ValidationIssue(
        d.policyId(),
        d.kind(),
        d.error() ? ValidationIssue.Severity.ERROR : ValidationIssue.Severity.WARNING,
        line,
        column,
        snippet.strip(),
        d.message(),
        d.hint());
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
    return "Schema["
        + model.entityTypes().size()
        + " entity types, "
        + model.actions().size()
        + " actions]";
  }
}
