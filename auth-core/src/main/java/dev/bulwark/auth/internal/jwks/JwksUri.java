/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * Which JWKS URIs an issuer may fetch from, and how a URI is shown in a message without the parts
 * that may carry credentials. Stateless and thread-safe.
 */
public final class JwksUri {
  private JwksUri() {}

  /**
   * Checks that {@code uri} is absolute HTTPS, or HTTP to a loopback host, and carries no user
   * info.
   *
   * @throws IllegalArgumentException naming {@code setting} and the redacted URI otherwise
   */
  public static void requireFetchable(String setting, URI uri) {
    // User info first: an unparsable host hides it from getUserInfo() but not from toString().
    String authority = uri.getRawAuthority();
    if (uri.getRawUserInfo() != null || (authority != null && authority.indexOf('@') >= 0)) {
      throw new IllegalArgumentException(
          setting + " must not carry user info, was " + redacted(uri));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || !(scheme.equals("https") || (scheme.equals("http") && isLoopback(host)))) {
      throw new IllegalArgumentException(
          setting
              + " must be an https URI (http only for a "
              + "loopback host), was "
              + redacted(uri));
    }
  }

  /**
   * The URI for an exception message: user info, query and fragment may carry credentials
   * (passwords, API keys as query parameters), so they are replaced by placeholders.
   */
  public static String redacted(URI uri) {
    StringBuilder sb = new StringBuilder();
    if (uri.getScheme() != null) {
      sb.append(uri.getScheme()).append(':');
    }
    if (uri.isOpaque()) {
      return sb.append("<opaque>").toString();
    }
    String authority = uri.getRawAuthority();
    if (authority != null) {
      int at = authority.lastIndexOf('@');
      sb.append("//").append(at >= 0 ? "<user-info>@" + authority.substring(at + 1) : authority);
    }
    if (uri.getRawPath() != null) {
      sb.append(uri.getRawPath());
    }
    if (uri.getRawQuery() != null) {
      sb.append("?<query>");
    }
    if (uri.getRawFragment() != null) {
      sb.append("#<fragment>");
    }
    return sb.toString();
  }

  /**
   * Whether {@code host} (a URI host, IPv6 literals in brackets) is {@code localhost} or a literal
   * loopback address ({@code 127.0.0.0/8}, {@code ::1}).
   */
  static boolean isLoopback(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses: never resolve a name here (no DNS at configuration time).
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }
}
