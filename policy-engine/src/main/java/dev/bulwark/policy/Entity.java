/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.json.EntityJson;
import dev.bulwark.policy.internal.json.JsonReader;
import dev.bulwark.policy.internal.value.EntityData;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, thread-safe Cedar entity: uid, attributes, tags, parents and ancestors.
 *
 * <p>Entities are read from Cedar's JSON entity format. {@link #ancestors()} must be the
 * transitive closure of the parent relation; {@link InMemoryEntityStore} computes it when it is
 * built, and an {@link EntityStore} implementation that loads entities one by one supplies it
 * through {@link #withAncestors(Set)}.
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
   * Parses one entity in Cedar's JSON format, interpreting attributes by the schema's
   * declarations (an {@code ipaddr} attribute given as a string is an IP address). Its ancestors
   * are its direct parents.
   *
   * @param json the JSON text
   * @param schema the schema, or null
   * @return the entity
   * @throws PolicyParseException if it does not parse, or is nested too deeply for the calling
   *     thread's stack
   */
  public static Entity fromJson(String json, Schema schema) throws PolicyParseException {
    Objects.requireNonNull(json, "json");
    EntityData d = DeepInput.parse("entity JSON", DeepInput.JSON_LIMITS,
        () -> EntityJson.parseEntity(JsonReader.parse(json),
            schema == null ? null : schema.typeHints(), "entity"));
    return new Entity(d.withAncestors(d.parents()));
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
      throw new IllegalArgumentException("ancestors of " + data.uid()
          + " must include its parents " + data.parents() + ", was " + ancestors);
    }
    return new Entity(data.withAncestors(Set.copyOf(ancestors)));
  }

  /** @return the uid */
  public EntityUid uid() {
    return data.uid();
  }

  /** @return the direct parents, unmodifiable */
  public Set<EntityUid> parents() {
    return data.parents();
  }

  /** @return all ancestors, unmodifiable */
  public Set<EntityUid> ancestors() {
    return data.ancestors();
  }

  EntityData data() {
    return data;
  }

  @Override
  public String toString() {
    return "Entity[" + data.uid() + ", attrs=" + data.attributes() + ", parents="
        + data.parents() + "]";
  }
}
