/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

import java.sql.SQLException;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps JDBC passwords out of text: JDBC URLs for display, and drivers' exception messages, which
 * may echo a URL that carries a password. Stateless; safe from any thread.
 */
public final class Secrets {
  /** What replaces a secret. */
  public static final String MASK = "<masked>";

  // password=... in a PostgreSQL query string (&-separated) or an H2 URL (;-separated).
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password|pwd)=[^&;\\s]*");
  // user:password@ in a URL's authority.
  private static final Pattern USER_INFO = Pattern.compile("//([^/@:\\s]*):[^/@\\s]*@");

  private Secrets() {}

  /** {@code url} with any password in it masked. */
  public static String redactUrl(String url) {
    if (url == null) {
      return null;
    }
    String s = URL_PASSWORD.matcher(url).replaceAll("$1=" + Matcher.quoteReplacement(MASK));
    return USER_INFO.matcher(s).replaceAll("//$1:" + Matcher.quoteReplacement(MASK) + "@");
  }

  /** {@code text} with each of {@code secrets} (those non-empty) and URL passwords masked. */
  public static String redact(String text, Collection<String> secrets) {
    if (text == null) {
      return null;
    }
    String s = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        s = s.replace(secret, MASK);
      }
    }
    return redactUrl(s);
  }

  /**
   * A copy of {@code e}'s chain whose messages are redacted, each link an {@link SQLException} with
   * the original's SQL state, vendor code, class name (in the message) and stack trace: what a log
   * needs to find the fault, without the password a driver may have echoed.
   */
  public static SQLException sanitized(Throwable e, Collection<String> secrets) {
    if (e == null) {
      return null;
    }
    SQLException cause = sanitized(e.getCause() == e ? null : e.getCause(), secrets);
    String state = e instanceof SQLException s ? s.getSQLState() : null;
    int code = e instanceof SQLException s ? s.getErrorCode() : 0;
    SQLException copy =
        new SQLException(
            e.getClass().getName() + ": " + redact(String.valueOf(e.getMessage()), secrets),
            state,
            code,
            cause);
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }
}
