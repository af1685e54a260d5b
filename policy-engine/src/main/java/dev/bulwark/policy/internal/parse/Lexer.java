/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.parse;

import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.internal.json.JsonReader;
import java.util.Arrays;

/**
 * Splits Cedar policy text into tokens; one instance per parse, single-threaded. Tokens are kept in
 * parallel int arrays (kind, start, end) so that a large policy file costs no per-token object.
 */
final class Lexer {
  static final int EOF = 0;
  static final int IDENT = 1;
  static final int STR = 2;
  static final int NUM = 3;
  static final int SLOT = 4;
  static final int LPAREN = 5;
  static final int RPAREN = 6;
  static final int LBRACK = 7;
  static final int RBRACK = 8;
  static final int LBRACE = 9;
  static final int RBRACE = 10;
  static final int COMMA = 11;
  static final int SEMI = 12;
  static final int COLON = 13;
  static final int DCOLON = 14;
  static final int DOT = 15;
  static final int AT = 16;
  static final int EQEQ = 17;
  static final int NEQ = 18;
  static final int LT = 19;
  static final int LE = 20;
  static final int GT = 21;
  static final int GE = 22;
  static final int ASSIGN = 23;
  static final int AND = 24;
  static final int OR = 25;
  static final int BANG = 26;
  static final int PLUS = 27;
  static final int MINUS = 28;
  static final int STAR = 29;
  static final int SLASH = 30;
  static final int PERCENT = 31;

  final String src;
  int[] kind = new int[64];
  int[] start = new int[64];
  int[] end = new int[64];
  int count;

  Lexer(String src) {
    this.src = src;
  }

  void run() throws PolicyParseException {
    int i = 0;
    int n = src.length();
    while (true) {
      // skip whitespace and comments
      while (i < n) {
        char c = src.charAt(i);
        if (isWhiteSpace(c)) {
          i++;
        } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
          while (i < n && src.charAt(i) != '\n') {
            i++;
          }
        } else {
          break;
        }
      }
      if (i >= n) {
        add(EOF, n, n);
        return;
      }
      char c = src.charAt(i);
      int s = i;
      if (isIdentStart(c)) {
        i++;
        while (i < n && isIdentPart(src.charAt(i))) {
          i++;
        }
        add(IDENT, s, i);
      } else if (c >= '0' && c <= '9') {
        while (i < n && src.charAt(i) >= '0' && src.charAt(i) <= '9') {
          i++;
        }
        add(NUM, s, i);
      } else if (c == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw JsonReader.errorAt(src, s, "unterminated string literal");
          }
          char d = src.charAt(i);
          if (d == '\\') {
            i += 2;
          } else if (d == '"') {
            i++;
            break;
          } else {
            i++;
          }
        }
        if (i > n) {
          throw JsonReader.errorAt(src, s, "unterminated string literal");
        }
        add(STR, s, i);
      } else if (c == '?') {
        i++;
        while (i < n && isIdentPart(src.charAt(i))) {
          i++;
        }
        if (i == s + 1) {
          throw JsonReader.errorAt(src, s, "unexpected '?'");
        }
        add(SLOT, s, i);
      } else {
        char d = i + 1 < n ? src.charAt(i + 1) : '\0';
        int k;
        int len = 1;
        switch (c) {
          case '(':
            k = LPAREN;
            break;
          case ')':
            k = RPAREN;
            break;
          case '[':
            k = LBRACK;
            break;
          case ']':
            k = RBRACK;
            break;
          case '{':
            k = LBRACE;
            break;
          case '}':
            k = RBRACE;
            break;
          case ',':
            k = COMMA;
            break;
          case ';':
            k = SEMI;
            break;
          case '.':
            k = DOT;
            break;
          case '@':
            k = AT;
            break;
          case '+':
            k = PLUS;
            break;
          case '-':
            k = MINUS;
            break;
          case '*':
            k = STAR;
            break;
          case '/':
            k = SLASH;
            break;
          case '%':
            k = PERCENT;
            break;
          case ':':
            if (d == ':') {
              k = DCOLON;
              len = 2;
            } else {
              k = COLON;
            }
            break;
          case '=':
            if (d == '=') {
              k = EQEQ;
              len = 2;
            } else {
              k = ASSIGN;
            }
            break;
          case '!':
            if (d == '=') {
              k = NEQ;
              len = 2;
            } else {
              k = BANG;
            }
            break;
          case '<':
            if (d == '=') {
              k = LE;
              len = 2;
            } else {
              k = LT;
            }
            break;
          case '>':
            if (d == '=') {
              k = GE;
              len = 2;
            } else {
              k = GT;
            }
            break;
          case '&':
            if (d == '&') {
              k = AND;
              len = 2;
              break;
            }
            throw JsonReader.errorAt(src, s, "unexpected '&', did you mean '&&'?");
          case '|':
            if (d == '|') {
              k = OR;
              len = 2;
              break;
            }
            throw JsonReader.errorAt(src, s, "unexpected '|', did you mean '||'?");
          default:
            throw JsonReader.errorAt(src, s, "unexpected character");
        }
        i += len;
        add(k, s, i);
      }
    }
  }

  private void add(int k, int s, int e) {
    if (count == kind.length) {
      int cap = count * 2;
      kind = Arrays.copyOf(kind, cap);
      start = Arrays.copyOf(start, cap);
      end = Arrays.copyOf(end, cap);
    }
    kind[count] = k;
    start[count] = s;
    end[count] = e;
    count++;
  }

  /**
   * Unicode's White_Space property, which Cedar's lexer (a Rust regex {@code \\s}) skips; Java's
   * {@link Character#isWhitespace} differs (it omits no-break spaces and includes U+001C..1F).
   */
  static boolean isWhiteSpace(char c) {
    switch (c) {
      case ' ':
      case '\t':
      case '\n':
      case '\u000B':
      case '\f':
      case '\r':
      case '\u0085':
      case '\u00A0':
      case '\u1680':
      case '\u2028':
      case '\u2029':
      case '\u202F':
      case '\u205F':
      case '\u3000':
        return true;
      default:
        return c >= '\u2000' && c <= '\u200A';
    }
  }

  static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }
}
