/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

import dev.bulwark.policy.EntityUid;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes and reads the slot values of a template link as {@code bulwark_policy_links.slot_values}
 * holds them: a JSON object such as {@code {"?principal": {"type": "User", "id": "alice"}}}.
 * Stateless. The reader accepts exactly that shape (strings, objects, whitespace) and refuses
 * anything else, naming where.
 */
public final class SlotValuesJson {
  private SlotValuesJson() {}

  /**
   * Writes slot values, keys sorted.
   *
   * @param values the values by slot
   * @return the JSON text
   */
  public static String write(Map<String, EntityUid> values) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, EntityUid> e : new TreeMap<>(values).entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      string(e.getKey(), sb);
      sb.append(":{\"type\":");
      string(e.getValue().type(), sb);
      sb.append(",\"id\":");
      string(e.getValue().id(), sb);
      sb.append('}');
    }
    return sb.append('}').toString();
  }

  /**
   * Writes a JSON string literal.
   *
   * @param s the string
   * @param sb the output
   */
  public static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  /**
   * Reads slot values.
   *
   * @param json the text
   * @return the values by slot, in the order written
   * @throws IllegalArgumentException if the text is not an object of slot to {@code {"type": ..,
   *     "id": ..}}, or a type is not a Cedar name
   */
  public static Map<String, EntityUid> read(String json) {
    Reader r = new Reader(json);
    Map<String, EntityUid> out = new LinkedHashMap<>();
    r.expect('{');
    if (!r.take('}')) {
      do {
        String slot = r.string();
        r.expect(':');
        r.expect('{');
        Map<String, String> uid = new LinkedHashMap<>();
        do {
          String k = r.string();
          r.expect(':');
          if (uid.put(k, r.string()) != null) {
            throw r.error("member " + k + " given twice");
          }
        } while (r.take(','));
        r.expect('}');
        if (uid.size() != 2 || !uid.containsKey("type") || !uid.containsKey("id")) {
          throw r.error("a slot value must be {\"type\": .., \"id\": ..}");
        }
        if (out.put(slot, EntityUid.of(uid.get("type"), uid.get("id"))) != null) {
          throw r.error("slot " + slot + " given twice");
        }
      } while (r.take(','));
      r.expect('}');
    }
    r.end();
    return out;
  }

  private static final class Reader {
    private final String s;
    private int i;

    Reader(String s) {
      this.s = s;
    }

    private void skipSpace() {
      while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
    }

    boolean take(char c) {
      skipSpace();
      if (i < s.length() && s.charAt(i) == c) {
        i++;
        return true;
      }
      return false;
    }

    void expect(char c) {
      if (!take(c)) {
        throw error("expected '" + c + "'");
      }
    }

    void end() {
      skipSpace();
      if (i != s.length()) {
        throw error("unexpected text after the object");
      }
    }

    String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        if (i >= s.length()) {
          break;
        }
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw error("short \\u escape");
            }
            try {
              sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            i += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
      }
      throw error("unterminated string");
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("slot values: " + what + " at offset " + i);
    }
  }
}
