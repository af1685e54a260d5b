/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.value;

import dev.bulwark.policy.EntityUid;
import java.util.Map;
import java.util.Set;

/**
 * An entity as the evaluator sees it: immutable and thread-safe once built. {@link #ancestors()}
 * is the transitive closure of the parent relation, computed when the entity store is loaded so
 * that {@code in} is one hash lookup per request.
 */
public final class EntityData {
  private final EntityUid uid;
  private final CedarRecord attributes;
  private final Map<String, Object> tags;
  private final Set<EntityUid> parents;
  private final Set<EntityUid> ancestors;
  // The scope index walks the ancestors several times per request; an array walk allocates no
  // iterator, which a Set.copyOf set's iterator does when escape analysis gives up.
  private final EntityUid[] ancestorArray;

  /**
   * @param uid the uid
   * @param attributes the attributes
   * @param tags the tags, unmodifiable
   * @param parents the direct parents, unmodifiable
   * @param ancestors all ancestors (a superset of parents), unmodifiable
   */
  public EntityData(EntityUid uid, CedarRecord attributes, Map<String, Object> tags,
      Set<EntityUid> parents, Set<EntityUid> ancestors) {
    this.uid = uid;
    this.attributes = attributes;
    this.tags = tags;
    this.parents = parents;
    this.ancestors = ancestors;
    this.ancestorArray = ancestors.toArray(new EntityUid[0]);
  }

  /** @return the uid */
  public EntityUid uid() {
    return uid;
  }

  /** @return the attributes */
  public CedarRecord attributes() {
    return attributes;
  }

  /** @return the tags */
  public Map<String, Object> tags() {
    return tags;
  }

  /** @return the direct parents */
  public Set<EntityUid> parents() {
    return parents;
  }

  /** @return the transitive ancestors */
  public Set<EntityUid> ancestors() {
    return ancestors;
  }

  /**
   * Tells whether {@code u} is an ancestor, as {@code ancestors().contains(u)} does (see
   * {@link #contains}).
   *
   * @param u an entity uid
   * @return true if it is one of the transitive ancestors
   */
  public boolean hasAncestor(EntityUid u) {
    return contains(ancestorArray, ancestors, u);
  }

  /**
   * Whether {@code u} is in a set held both as an array and as a hash set of the same elements:
   * the array is scanned when it is short (up to 8; no hashing, no wrapper call, which is what
   * most ancestor lists and {@code in [...]} lists are), the set is asked beyond.
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
   * Returns the ancestors as an array shared with every caller, which must not modify it.
   *
   * @return the transitive ancestors
   */
  public EntityUid[] ancestorArray() {
    return ancestorArray;
  }

  /**
   * @param ancestors the transitive ancestors
   * @return a copy with these ancestors
   */
  public EntityData withAncestors(Set<EntityUid> ancestors) {
    return new EntityData(uid, attributes, tags, parents, ancestors);
  }
}
