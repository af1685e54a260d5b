/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.value;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * An immutable, thread-safe Cedar record value: attribute names to Cedar values. Equality is by
 * attribute set and values.
 */
public final class CedarRecord implements Comparable<CedarRecord> {
  /** The empty record. */
  public static final CedarRecord EMPTY = new CedarRecord(Collections.emptyMap());

  // Lookups, which every attribute access of every decision makes, go to the map itself rather
  // than through the unmodifiable view handed out by attributes().
  private final Map<String, Object> map;
  // The unmodifiable view, made on first use: most records (a request's context) are only read
  // through get() and has(). A race makes two equal views, which is harmless.
  private Map<String, Object> attributes;
  // The attribute names in order, for comparing and printing; computed on first use. A race
  // computes the same array twice, which is harmless.
  private String[] sortedNames;

  private CedarRecord(Map<String, Object> map) {
    this.map = map;
  }

  /**
   * Wraps a map that the caller hands over and never changes again.
   *
   * @param attributes the attributes
   * @return the record
   */
  public static CedarRecord of(Map<String, Object> attributes) {
    return attributes.isEmpty() ? EMPTY : new CedarRecord(attributes);
  }

  /**
   * @param name an attribute name
   * @return its value, or null if absent
   */
  public Object get(String name) {
    return map.get(name);
  }

  /**
   * @param name an attribute name
   * @return true if present
   */
  public boolean has(String name) {
    return map.containsKey(name);
  }

  /**
   * @return the number of attributes
   */
  public int size() {
    return map.size();
  }

  /**
   * @return the attributes, unmodifiable
   */
  public Map<String, Object> attributes() {
    Map<String, Object> a = attributes;
    if (a == null) {
      a = Collections.unmodifiableMap(map);
      attributes = a;
    }
    return a;
  }

  private String[] sortedNames() {
    String[] names = sortedNames;
    if (names == null) {
      names = map.keySet().toArray(new String[0]);
      Arrays.sort(names);
      sortedNames = names;
    }
    return names;
  }

  /**
   * Orders records for holding them in sets: by size, then by attribute names in order, then by the
   * values of those attributes ({@link Values#ORDER}).
   *
   * @param other another record
   * @return negative, zero or positive
   */
  @Override
  public int compareTo(CedarRecord other) {
    if (this == other) {
      return 0;
    }
    if (map.size() != other.map.size()) {
      return Integer.compare(map.size(), other.map.size());
    }
    String[] a = sortedNames();
    String[] b = other.sortedNames();
    for (int i = 0; i < a.length; i++) {
      int c = a[i].compareTo(b[i]);
      if (c != 0) {
        return c;
      }
    }
    for (String k : a) {
      int c = Values.compare(map.get(k), other.map.get(k));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CedarRecord && ((CedarRecord) o).map.equals(map);
  }

  @Override
  public int hashCode() {
    return map.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (String k : sortedNames()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(Values.quote(k)).append(": ").append(Values.render(map.get(k)));
    }
    return sb.append('}').toString();
  }
}
