/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.value;

import dev.bulwark.policy.EntityUid;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An entity as the evaluator sees it: immutable and thread-safe once built.
 *
 * <p>Its ancestors (the transitive closure of the parent relation) are held in one of two ways.
 * Most entities have few: those are held as a set, computed when the store is loaded, so that
 * {@code in} is one lookup. An entity that inherits more than {@link #MAX_HELD_ANCESTORS} ancestors
 * beyond its direct parents (a deep chain of groups) holds only links to its parents' data, and its
 * ancestors are found by walking them; holding every such set would take memory that grows with the
 * product of depth and entities (a 5,000-deep chain: 12.5 million entries). Memory therefore grows
 * with entities plus parent edges.
 */
public final class EntityData {
  /**
   * The most ancestors, beyond its direct parents, that an entity holds as a set: {@value}. Past
   * it, {@code in} walks the parent links.
   */
  public static final int MAX_HELD_ANCESTORS = 64;

  private static final EntityData[] NO_LINKS = new EntityData[0];

  private final EntityUid uid;
  private final CedarRecord attributes;
  private final Map<String, Object> tags;
  private final Set<EntityUid> parents;
  // The held ancestors, or null when they are found through parentLinks.
  private final Set<EntityUid> ancestors;
  // The scope index walks the ancestors several times per request; an array walk allocates no
  // iterator, which a Set.copyOf set's iterator does when escape analysis gives up. Null when
  // the ancestors are not held.
  private final EntityUid[] ancestorArray;
  // The data of the parents that are entities of the same store, when the ancestors are not
  // held; a parent that is not an entity is an ancestor without ancestors of its own.
  private final EntityData[] parentLinks;

  /**
   * @param uid the uid
   * @param attributes the attributes
   * @param tags the tags, unmodifiable
   * @param parents the direct parents, unmodifiable
   * @param ancestors all ancestors (a superset of parents), unmodifiable
   */
  public EntityData(
      EntityUid uid,
      CedarRecord attributes,
      Map<String, Object> tags,
      Set<EntityUid> parents,
      Set<EntityUid> ancestors) {
    this(uid, attributes, tags, parents, ancestors, NO_LINKS);
  }

  private EntityData(
      EntityUid uid,
      CedarRecord attributes,
      Map<String, Object> tags,
      Set<EntityUid> parents,
      Set<EntityUid> ancestors,
      EntityData[] parentLinks) {
    this.uid = uid;
    this.attributes = attributes;
    this.tags = tags;
    this.parents = parents;
    this.ancestors = ancestors;
    this.ancestorArray = ancestors == null ? null : ancestors.toArray(new EntityUid[0]);
    this.parentLinks = parentLinks;
  }

  /**
   * @return the uid
   */
  public EntityUid uid() {
    return uid;
  }

  /**
   * @return the attributes
   */
  public CedarRecord attributes() {
    return attributes;
  }

  /**
   * @return the tags
   */
  public Map<String, Object> tags() {
    return tags;
  }

  /**
   * @return the direct parents
   */
  public Set<EntityUid> parents() {
    return parents;
  }

  /**
   * Returns the ancestors: the held set, or for an entity that links to its parents a new set
   * collected by walking them (which costs time in proportion to the ancestors).
   *
   * @return the transitive ancestors, unmodifiable
   */
  public Set<EntityUid> ancestors() {
    return ancestors != null ? ancestors : Collections.unmodifiableSet(collectAncestors());
  }

  /**
   * @return true if the ancestors are held as a set, false if they are found through links
   */
  public boolean holdsAncestors() {
    return ancestors != null;
  }

  /**
   * Tells whether {@code u} is an ancestor, as {@code ancestors().contains(u)} does (see {@link
   * #contains}).
   *
   * @param u an entity uid
   * @return true if it is one of the transitive ancestors
   */
  public boolean hasAncestor(EntityUid u) {
    // The walk is a method of its own so that this one stays small enough for the JIT to
    // inline into the scope checks, as it was before entities could link to their parents.
    return ancestors != null ? contains(ancestorArray, ancestors, u) : linksTo(u);
  }

  private boolean linksTo(EntityUid u) {
    // Walk the linked entities, each once; an entity that holds its ancestors answers for all
    // of its own.
    Map<EntityData, Boolean> seen = new IdentityHashMap<>();
    ArrayDeque<EntityData> todo = new ArrayDeque<>();
    todo.push(this);
    while (!todo.isEmpty()) {
      EntityData d = todo.pop();
      if (d.parents.contains(u)) {
        return true;
      }
      for (EntityData p : d.parentLinks) {
        if (p.ancestors != null) {
          if (p.hasAncestor(u)) {
            return true;
          }
        } else if (seen.put(p, Boolean.TRUE) == null) {
          todo.push(p);
        }
      }
    }
    return false;
  }

  private Set<EntityUid> collectAncestors() {
    Set<EntityUid> out = new LinkedHashSet<>();
    Map<EntityData, Boolean> seen = new IdentityHashMap<>();
    ArrayDeque<EntityData> todo = new ArrayDeque<>();
    todo.push(this);
    while (!todo.isEmpty()) {
      EntityData d = todo.pop();
      out.addAll(d.parents);
      for (EntityData p : d.parentLinks) {
        if (p.ancestors != null) {
          out.addAll(p.ancestors);
        } else if (seen.put(p, Boolean.TRUE) == null) {
          todo.push(p);
        }
      }
    }
    return out;
  }

  /**
   * Whether {@code u} is in a set held both as an array and as a hash set of the same elements: the
   * array is scanned when it is short (up to 8; no hashing, no wrapper call, which is what most
   * ancestor lists and {@code in [...]} lists are), the set is asked beyond.
   *
   * @param array the elements, for the scan
   * @param set the same elements, for the lookup
   * @param u the uid sought
   * @return true if {@code u} is one of them
   */
  public static boolean contains(EntityUid[] array, Set<EntityUid> set, EntityUid u) {
    if (array.length > 8) {
      return set.contains(u);
    }
    for (EntityUid x : array) {
      if (x.equals(u)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the ancestors as an array: the held array, shared with every caller, which must not
   * modify it, or for an entity that links to its parents a new array collected by walking them.
   *
   * @return the transitive ancestors
   */
  public EntityUid[] ancestorArray() {
    return ancestorArray != null ? ancestorArray : collectAncestors().toArray(new EntityUid[0]);
  }

  /**
   * @param ancestors the transitive ancestors
   * @return a copy that holds these ancestors
   */
  public EntityData withAncestors(Set<EntityUid> ancestors) {
    return new EntityData(uid, attributes, tags, parents, ancestors, NO_LINKS);
  }

  /**
   * Returns a copy whose ancestors are those of its parents: held as a set if, beyond its direct
   * parents, they number at most {@link #MAX_HELD_ANCESTORS} and every linked parent holds its own;
   * otherwise found through links to the parents' data.
   *
   * @param linked the data of the parents that are entities of the same store, each already built
   *     this way (or holding its ancestors)
   * @return the copy
   */
  public EntityData withParentLinks(EntityData[] linked) {
    Set<EntityUid> held = new LinkedHashSet<>(parents);
    int limit = parents.size() + MAX_HELD_ANCESTORS;
    for (EntityData p : linked) {
      if (p.ancestors == null) {
        held = null;
        break;
      }
      for (EntityUid a : p.ancestorArray) {
        if (held.add(a) && held.size() > limit) {
          break;
        }
      }
      if (held.size() > limit) {
        held = null;
        break;
      }
    }
    if (held != null) {
      return new EntityData(
          uid, attributes, tags, parents, Collections.unmodifiableSet(held), NO_LINKS);
    }
    return new EntityData(
        uid, attributes, tags, parents, null, linked.length == 0 ? NO_LINKS : linked);
  }
}
