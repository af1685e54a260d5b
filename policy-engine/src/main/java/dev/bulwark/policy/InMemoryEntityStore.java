/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.json.AttributeTypeHints;
import dev.bulwark.policy.internal.json.EntityJson;
import dev.bulwark.policy.internal.json.JsonReader;
import dev.bulwark.policy.internal.value.EntityData;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An immutable, thread-safe entity store held in a hash map, with every entity's ancestors computed
 * once when it is built.
 */
public final class InMemoryEntityStore implements EntityStore {
  private final Map<EntityUid, Entity> entities;
  // The engine's lookup over this store, built once so that a request that reads this store as
  // a snapshot of a MutableEntityStore allocates no function of its own.
  private final Function<EntityUid, EntityData> lookup;

  private InMemoryEntityStore(Map<EntityUid, Entity> entities) {
    this.entities = entities;
    this.lookup =
        uid -> {
          Entity e = entities.get(uid);
          return e == null ? null : e.data();
        };
  }

  /**
   * Wraps a map that no one modifies afterwards, for {@link MutableEntityStore}'s snapshots.
   *
   * @param entities every entity, with its ancestors, by uid
   * @return the store
   */
  static InMemoryEntityStore wrap(Map<EntityUid, Entity> entities) {
    return new InMemoryEntityStore(entities);
  }

  /** The entities by uid, read-only, for {@link MutableEntityStore} to copy. */
  Map<EntityUid, Entity> entities() {
    return entities;
  }

  /** The engine's lookup of entity data over this store. */
  Function<EntityUid, EntityData> lookup() {
    return lookup;
  }

  /**
   * Parses an entity list in Cedar's JSON format, without a schema.
   *
   * @param json the JSON text (an array of entities)
   * @return the store
   * @throws PolicyParseException if it does not parse, an entity appears twice, or the JSON is
   *     nested too deeply for the calling thread's stack
   */
  public static InMemoryEntityStore fromJson(String json) throws PolicyParseException {
    return fromJson(json, null);
  }

  /**
   * Parses an entity list in Cedar's JSON format as Cedar does with a schema: attributes are read
   * by their declared types, and the schema's action entities (with their groups) are added.
   *
   * @param json the JSON text (an array of entities)
   * @param schema the schema, or null
   * @return the store
   * @throws PolicyParseException if it does not parse, an entity appears twice, or the JSON is
   *     nested too deeply for the calling thread's stack
   */
  public static InMemoryEntityStore fromJson(String json, Schema schema)
      throws PolicyParseException {
    Objects.requireNonNull(json, "json");
    AttributeTypeHints hints = schema == null ? null : schema.typeHints();
    Map<Object, Integer> positions = new IdentityHashMap<>();
    Map<EntityUid, EntityData> data =
        DeepInput.parse(
            "entity JSON",
            DeepInput.JSON_LIMITS,
            () ->
                EntityJson.parseEntities(
                    JsonReader.parse(json, positions), hints, json, positions));
    Map<EntityUid, Entity> m = new HashMap<>(data.size() * 2);
    for (EntityData d : data.values()) {
      m.put(d.uid(), new Entity(d));
    }
    return new InMemoryEntityStore(m);
  }

  /**
   * Builds a store from entities, recomputing every entity's ancestors from the parents.
   *
   * @param entities the entities
   * @return the store
   * @throws IllegalArgumentException if a uid appears twice or the hierarchy has a cycle
   */
  public static InMemoryEntityStore of(Collection<Entity> entities) {
    Map<EntityUid, EntityData> direct = new LinkedHashMap<>();
    for (Entity e : entities) {
      if (direct.putIfAbsent(e.uid(), e.data()) != null) {
        throw new IllegalArgumentException(
            "entities must have distinct uids, " + e.uid() + " appears twice");
      }
    }
    Map<EntityUid, Entity> m = new HashMap<>();
    for (EntityData d : EntityJson.closeAncestors(direct).values()) {
      m.put(d.uid(), new Entity(d));
    }
    return new InMemoryEntityStore(m);
  }

  /**
   * @return an empty store
   */
  public static InMemoryEntityStore empty() {
    return new InMemoryEntityStore(Map.of());
  }

  @Override
  public Entity find(EntityUid uid) {
    return entities.get(uid);
  }

  /**
   * @return the number of entities
   */
  public int size() {
    return entities.size();
  }

  @Override
  public String toString() {
    return "InMemoryEntityStore[" + entities.size() + " entities]";
  }
}
