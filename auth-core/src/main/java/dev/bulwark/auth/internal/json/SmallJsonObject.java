/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An unmodifiable JSON object of at most {@link #MAX_MEMBERS} members, in document order, kept in
 * two arrays. Immutable and thread-safe once built by {@link StrictJson}.
 *
 * <p>Why: a JWT header has about three members and a claims set about eight. A {@code
 * LinkedHashMap} behind an unmodifiable view cost a table, an entry object per member and the view
 * on every uncached token, and its lookups hash; here a lookup compares the key's cached hash with
 * each member's, which for a dozen members is cheaper than a hash table. Larger objects stay in a
 * {@code LinkedHashMap}: the duplicate check while building is pairwise, and a hostile token with
 * thousands of members must not make it quadratic.
 *
 * <p>{@code equals}, {@code hashCode} and {@code toString} are {@link AbstractMap}'s, so this map
 * equals any other map with the same members. Every mutator throws {@link
 * UnsupportedOperationException}.
 */
final class SmallJsonObject extends AbstractMap<String, Object> {
  /** Objects with more members than this are built as a {@code LinkedHashMap} instead. */
  static final int MAX_MEMBERS = 16;

  private final String[] names;
  private final int[] hashes;
  private final Object[] values;
  private final int size;

  /** Takes ownership of the arrays; {@code names[0, size)} are distinct (checked by the caller). */
  SmallJsonObject(String[] names, int[] hashes, Object[] values, int size) {
    this.names = names;
    this.hashes = hashes;
    this.values = values;
    this.size = size;
  }

  /** The index of {@code name} among {@code names[0, size)} with these hashes, or -1. */
  static int indexOf(String[] names, int[] hashes, int size, Object name) {
    if (!(name instanceof String)) {
      return -1;
    }
    int h = name.hashCode();
    for (int i = 0; i < size; i++) {
      if (hashes[i] == h && (names[i] == name || names[i].equals(name))) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(names, hashes, size, key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(names, hashes, size, key) >= 0;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
