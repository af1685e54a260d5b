/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.http;

/**
 * The syntax of an {@code Authorization} header: the RFC 7235 auth-scheme, compared without case
 * for ASCII letters only, and the RFC 6750 {@code b64token} credential. Stateless and thread-safe;
 * no method allocates.
 */
public final class HeaderSyntax {
  private static final boolean[] B64TOKEN = new boolean[128];

  static {
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";
    for (int i = 0; i < chars.length(); i++) {
      B64TOKEN[chars.charAt(i)] = true;
    }
  }

  private HeaderSyntax() {}

  /**
   * Whether {@code s} is {@code asciiExpected}, case-insensitive for ASCII letters only (RFC 7235
   * auth-scheme is a token of ASCII characters): {@link String#equalsIgnoreCase} also folds
   * Unicode, so it would take {@code "Ap\u0130Key"} or {@code "Api\u212Aey"} (Kelvin sign) for
   * {@code ApiKey}.
   */
  public static boolean equalsIgnoreAsciiCase(String s, String asciiExpected) {
    return equalsIgnoreAsciiCase(s, s.length(), asciiExpected);
  }

  /** As {@link #equalsIgnoreAsciiCase(String, String)} for the first {@code length} chars of s. */
  public static boolean equalsIgnoreAsciiCase(String s, int length, String asciiExpected) {
    if (length != asciiExpected.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      char e = asciiExpected.charAt(i);
      if (c != e && !(c < 0x80 && toLowerAscii(c) == toLowerAscii(e))) {
        return false;
      }
    }
    return true;
  }

  private static char toLowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  /**
   * Whether {@code s} is an RFC 6750 {@code b64token}: one or more of {@code A-Z a-z 0-9 - . _ ~ +
   * /}, then any number of {@code =}.
   */
  public static boolean isB64Token(String s) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c >= 128 || !B64TOKEN[c]) {
        break;
      }
      i++;
    }
    if (i == 0) {
      return false;
    }
    while (i < n && s.charAt(i) == '=') {
      i++;
    }
    return i == n;
  }
}
