/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.value;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable, thread-safe Cedar record value: attribute names to Cedar values. Equality is by
 * attribute set and values.
 */
public final class CedarRecord {
  /** The empty record. */
  public static final CedarRecord EMPTY = new CedarRecord(Collections.emptyMap());

  // Lookups, which every attribute access of every decision makes, go to the map itself rather
  // than through the unmodifiable view handed out by attributes().
  private final Map<String, Object> map;
  private final Map<String, Object> attributes;

  private CedarRecord(Map<String, Object> map) {
    this.map = map;
    this.attributes = Collections.unmodifiableMap(map);
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

  /** @return the number of attributes */
  public int size() {
    return map.size();
  }

  /** @return the attributes, unmodifiable */
  public Map<String, Object> attributes() {
    return attributes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CedarRecord && ((CedarRecord) o).attributes.equals(attributes);
  }

  @Override
  public int hashCode() {
    return attributes.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, Object> e : new TreeMap<>(attributes).entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(Values.quote(e.getKey())).append(": ").append(Values.render(e.getValue()));
    }
    return sb.append('}').toString();
  }
}
