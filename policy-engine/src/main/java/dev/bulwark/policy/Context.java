/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.json.AttributeTypeHints;
import dev.bulwark.policy.internal.json.EntityJson;
import dev.bulwark.policy.internal.json.JavaValues;
import dev.bulwark.policy.internal.json.JsonReader;
import dev.bulwark.policy.internal.json.ValueType;
import dev.bulwark.policy.internal.schema.SchemaModel;
import dev.bulwark.policy.internal.value.CedarRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, thread-safe Cedar request context: a record of Cedar values.
 *
 * <p>Built from Java values with {@link #builder()} (or {@link #builder(Schema, EntityUid)}, which
 * reads values by the types the schema declares and checks the result), or read from Cedar's JSON
 * with {@link #fromJson}. Both fail with {@link InvalidRequestException}, as {@link
 * PolicyEngine#authorize(Request)} does for a request that does not conform.
 */
public final class Context {
  private static final Context EMPTY = new Context(CedarRecord.EMPTY);

  private final CedarRecord record;

  private Context(CedarRecord record) {
    this.record = record;
  }

  /**
   * @return the empty context
   */
  public static Context empty() {
    return EMPTY;
  }

  /**
   * Returns a builder of a context from Java values, without a schema. The values are mapped as
   * {@link Builder#put} says; a string is a Cedar string.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder(null, null, null, null, null);
  }

  /**
   * Returns a builder of a context for one action of a schema: a string given for an attribute
   * declared {@code ipaddr}, {@code decimal}, {@code datetime} or {@code duration} is that type's
   * constructor argument ({@code "10.0.0.0/8"}), as in Cedar's JSON with a schema, and {@link
   * Builder#build()} checks the context against the declared type.
   *
   * @param schema the schema
   * @param action the request's action
   * @return the builder
   * @throws InvalidRequestException if the schema does not declare the action
   */
  public static Builder builder(Schema schema, EntityUid action) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(action, "action");
    SchemaModel model = schema.model();
    // Most contexts are checked as they are built, attribute by attribute (see Builder#build).
    SchemaModel.ContextPlan plan = model.contextPlan(action);
    if (plan != null) {
      return new Builder(model, action, null, model, plan);
    }
    AttributeTypeHints hints = schema.typeHints();
    ValueType t = hints.contextType(action);
    if (t == null) {
      throw new InvalidRequestException("action " + action + " is not declared in the schema");
    }
    return new Builder(hints, action, t.attributes(), null, null);
  }

  /**
   * Builds a context from a map of Java values, without a schema (see {@link Builder#put}).
   *
   * @param attributes the attributes
   * @return the context
   * @throws InvalidRequestException if a value is not a Cedar value
   */
  public static Context of(Map<String, ?> attributes) {
    Objects.requireNonNull(attributes, "attributes");
    return builder().putAll(attributes).build();
  }

  /**
   * Parses a context from JSON (an object of Cedar values, with the {@code __entity} and {@code
   * __extn} escapes), without a schema.
   *
   * @param json the JSON text
   * @return the context
   * @throws InvalidRequestException if it does not parse (the cause is then the {@link
   *     PolicyParseException} with the line and column), or is nested too deeply for the calling
   *     thread's stack
   */
  public static Context fromJson(String json) {
    return fromJson(json, null, null);
  }

  /**
   * Parses a context from JSON as Cedar does with a schema: values are read by the types the action
   * declares for its context, and the context must have the declared attributes.
   *
   * @param json the JSON text
   * @param schema the schema, or null
   * @param action the request's action, or null
   * @return the context
   * @throws InvalidRequestException if it does not parse (the cause is then the {@link
   *     PolicyParseException} with the line and column), the action is not declared, the context
   *     does not conform, or it is nested too deeply for the calling thread's stack
   */
  public static Context fromJson(String json, Schema schema, EntityUid action) {
    Objects.requireNonNull(json, "json");
    try {
      return new Context(
          DeepInput.parse(
              "context JSON",
              DeepInput.JSON_LIMITS,
              () ->
                  EntityJson.parseContext(
                      JsonReader.parse(json), schema == null ? null : schema.typeHints(), action)));
    } catch (PolicyParseException e) {
      throw new InvalidRequestException(e.getMessage(), e);
    }
  }

  CedarRecord record() {
    return record;
  }

  @Override
  public String toString() {
    return "Context" + record;
  }

  /**
   * Builds a {@link Context} from Java values; not thread-safe, use from one thread, once.
   *
   * <p>Values map to Cedar values as follows: {@link String}; {@link Boolean}; {@link Long}, {@link
   * Integer}, {@link Short}, {@link Byte} to a long; {@link EntityUid} to an entity reference; a
   * {@link java.util.Collection} to a set; a {@link Map} with string keys to a record; {@link
   * java.time.Instant}, {@link java.time.OffsetDateTime} and {@link java.time.ZonedDateTime} to
   * {@code datetime} and {@link java.time.Duration} to {@code duration} (milliseconds, as Cedar
   * counts them: finer precision is dropped, rounding towards the past); {@link
   * java.net.InetAddress} to {@code ipaddr}; a {@link java.math.BigDecimal} with at most four
   * fractional digits to {@code decimal}. {@code null}, floating-point numbers and every other type
   * are refused: Cedar has no such value, and guessing one could change a decision.
   */
  public static final class Builder {
    private static final int INITIAL_CAPACITY = 8;
    private final AttributeTypeHints hints;
    private final EntityUid action;
    private final Map<String, ValueType> declared;
    // With a schema, the context is checked as it is built: each attribute when it is put (one
    // lookup gives its hint and its declared type), and in build() only whether every required
    // attribute came. Anything the quick checks cannot prove sends build() to the whole check,
    // which names what is wrong. Without a plan (no schema, or a context of more than 64
    // attributes) build() checks the whole context.
    private final SchemaModel model;
    private final SchemaModel.ContextPlan plan;
    private long seen;
    private boolean unproven;
    // Sized for the few attributes a context usually has; it grows past six.
    private Map<String, Object> attributes = new HashMap<>(INITIAL_CAPACITY);

    private Builder(
        AttributeTypeHints hints,
        EntityUid action,
        Map<String, ValueType> declared,
        SchemaModel model,
        SchemaModel.ContextPlan plan) {
      this.hints = hints;
      this.action = action;
      this.declared = declared;
      this.model = model;
      this.plan = plan;
    }

    /**
     * Adds an attribute.
     *
     * @param name the attribute name
     * @param value its value, a Java value mapped as the class Javadoc says
     * @return this
     * @throws InvalidRequestException if the value is not a Cedar value (or, with a schema, a
     *     string that the declared extension type refuses), or the attribute was already given
     * @throws IllegalStateException if the context was already built
     */
    public Builder put(String name, Object value) {
      Objects.requireNonNull(name, "name");
      Map<String, Object> m = open();
      SchemaModel.ContextAttribute a = plan == null ? null : plan.attributes().get(name);
      ValueType hint = a != null ? a.hint() : declared == null ? null : declared.get(name);
      Object v = convert(value, hint, name);
      if (m.putIfAbsent(name, v) != null) {
        throw new InvalidRequestException("context attribute " + name + " given twice");
      }
      note(a, v);
      return this;
    }

    /** Records what the quick check of one attribute proved (see the fields' comment). */
    private void note(SchemaModel.ContextAttribute a, Object v) {
      if (plan == null) {
        return;
      }
      boolean proven;
      try {
        proven = a != null && model.provenValid(v, a.type());
      } catch (StackOverflowError e) {
        // build() checks it whole, and reports a value nested too deeply for this thread.
        proven = false;
      }
      if (proven) {
        seen |= 1L << a.bit();
      } else {
        unproven = true;
      }
    }

    /**
     * Adds an attribute of type {@code ipaddr} from its text, an address or a CIDR range such as
     * {@code "10.0.0.0/8"} or {@code "2001:db8::/32"}, as Cedar's {@code ip("...")} reads it.
     *
     * @param name the attribute name
     * @param addressOrRange the address or range
     * @return this
     * @throws InvalidRequestException if Cedar refuses the text, or the attribute was already given
     * @throws IllegalStateException if the context was already built
     */
    public Builder putIpaddr(String name, String addressOrRange) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(addressOrRange, "addressOrRange");
      Map<String, Object> m = open();
      Object v = JavaValues.extension("ipaddr", addressOrRange, "context attribute " + name);
      if (m.putIfAbsent(name, v) != null) {
        throw new InvalidRequestException("context attribute " + name + " given twice");
      }
      note(plan == null ? null : plan.attributes().get(name), v);
      return this;
    }

    /**
     * Adds every attribute of a map, as {@link #put} does one.
     *
     * @param attributes the attributes
     * @return this
     * @throws InvalidRequestException as {@link #put} does
     * @throws IllegalStateException if the context was already built
     */
    public Builder putAll(Map<String, ?> attributes) {
      for (Map.Entry<String, ?> e : attributes.entrySet()) {
        put(e.getKey(), e.getValue());
      }
      return this;
    }

    /**
     * Builds the context; with a schema, checks it against the action's declared context type.
     *
     * @return the context
     * @throws InvalidRequestException if, with a schema, the context does not conform: a required
     *     attribute is missing, an attribute is not declared (in a closed record) or has a value of
     *     another type
     * @throws IllegalStateException if the context was already built
     */
    public Context build() {
      // The map becomes the record's own, unshared and unchanged from here on.
      CedarRecord r = CedarRecord.of(open());
      attributes = null;
      boolean proven =
          plan != null && !unproven && (seen & plan.requiredMask()) == plan.requiredMask();
      if (hints != null && !proven) {
        String problem;
        try {
          problem = hints.checkContext(action, r);
        } catch (StackOverflowError e) {
          problem = "the context is nested too deeply for this thread's stack to validate";
        }
        if (problem != null) {
          throw new InvalidRequestException("context does not conform to the schema: " + problem);
        }
      }
      return r.size() == 0 ? EMPTY : new Context(r);
    }

    private Map<String, Object> open() {
      if (attributes == null) {
        throw new IllegalStateException("the context was already built");
      }
      return attributes;
    }

    private static Object convert(Object value, ValueType type, String name) {
      try {
        return JavaValues.convert(value, type, "context attribute ", name);
      } catch (StackOverflowError e) {
        throw new InvalidRequestException(
            "context attribute " + name + " is nested too deeply" + " for this thread's stack");
      }
    }
  }
}
