/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.json.AttributeTypeHints;
import dev.bulwark.policy.internal.value.EntityData;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The entities supplied with one request, layered over the engine's store: a lookup answers from
 * them first, then from the store, with every entity's ancestors closed over both. Confined to the
 * deciding thread; the store is only read.
 *
 * <p>The request's entities are few (the caller, perhaps its groups), so their ancestors are
 * computed when the layer is built, walking parents through both sources; the store's ancestors are
 * complete within the store, so each store entity reached is expanded once. A store entity can name
 * a request entity as a parent (a group the store knows only by uid): when the lookup returns such
 * an entity, its ancestors are extended with that request entity's, once per request.
 */
final class RequestEntities {
  private final EntityStore store;
  // The request's entities with their ancestors over both sources.
  private final Map<EntityUid, EntityData> own;
  private final EntityUid[] ownUids;
  // Store entities whose ancestors were extended with request entities', built on first lookup.
  private Map<EntityUid, EntityData> extended;

  private RequestEntities(EntityStore store, Map<EntityUid, EntityData> own) {
    this.store = store;
    this.own = own;
    this.ownUids = own.keySet().toArray(new EntityUid[0]);
  }

  /**
   * Layers request entities over a store.
   *
   * @param store the engine's store, only read
   * @param entities the request's entities
   * @param hints the schema to check them against, or null
   * @return the layer
   * @throws InvalidRequestException if two entities share a uid, one is also in the store, the
   *     hierarchy over both has a cycle, or an entity does not conform to the schema
   */
  static RequestEntities of(
      EntityStore store, Collection<Entity> entities, AttributeTypeHints hints) {
    Map<EntityUid, EntityData> direct = new HashMap<>(Math.max(4, entities.size() * 2));
    for (Entity e : entities) {
      EntityData d = e.data();
      if (direct.putIfAbsent(d.uid(), d) != null) {
        throw new InvalidRequestException(
            "the request's entities must have distinct uids, " + d.uid() + " appears twice");
      }
      // Cedar refuses two entities with one uid in one entity set; which of two definitions won
      // would otherwise decide the request.
      if (store.find(d.uid()) != null) {
        throw new InvalidRequestException(
            "the request's entity " + d.uid() + " is also in the entity store");
      }
      if (hints != null) {
        String problem = hints.validateEntity(d.uid(), d.attributes(), d.tags(), d.parents());
        if (problem != null) {
          throw new InvalidRequestException(
              "the request's entity " + d.uid() + " does not conform to the schema: " + problem);
        }
      }
    }
    Map<EntityUid, EntityData> closed = new HashMap<>(direct.size() * 2);
    for (EntityData d : direct.values()) {
      closed.put(
          d.uid(), d.withAncestors(Collections.unmodifiableSet(ancestors(d, direct, store))));
    }
    return new RequestEntities(store, closed);
  }

  /** The ancestors of a request entity over both sources. */
  private static Set<EntityUid> ancestors(
      EntityData start, Map<EntityUid, EntityData> direct, EntityStore store) {
    Set<EntityUid> out = new LinkedHashSet<>();
    ArrayDeque<EntityUid> todo = new ArrayDeque<>(start.parents());
    Set<EntityUid> expanded = new java.util.HashSet<>();
    while (!todo.isEmpty()) {
      EntityUid u = todo.pop();
      out.add(u);
      if (u.equals(start.uid())) {
        throw new InvalidRequestException(
            "the entity hierarchy has a cycle through " + start.uid());
      }
      if (!expanded.add(u)) {
        continue;
      }
      EntityData d = direct.get(u);
      if (d != null) {
        todo.addAll(d.parents());
        continue;
      }
      Entity s = store.find(u);
      if (s != null) {
        // Complete within the store; only the request's entities among them have parents of
        // their own to follow.
        for (EntityUid a : s.ancestors()) {
          if (direct.containsKey(a)) {
            todo.push(a);
          } else {
            out.add(a);
          }
        }
      }
    }
    return out;
  }

  /**
   * Finds an entity: a request entity, or the store's with its ancestors closed over the request
   * entities.
   *
   * @param uid the uid
   * @return the entity's data, or null if neither has it
   */
  EntityData find(EntityUid uid) {
    EntityData d = own.get(uid);
    if (d != null) {
      return d;
    }
    if (extended != null) {
      d = extended.get(uid);
      if (d != null) {
        return d;
      }
    }
    Entity s = store.find(uid);
    if (s == null) {
      return null;
    }
    d = s.data();
    Set<EntityUid> more = null;
    for (EntityUid o : ownUids) {
      if (d.hasAncestor(o)) {
        if (more == null) {
          more = new LinkedHashSet<>(d.ancestors());
        }
        more.addAll(own.get(o).ancestors());
      }
    }
    if (more == null) {
      return d;
    }
    d = d.withAncestors(Collections.unmodifiableSet(more));
    if (extended == null) {
      extended = new HashMap<>();
    }
    extended.put(uid, d);
    return d;
  }
}
