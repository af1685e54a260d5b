/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.json.AttributeTypeHints;
import dev.bulwark.policy.internal.json.EntityJson;
import dev.bulwark.policy.internal.json.EntityJsonWriter;
import dev.bulwark.policy.internal.json.JavaValues;
import dev.bulwark.policy.internal.json.JsonReader;
import dev.bulwark.policy.internal.json.ValueType;
import dev.bulwark.policy.internal.value.CedarRecord;
import dev.bulwark.policy.internal.value.EntityData;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, thread-safe Cedar entity: uid, attributes, tags, parents and ancestors.
 *
 * <p>Entities are read from Cedar's JSON entity format ({@link #fromJson}) or built from Java
 * values ({@link #builder(EntityUid)}). {@link #ancestors()} must be the transitive closure of the
 * parent relation; {@link InMemoryEntityStore} computes it when it is built, and an {@link
 * EntityStore} implementation that loads entities one by one supplies it through {@link
 * #withAncestors(Set)}.
 */
public final class Entity {
  private final EntityData data;

  Entity(EntityData data) {
    this.data = data;
  }

  /**
   * Parses one entity in Cedar's JSON format ({@code {"uid": .., "attrs": .., "parents": ..,
   * "tags": ..}}), without a schema. Its ancestors are its direct parents.
   *
   * @param json the JSON text
   * @return the entity
   * @throws PolicyParseException if it does not parse, or is nested too deeply for the calling
   *     thread's stack
   */
  public static Entity fromJson(String json) throws PolicyParseException {
    return fromJson(json, null);
  }

  /**
   * Parses one entity in Cedar's JSON format, interpreting attributes by the schema's declarations
   * (an {@code ipaddr} attribute given as a string is an IP address) and checking it against them
   * as {@link InMemoryEntityStore#fromJson(String, Schema)} checks each entity: its type is
   * declared, required attributes are present, no undeclared attribute in a closed shape, every
   * attribute and tag has its declared type, and every parent's type is allowed. Its ancestors are
   * its direct parents.
   *
   * @param json the JSON text
   * @param schema the schema, or null
   * @return the entity
   * @throws PolicyParseException if it does not parse, does not conform to the schema, or is nested
   *     too deeply for the calling thread's stack
   */
  public static Entity fromJson(String json, Schema schema) throws PolicyParseException {
    Objects.requireNonNull(json, "json");
    AttributeTypeHints hints = schema == null ? null : schema.typeHints();
    EntityData d =
        DeepInput.parse(
            "entity JSON",
            DeepInput.JSON_LIMITS,
            () -> {
              EntityData e = EntityJson.parseEntity(JsonReader.parse(json), hints, "entity");
              String problem =
                  hints == null
                      ? null
                      : hints.validateEntity(e.uid(), e.attributes(), e.tags(), e.parents());
              if (problem != null) {
                throw new PolicyParseException(
                    "entity " + e.uid() + " does not conform to the schema: " + problem);
              }
              return e;
            });
    return new Entity(d.withAncestors(d.parents()));
  }

  /**
   * Returns a builder of an entity from Java values, without a schema. Attribute and tag values are
   * mapped as {@link Context.Builder} maps context values.
   *
   * @param uid the entity's uid
   * @return the builder
   */
  public static Builder builder(EntityUid uid) {
    return new Builder(Objects.requireNonNull(uid, "uid"), null);
  }

  /**
   * Returns a builder of an entity of a schema: a string given for an attribute or tag declared
   * {@code ipaddr}, {@code decimal}, {@code datetime} or {@code duration} is that type's
   * constructor argument, and {@link Builder#build()} checks the entity as {@link #fromJson(String,
   * Schema)} does.
   *
   * @param uid the entity's uid
   * @param schema the schema
   * @return the builder
   */
  public static Builder builder(EntityUid uid, Schema schema) {
    return new Builder(
        Objects.requireNonNull(uid, "uid"), Objects.requireNonNull(schema, "schema").typeHints());
  }

  /**
   * Returns a copy whose ancestors are the given set (which must include the parents).
   *
   * @param ancestors every ancestor of this entity
   * @return the copy
   * @throws IllegalArgumentException if a parent is missing from the set
   */
  public Entity withAncestors(Set<EntityUid> ancestors) {
    if (!ancestors.containsAll(data.parents())) {
      throw new IllegalArgumentException(
          "ancestors of "
              + data.uid()
              + " must include its parents "
              + data.parents()
              + ", was "
              + ancestors);
    }
    return new Entity(data.withAncestors(Set.copyOf(ancestors)));
  }

  /**
   * Writes this entity in Cedar's JSON entity format, the form {@link #fromJson} reads back to an
   * equal entity: uid, attributes, parents and tags, with entity references as {@code {"__entity":
   * ..}} and extension values as {@code {"__extn": ..}}. Ancestors are not written; a store
   * computes them from the parents. Attributes and tags are written in the order of their names, so
   * equal entities give equal text.
   *
   * @return the JSON text
   * @throws IllegalArgumentException if a record value's only key is {@code __entity} or {@code
   *     __extn}, which the format cannot tell from an escape
   */
  public String toJson() {
    return EntityJsonWriter.entity(data);
  }

  /**
   * @return the uid
   */
  public EntityUid uid() {
    return data.uid();
  }

  /**
   * @return the direct parents, unmodifiable
   */
  public Set<EntityUid> parents() {
    return data.parents();
  }

  /**
   * @return all ancestors, unmodifiable
   */
  public Set<EntityUid> ancestors() {
    return data.ancestors();
  }

  EntityData data() {
    return data;
  }

  @Override
  public String toString() {
    return "Entity["
        + data.uid()
        + ", attrs="
        + data.attributes()
        + ", parents="
        + data.parents()
        + "]";
  }

  /**
   * Builds an {@link Entity} from Java values; not thread-safe, use from one thread, once. Its
   * ancestors are its direct parents, as for {@link Entity#fromJson}: a store or {@link
   * PolicyEngine#authorize(Request, Collection)} closes them over the other entities.
   */
  public static final class Builder {
    private final EntityUid uid;
    private final AttributeTypeHints hints;
    private Map<String, Object> attributes = new HashMap<>();
    private final Map<String, Object> tags = new HashMap<>();
    private final Set<EntityUid> parents = new LinkedHashSet<>();

    private Builder(EntityUid uid, AttributeTypeHints hints) {
      this.uid = uid;
      this.hints = hints;
    }

    /**
     * Adds an attribute.
     *
     * @param name the attribute name
     * @param value its value, mapped as {@link Context.Builder} says
     * @return this
     * @throws InvalidRequestException if the value is not a Cedar value (or, with a schema, a
     *     string that the declared extension type refuses), or the attribute was already given
     * @throws IllegalStateException if the entity was already built
     */
    public Builder attribute(String name, Object value) {
      Objects.requireNonNull(name, "name");
      open();
      ValueType t = hints == null ? null : hints.attributeType(uid.type(), name);
      Object v = convert(value, t, "attribute ", name);
      if (attributes.putIfAbsent(name, v) != null) {
        throw new InvalidRequestException("entity " + uid + ": attribute " + name + " given twice");
      }
      return this;
    }

    /**
     * Adds a tag.
     *
     * @param name the tag name
     * @param value its value, mapped as {@link Context.Builder} says
     * @return this
     * @throws InvalidRequestException if the value is not a Cedar value, or the tag was already
     *     given
     * @throws IllegalStateException if the entity was already built
     */
    public Builder tag(String name, Object value) {
      Objects.requireNonNull(name, "name");
      open();
      ValueType t = hints == null ? null : hints.tagType(uid.type());
      Object v = convert(value, t, "tag ", name);
      if (tags.putIfAbsent(name, v) != null) {
        throw new InvalidRequestException("entity " + uid + ": tag " + name + " given twice");
      }
      return this;
    }

    /**
     * Adds a direct parent.
     *
     * @param parent the parent's uid
     * @return this
     * @throws InvalidRequestException if the parent is the entity itself
     * @throws IllegalStateException if the entity was already built
     */
    public Builder parent(EntityUid parent) {
      Objects.requireNonNull(parent, "parent");
      open();
      if (parent.equals(uid)) {
        // Cedar refuses a hierarchy with a cycle, and this is the one a single entity can have.
        throw new InvalidRequestException("entity " + uid + " cannot be its own parent");
      }
      parents.add(parent);
      return this;
    }

    /**
     * Adds direct parents.
     *
     * @param parents the parents' uids
     * @return this
     * @throws InvalidRequestException if one is the entity itself
     * @throws IllegalStateException if the entity was already built
     */
    public Builder parents(Collection<EntityUid> parents) {
      for (EntityUid p : parents) {
        parent(p);
      }
      return this;
    }

    /**
     * Builds the entity; with a schema, checks it as {@link Entity#fromJson(String, Schema)} does.
     *
     * @return the entity
     * @throws InvalidRequestException if, with a schema, the entity does not conform
     * @throws IllegalStateException if the entity was already built
     */
    public Entity build() {
      open();
      CedarRecord attrs = CedarRecord.of(attributes);
      attributes = null;
      Set<EntityUid> ps = Collections.unmodifiableSet(parents);
      Map<String, Object> ts = tags.isEmpty() ? Map.of() : Collections.unmodifiableMap(tags);
      if (hints != null) {
        String problem;
        try {
          problem = hints.validateEntity(uid, attrs, ts, ps);
        } catch (StackOverflowError e) {
          problem = "the entity is nested too deeply for this thread's stack to validate";
        }
        if (problem != null) {
          throw new InvalidRequestException(
              "entity " + uid + " does not conform to the schema: " + problem);
        }
      }
      return new Entity(new EntityData(uid, attrs, ts, ps, ps));
    }

    private void open() {
      if (attributes == null) {
        throw new IllegalStateException("the entity was already built");
      }
    }

    private Object convert(Object value, ValueType type, String kind, String name) {
      try {
        // The place ("entity User::\"alice\", attribute age") is spelled out only for a message.
        return JavaValues.convert(value, type, new Place(uid, kind), name);
      } catch (StackOverflowError e) {
        throw new InvalidRequestException(
            "entity "
                + uid
                + ", "
                + kind
                + name
                + " is nested too deeply"
                + " for this thread's stack");
      }
    }

    /** The start of a value's place in messages: the entity and the kind of value. */
    private static final class Place {
      private final EntityUid uid;
      private final String kind;

      Place(EntityUid uid, String kind) {
        this.uid = uid;
        this.kind = kind;
      }

      @Override
      public String toString() {
        return "entity " + uid + ", " + kind;
      }
    }
  }
}
