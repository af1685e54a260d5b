/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The text form of a list of policy ids in the decision log: the ids joined with commas, each id
 * with every backslash and comma escaped by a backslash ({@code a\,b} is the one id {@code a,b}),
 * and NULL for no ids. A Cedar policy id is any string, so without the escape an id holding a comma
 * would read back as two. Stateless; safe from any thread.
 */
public final class PolicyIdList {
  private PolicyIdList() {}

  /** The column value of {@code ids}: null when there are none. */
  public static String join(List<String> ids) {
    if (ids.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ids.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String id = ids.get(i);
      for (int j = 0; j < id.length(); j++) {
        char c = id.charAt(j);
        if (c == ',' || c == '\\') {
          sb.append('\\');
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * The ids a column value holds: empty for null.
   *
   * @throws IllegalArgumentException if the text ends in a lone backslash
   */
  public static List<String> split(String text) {
    List<String> ids = new ArrayList<>();
    if (text == null) {
      return ids;
    }
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (++i == text.length()) {
          throw new IllegalArgumentException(
              "policy id list ends in an unpaired backslash at index " + (i - 1));
        }
        id.append(text.charAt(i));
      } else if (c == ',') {
        ids.add(id.toString());
        id.setLength(0);
      } else {
        id.append(c);
      }
    }
    ids.add(id.toString());
    return ids;
  }
}
