/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.json.EntityJson;
import dev.bulwark.policy.internal.value.EntityData;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A thread-safe entity store whose entities can be added, replaced and removed while requests run:
 * any thread may call any method. Readers are never blocked and never see part of a change; writers
 * wait for each other.
 *
 * <p>Each state of the store is an immutable {@link InMemoryEntityStore}, published through a
 * volatile field. {@link #find} reads the current state; {@link #snapshot()} returns it, and the
 * engine reads every entity of one request from one snapshot, so a request sees the store either
 * before a change or after it. A change ({@link #put}, {@link #remove}, or several at once with
 * {@link #update}) is made under a lock on a copy: the entities it replaces or removes, and every
 * entity below them in the hierarchy (whose ancestors change with them), get their ancestors
 * recomputed; the others are shared with the previous state. Moving a group under another parent
 * therefore changes the ancestors of every member, at once.
 *
 * <p>Cost: an update copies the map of entities (time and garbage in proportion to the number of
 * entities) and recomputes the ancestors of the entities it changes and of their descendants. Batch
 * many changes into one {@link #update} when they come together; each published state is a full
 * map, so an update rate of thousands per second on a store of millions of entities is not what
 * this store is for.
 *
 * <p>As in {@link InMemoryEntityStore}, an entity's given ancestors are ignored and recomputed from
 * the parents; a parent that is not in the store is still an ancestor (with no ancestors of its
 * own). Removing a group therefore keeps it among its members' ancestors, since they still name it,
 * but drops its own ancestors from theirs: the store is always what {@link InMemoryEntityStore#of}
 * would build from the same entities. A change that would make a cycle is refused whole, and the
 * store keeps its state.
 */
public final class MutableEntityStore implements EntityStore {
  // NOTE: a volatile write publishes each state fully built (release); readers' volatile read
  // (acquire) sees it whole. Only writers, holding writeLock, assign it.
  private volatile InMemoryEntityStore current;
  private final ReentrantLock writeLock = new ReentrantLock();
  // The uids of the entities that name each uid as a parent, to find the descendants of a
  // changed entity. Confined to writers (guarded by writeLock), never published.
  private final Map<EntityUid, Set<EntityUid>> children = new HashMap<>();

  private MutableEntityStore(InMemoryEntityStore initial) {
    this.current = initial;
    for (Entity e : initial.entities().values()) {
      link(e.uid(), e.parents());
    }
  }

  /**
   * @return an empty store
   */
  public static MutableEntityStore empty() {
    return new MutableEntityStore(InMemoryEntityStore.empty());
  }

  /**
   * Returns a store that starts with the entities of an immutable store (for example one read with
   * {@link InMemoryEntityStore#fromJson(String, Schema)}), sharing them.
   *
   * @param initial the first state
   * @return the store
   */
  public static MutableEntityStore of(InMemoryEntityStore initial) {
    return new MutableEntityStore(Objects.requireNonNull(initial, "initial"));
  }

  /**
   * Returns a store that starts with these entities, their ancestors computed from the parents.
   *
   * @param entities the entities
   * @return the store
   * @throws IllegalArgumentException if a uid appears twice or the hierarchy has a cycle
   */
  public static MutableEntityStore of(Collection<Entity> entities) {
    return new MutableEntityStore(InMemoryEntityStore.of(entities));
  }

  @Override
  public Entity find(EntityUid uid) {
    return current.find(uid);
  }

  /**
   * Returns the current state: an immutable store that later changes do not affect.
   *
   * @return the current state
   */
  @Override
  public InMemoryEntityStore snapshot() {
    return current;
  }

  /**
   * @return the number of entities in the current state
   */
  public int size() {
    return current.size();
  }

  /**
   * Adds an entity, or replaces the entity with its uid; its ancestors, and those of every entity
   * below it, are recomputed.
   *
   * @param entity the entity
   * @throws IllegalArgumentException if its parents would make a cycle (the store is unchanged)
   */
  public void put(Entity entity) {
    Objects.requireNonNull(entity, "entity");
    update(c -> c.put(entity));
  }

  /**
   * Removes an entity if it is in the store. Entities that name it as a parent keep it as an
   * ancestor but lose its ancestors.
   *
   * @param uid the uid
   * @return true if it was in the store
   */
  public boolean remove(EntityUid uid) {
    Objects.requireNonNull(uid, "uid");
    writeLock.lock();
    try {
      if (current.find(uid) == null) {
        return false;
      }
      update(c -> c.remove(uid));
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Makes several changes as one: they are applied in the order given (a later change of a uid
   * overrides an earlier one), and readers see all of them or none. If {@code changes} throws, or
   * the result would have a cycle, nothing is applied. Other writers wait until this returns;
   * readers do not.
   *
   * @param changes given the {@link Changes} to record the changes on, valid only during this call
   * @throws IllegalArgumentException if the changes would make the hierarchy cyclic (the store is
   *     unchanged)
   */
  public void update(Consumer<Changes> changes) {
    Objects.requireNonNull(changes, "changes");
    writeLock.lock();
    try {
      Changes c = new Changes();
      try {
        changes.accept(c);
      } finally {
        c.open = false;
      }
      if (!c.pending.isEmpty()) {
        apply(c.pending);
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Applies changes by uid (null: remove), holding writeLock. */
  private void apply(Map<EntityUid, EntityData> pending) {
    Map<EntityUid, Entity> old = current.entities();
    // Every entity whose ancestors can change: the changed ones and everything below them. A
    // path from an entity up to the first changed entity on it runs through unchanged entities,
    // whose parent edges are the same before and after, so the old edges find them all.
    Set<EntityUid> affected = new LinkedHashSet<>(pending.keySet());
    ArrayDeque<EntityUid> todo = new ArrayDeque<>(pending.keySet());
    while (!todo.isEmpty()) {
      for (EntityUid child : children.getOrDefault(todo.pop(), Set.of())) {
        if (affected.add(child)) {
          todo.push(child);
        }
      }
    }
    Map<EntityUid, EntityData> direct = new LinkedHashMap<>();
    for (EntityUid u : affected) {
      EntityData d;
      if (pending.containsKey(u)) {
        d = pending.get(u);
      } else {
        Entity e = old.get(u);
        d = e == null ? null : e.data();
      }
      if (d != null) {
        direct.put(u, d);
      }
    }
    // A cycle made by these changes runs through a changed entity, and every entity on it is
    // below that one: all are in direct, so the walk finds it. An entity not affected keeps its
    // data, and so do the parents it links to.
    Map<EntityUid, EntityData> closed =
        EntityJson.closeAncestors(
            direct,
            u -> {
              if (affected.contains(u)) {
                return null;
              }
              Entity e = old.get(u);
              return e == null ? null : e.data();
            });
    Map<EntityUid, Entity> next = new HashMap<>(old);
    for (Map.Entry<EntityUid, EntityData> p : pending.entrySet()) {
      Entity before = p.getValue() == null ? next.remove(p.getKey()) : next.get(p.getKey());
      if (before != null) {
        unlink(p.getKey(), before.parents());
      }
      if (p.getValue() != null) {
        link(p.getKey(), p.getValue().parents());
      }
    }
    for (EntityData d : closed.values()) {
      next.put(d.uid(), new Entity(d));
    }
    current = InMemoryEntityStore.wrap(next);
  }

  private void link(EntityUid child, Set<EntityUid> parents) {
    for (EntityUid p : parents) {
      children.computeIfAbsent(p, k -> new HashSet<>()).add(child);
    }
  }

  private void unlink(EntityUid child, Set<EntityUid> parents) {
    for (EntityUid p : parents) {
      Set<EntityUid> s = children.get(p);
      if (s != null && s.remove(child) && s.isEmpty()) {
        children.remove(p);
      }
    }
  }

  @Override
  public String toString() {
    return "MutableEntityStore[" + current.size() + " entities]";
  }

  /**
   * The changes of one {@link MutableEntityStore#update}, recorded in order; confined to the thread
   * that runs the update, and usable only during it.
   */
  public static final class Changes {
    // By uid, the entity with its direct parents, or null to remove it; in order of first change.
    private final Map<EntityUid, EntityData> pending = new LinkedHashMap<>();
    private boolean open = true;

    private Changes() {}

    /**
     * Adds an entity, or replaces the entity with its uid (in the store or earlier in these
     * changes).
     *
     * @param entity the entity
     * @return this
     * @throws IllegalStateException if the update is over
     */
    public Changes put(Entity entity) {
      Objects.requireNonNull(entity, "entity");
      requireOpen();
      pending.put(entity.uid(), entity.data());
      return this;
    }

    /**
     * Adds or replaces entities, in order.
     *
     * @param entities the entities
     * @return this
     * @throws IllegalStateException if the update is over
     */
    public Changes putAll(Collection<Entity> entities) {
      for (Entity e : entities) {
        put(e);
      }
      return this;
    }

    /**
     * Removes the entity with this uid, if the store (or an earlier change) has one.
     *
     * @param uid the uid
     * @return this
     * @throws IllegalStateException if the update is over
     */
    public Changes remove(EntityUid uid) {
      Objects.requireNonNull(uid, "uid");
      requireOpen();
      pending.put(uid, null);
      return this;
    }

    private void requireOpen() {
      // Changes kept past their update would otherwise be dropped without a word.
      if (!open) {
        throw new IllegalStateException("the update these changes belong to is over");
      }
    }
  }
}
