/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.json;

import dev.bulwark.policy.PolicyParseException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader; each instance parses one document on one thread.
 *
 * <p>Objects become unmodifiable {@link LinkedHashMap}s (a duplicate key is an error, since Cedar's
 * readers reject them too), arrays unmodifiable lists, integers that fit a signed 64-bit {@link
 * Long}, other numbers {@link BigDecimal}, {@code null} {@link #NULL}. Errors carry the line and
 * column and the offending text. Nesting depth and input length are bounded so that no input can
 * exhaust the stack or memory; the parser is recursive but the depth bound keeps it far from the
 * thread's stack limit.
 */
public final class JsonReader {
  /** The JSON {@code null}. */
  public static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  /** Default maximum nesting depth of arrays and objects. */
  public static final int DEFAULT_MAX_DEPTH = 512;

  /** Default maximum input length, in chars. */
  public static final int DEFAULT_MAX_LENGTH = 64 * 1024 * 1024;

  private final String in;
  private final int maxDepth;
  private final Map<Object, Integer> positions;
  private int pos;

  private JsonReader(String in, int maxDepth, Map<Object, Integer> positions) {
    this.in = in;
    this.maxDepth = maxDepth;
    this.positions = positions;
  }

  /**
   * Parses one JSON document with the default limits, recording the offset at which each object and
   * array starts, so that later semantic errors can name a line and column.
   *
   * @param text the document
   * @param positions receives, for each object and array (by identity), its start offset; pass an
   *     {@link java.util.IdentityHashMap}
   * @return the value
   * @throws PolicyParseException if it is not valid JSON or exceeds a limit
   */
  public static Object parse(String text, Map<Object, Integer> positions)
      throws PolicyParseException {
    return parse(text, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH, positions);
  }

  /**
   * Parses one JSON document with the default limits.
   *
   * @param text the document
   * @return the value
   * @throws PolicyParseException if it is not valid JSON or exceeds a limit
   */
  public static Object parse(String text) throws PolicyParseException {
    return parse(text, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH);
  }

  /**
   * Parses one JSON document.
   *
   * @param text the document
   * @param maxDepth the maximum nesting depth
   * @param maxLength the maximum length in chars
   * @return the value
   * @throws PolicyParseException if it is not valid JSON or exceeds a limit
   */
  public static Object parse(String text, int maxDepth, int maxLength) throws PolicyParseException {
    return parse(text, maxDepth, maxLength, null);
  }

  private static Object parse(
      String text, int maxDepth, int maxLength, Map<Object, Integer> positions)
      throws PolicyParseException {
    if (text.length() > maxLength) {
      throw new PolicyParseException(
          "JSON input of " + text.length() + " chars exceeds the limit of " + maxLength);
    }
    JsonReader r = new JsonReader(text, maxDepth, positions);
    r.skipWs();
    Object v = r.value(0);
    r.skipWs();
    if (r.pos < text.length()) {
      throw r.error("unexpected text after the JSON value");
    }
    return v;
  }

  private Object value(int depth) throws PolicyParseException {
    if (pos >= in.length()) {
      throw error("unexpected end of input, expected a value");
    }
    char c = in.charAt(pos);
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return NULL;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character, expected a value");
    }
  }

  private void checkDepth(int depth) throws PolicyParseException {
    if (depth > maxDepth) {
      throw error("JSON nesting deeper than " + maxDepth);
    }
  }

  private Object record(Object container, int start) {
    if (positions != null) {
      positions.put(container, start);
    }
    return container;
  }

  private Object object(int depth) throws PolicyParseException {
    checkDepth(depth);
    int start = pos;
    pos++;
    Map<String, Object> m = new LinkedHashMap<>();
    skipWs();
    if (peek() == '}') {
      pos++;
      return record(Collections.unmodifiableMap(m), start);
    }
    while (true) {
      skipWs();
      if (peek() != '"') {
        throw error("expected a string key");
      }
      int keyPos = pos;
      String key = string();
      skipWs();
      expect(':');
      skipWs();
      Object v = value(depth);
      if (m.putIfAbsent(key, v) != null) {
        pos = keyPos;
        throw error("duplicate key \"" + key + "\"");
      }
      skipWs();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == '}') {
        pos++;
        return record(Collections.unmodifiableMap(m), start);
      } else {
        throw error("expected ',' or '}'");
      }
    }
  }

  private Object array(int depth) throws PolicyParseException {
    checkDepth(depth);
    int start = pos;
    pos++;
    List<Object> l = new ArrayList<>();
    skipWs();
    if (peek() == ']') {
      pos++;
      return record(Collections.unmodifiableList(l), start);
    }
    while (true) {
      skipWs();
      l.add(value(depth));
      skipWs();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == ']') {
        pos++;
        return record(Collections.unmodifiableList(l), start);
      } else {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() throws PolicyParseException {
    int start = pos;
    pos++;
    StringBuilder sb = null;
    int runStart = pos;
    while (true) {
      if (pos >= in.length()) {
        pos = start;
        throw error("unterminated string");
      }
      char c = in.charAt(pos);
      if (c == '"') {
        String s =
            sb == null ? in.substring(runStart, pos) : sb.append(in, runStart, pos).toString();
        pos++;
        return s;
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c == '\\') {
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(in, runStart, pos);
        pos++;
        if (pos >= in.length()) {
          throw error("unterminated escape");
        }
        char e = in.charAt(pos);
        switch (e) {
          case '"':
            sb.append('"');
            break;
          case '\\':
            sb.append('\\');
            break;
          case '/':
            sb.append('/');
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'n':
            sb.append('\n');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'u':
            if (pos + 4 >= in.length()) {
              throw error("truncated \\u escape");
            }
            int cp = 0;
            for (int i = 1; i <= 4; i++) {
              int d = hexDigit(in.charAt(pos + i));
              if (d < 0) {
                throw error("bad hex digit in \\u escape");
              }
              cp = cp * 16 + d;
            }
            pos += 4;
            if (Character.isLowSurrogate((char) cp)) {
              throw error("lone low surrogate in \\u escape");
            }
            if (Character.isHighSurrogate((char) cp)) {
              // A high surrogate must be followed by an escaped low surrogate (RFC 8259 section
              // 7); Cedar's reader (serde_json) rejects a lone one, and so do we.
              int low = -1;
              if (pos + 6 < in.length()
                  && in.charAt(pos + 1) == '\\'
                  && in.charAt(pos + 2) == 'u') {
                low = 0;
                for (int i = 3; i <= 6; i++) {
                  int d = hexDigit(in.charAt(pos + i));
                  if (d < 0) {
                    low = -1;
                    break;
                  }
                  low = low * 16 + d;
                }
              }
              if (low < 0 || !Character.isLowSurrogate((char) low)) {
                throw error("lone high surrogate in \\u escape");
              }
              sb.append((char) cp).append((char) low);
              pos += 6;
              break;
            }
            sb.append((char) cp);
            break;
          default:
            throw error("invalid escape \\" + e);
        }
        pos++;
        runStart = pos;
      } else {
        pos++;
      }
    }
  }

  private Object number() throws PolicyParseException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw error("bad number");
    }
    boolean integral = true;
    if (peek() == '.') {
      integral = false;
      pos++;
      if (!isDigit(peek())) {
        throw error("bad number: digit expected after '.'");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("bad number: digit expected in exponent");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    String text = in.substring(start, pos);
    if (integral && text.length() <= 20) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // out of range: fall through to BigDecimal, which callers reject where a long is needed
      }
    }
    if (text.length() > 400) {
      pos = start;
      throw error("number literal too long");
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      // An exponent beyond BigDecimal's int scale (1E12345678901): the grammar allows it, the
      // value is out of every range a Cedar input can use.
      pos = start;
      throw error("number out of range");
    }
  }

  /**
   * The value of an ASCII hex digit, or -1. Not {@link Character#digit(char, int)}: that also takes
   * the fullwidth and other Unicode digits and letters (U+FF10 is 0, U+FF21 is 10), which RFC
   * 8259's HEXDIG does not, and another reader would refuse or read differently.
   */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void literal(String word) throws PolicyParseException {
    if (!in.startsWith(word, pos)) {
      throw error("unexpected word, expected " + word);
    }
    pos += word.length();
  }

  private void expect(char c) throws PolicyParseException {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    return pos < in.length() ? in.charAt(pos) : '\0';
  }

  private void skipWs() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private PolicyParseException error(String message) {
    return errorAt(in, pos, message);
  }

  /**
   * Builds an error at an offset of a text, with line, column and the offending text.
   *
   * @param text the whole input
   * @param offset the offset of the error
   * @param message what was wrong
   * @return the exception
   */
  public static PolicyParseException errorAt(String text, int offset, String message) {
    int line = 1;
    int lineStart = 0;
    int end = Math.min(offset, text.length());
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = end - lineStart + 1;
    String near;
    if (offset >= text.length()) {
      near = "end of input";
    } else {
      int stop = offset;
      while (stop < text.length()
          && stop - offset < 20
          && !Character.isWhitespace(text.charAt(stop))) {
        stop++;
      }
      if (stop == offset) {
        stop = offset + 1;
      }
      near = "'" + text.substring(offset, stop) + "'";
    }
    return new PolicyParseException(message + " at " + near, line, column);
  }
}
