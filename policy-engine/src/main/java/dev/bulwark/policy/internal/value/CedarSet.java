/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.value;

import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * An immutable, thread-safe Cedar set value. Elements are Cedar values ({@link Boolean},
 * {@link Long}, {@link String}, {@code EntityUid}, {@link CedarSet}, {@link CedarRecord} or an
 * extension value); equality is set equality.
 */
public final class CedarSet implements Iterable<Object> {
  /** The empty set. */
  public static final CedarSet EMPTY = new CedarSet(Collections.emptySet());

  // Membership tests, made per decision, go to the set itself rather than through the
  // unmodifiable view handed out by elements().
  private final Set<Object> set;
  private final Set<Object> elements;

  private CedarSet(Set<Object> set) {
    this.set = set;
    this.elements = Collections.unmodifiableSet(set);
  }

  /**
   * Wraps a set that the caller hands over and never changes again.
   *
   * @param elements the elements
   * @return the set value
   */
  public static CedarSet of(Set<Object> elements) {
    return elements.isEmpty() ? EMPTY : new CedarSet(elements);
  }

  /**
   * Copies elements into a new set value.
   *
   * @param elements the elements
   * @return the set value
   */
  public static CedarSet copyOf(Iterable<?> elements) {
    Set<Object> s = new HashSet<>();
    for (Object e : elements) {
      s.add(e);
    }
    return of(s);
  }

  /** @return the elements, unmodifiable */
  public Set<Object> elements() {
    return elements;
  }

  /** @return the number of elements */
  public int size() {
    return set.size();
  }

  /**
   * @param v a value
   * @return true if the set holds it
   */
  public boolean contains(Object v) {
    return set.contains(v);
  }

  @Override
  public Iterator<Object> iterator() {
    return elements.iterator();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CedarSet && ((CedarSet) o).elements.equals(elements);
  }

  @Override
  public int hashCode() {
    return elements.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    boolean first = true;
    for (Object e : elements) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(Values.render(e));
    }
    return sb.append(']').toString();
  }
}
