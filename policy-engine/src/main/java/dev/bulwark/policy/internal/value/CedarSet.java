/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.value;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable, thread-safe Cedar set value. Elements are Cedar values ({@link Boolean}, {@link
 * Long}, {@link String}, {@code EntityUid}, {@link CedarSet}, {@link CedarRecord} or an extension
 * value); equality is set equality.
 *
 * <p>The elements are held in a sorted array ({@link Values#ORDER}), as Cedar holds them in an
 * ordered tree, and searched by bisection. A hash set would be faster by a constant, but its cost
 * depends on the elements' {@code hashCode}s, which a request chooses: strings made of {@code "Aa"}
 * and {@code "BB"} blocks all share one, and so do records and entity uids built from them, which
 * turns every insertion into a scan of the others. Comparisons cost the same whatever the values
 * are.
 */
public final class CedarSet implements Iterable<Object>, Comparable<CedarSet> {
  /** The empty set. */
  public static final CedarSet EMPTY = new CedarSet(new Object[0]);

  // Sorted by Values.ORDER, without duplicates.
  private final Object[] sorted;
  private final Set<Object> elements;

  private CedarSet(Object[] sorted) {
    this.sorted = sorted;
    this.elements = new View();
  }

  /**
   * Builds a set from elements; duplicates are dropped.
   *
   * @param elements the elements
   * @return the set value
   * @throws IllegalArgumentException if one is not a Cedar value
   */
  public static CedarSet of(Collection<?> elements) {
    return elements.isEmpty() ? EMPTY : ofArray(elements.toArray());
  }

  /**
   * Builds a set from an array of elements that the caller hands over and never uses again;
   * duplicates are dropped.
   *
   * @param elements the elements
   * @return the set value
   * @throws IllegalArgumentException if one is not a Cedar value
   */
  public static CedarSet ofArray(Object[] elements) {
    if (elements.length == 0) {
      return EMPTY;
    }
    Arrays.sort(elements, Values.ORDER);
    int n = 1;
    for (int i = 1; i < elements.length; i++) {
      if (Values.compare(elements[i], elements[n - 1]) != 0) {
        elements[n++] = elements[i];
      }
    }
    return new CedarSet(n == elements.length ? elements : Arrays.copyOf(elements, n));
  }

  /**
   * Copies elements into a new set value.
   *
   * @param elements the elements
   * @return the set value
   * @throws IllegalArgumentException if one is not a Cedar value
   */
  public static CedarSet copyOf(Iterable<?> elements) {
    if (elements instanceof Collection) {
      return of((Collection<?>) elements);
    }
    java.util.List<Object> l = new java.util.ArrayList<>();
    for (Object e : elements) {
      l.add(e);
    }
    return of(l);
  }

  /**
   * @return the elements, unmodifiable, in {@link Values#ORDER}
   */
  public Set<Object> elements() {
    return elements;
  }

  /**
   * @return the number of elements
   */
  public int size() {
    return sorted.length;
  }

  /**
   * @param v a value
   * @return true if the set holds it
   */
  public boolean contains(Object v) {
    int lo = 0;
    int hi = sorted.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Values.compare(sorted[mid], v);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /**
   * Tells whether every element of {@code other} is in this set, by one merge of the two sorted
   * arrays.
   *
   * @param other another set
   * @return true if {@code other} is a subset of this one
   */
  public boolean containsAll(CedarSet other) {
    Object[] a = sorted;
    Object[] b = other.sorted;
    if (b.length > a.length) {
      return false;
    }
    int i = 0;
    for (Object x : b) {
      int c = -1;
      while (i < a.length && (c = Values.compare(a[i], x)) < 0) {
        i++;
      }
      if (c != 0) {
        return false;
      }
      i++;
    }
    return true;
  }

  @Override
  public Iterator<Object> iterator() {
    return elements.iterator();
  }

  /**
   * Orders sets for holding them in other sets: by size, then element by element.
   *
   * @param other another set
   * @return negative, zero or positive
   */
  @Override
  public int compareTo(CedarSet other) {
    if (sorted.length != other.sorted.length) {
      return Integer.compare(sorted.length, other.sorted.length);
    }
    for (int i = 0; i < sorted.length; i++) {
      int c = Values.compare(sorted[i], other.sorted[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof CedarSet && compareTo((CedarSet) o) == 0);
  }

  @Override
  public int hashCode() {
    return elements.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    boolean first = true;
    for (Object e : sorted) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(Values.render(e));
    }
    return sb.append(']').toString();
  }

  /** The elements as an unmodifiable {@link Set}, searched by bisection. */
  private final class View extends AbstractSet<Object> {
    @Override
    public int size() {
      return sorted.length;
    }

    @Override
    public boolean contains(Object o) {
      try {
        return CedarSet.this.contains(o);
      } catch (IllegalArgumentException notACedarValue) {
        return false;
      }
    }

    @Override
    public Iterator<Object> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < sorted.length;
        }

        @Override
        public Object next() {
          if (next >= sorted.length) {
            throw new NoSuchElementException();
          }
          return sorted[next++];
        }
      };
    }
  }
}
