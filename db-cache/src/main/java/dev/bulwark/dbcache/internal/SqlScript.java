/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into statements. A statement ends at a semicolon outside quotes, a
 * {@code --} comment and a PostgreSQL dollar-quoted body ({@code $$ ... $$}), which is how a
 * function's body holds semicolons of its own. Enough for the scripts this module ships, not a
 * general SQL lexer. Stateless.
 */
public final class SqlScript {
  private SqlScript() {}

  /** The statements of {@code script}, without their semicolons, comments or blank ones. */
  public static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int n = script.length();
    int i = 0;
    while (i < n) {
      char ch = script.charAt(i);
      if (ch == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (ch == '\'' || ch == '"') {
        int end = script.indexOf(ch, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quote at offset " + i);
        }
        current.append(script, i, end + 1);
        i = end + 1;
      } else if (ch == '$' && script.startsWith("$$", i)) {
        int end = script.indexOf("$$", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated $$ body at offset " + i);
        }
        current.append(script, i, end + 2);
        i = end + 2;
      } else if (ch == ';') {
        add(out, current);
        i++;
      } else {
        current.append(ch);
        i++;
      }
    }
    add(out, current);
    return out;
  }

  private static void add(List<String> out, StringBuilder current) {
    String s = current.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
    current.setLength(0);
  }
}
