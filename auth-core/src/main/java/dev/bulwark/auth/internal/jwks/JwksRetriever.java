/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * One HTTP GET of a JWKS document, with connect and read timeouts and a size limit, and a short
 * description of why a GET failed. Stateless apart from its settings; thread-safe.
 *
 * <p>The status is read before the body, so a non-2xx answer is reported by its code and no byte of
 * its body is read. (The JDK's own error for it, from {@code getInputStream}, quotes the whole URL,
 * query included, which may carry a credential.) Redirects are not followed, and the connection is
 * closed after each fetch: a fetch every few minutes gains nothing from keep-alive, and a
 * kept-alive connection with an unfinished body is drained by the JDK on another thread instead of
 * being closed.
 */
final class JwksRetriever {
  private static final int READ_CHUNK = 8192;

  private final int timeoutMillis;
  private final int sizeLimit;

  JwksRetriever(int timeoutMillis, int sizeLimit) {
    this.timeoutMillis = timeoutMillis;
    this.sizeLimit = sizeLimit;
  }

  /**
   * A failed fetch whose message is a short description safe for logs and health views: a status, a
   * limit, never the body, never the URI.
   */
  static final class FetchFailure extends IOException {
    private static final long serialVersionUID = 1L;

    FetchFailure(String description) {
      super(description, null);
    }
  }

  /**
   * The body of a 2xx answer to a GET of {@code url}.
   *
   * @throws FetchFailure for a non-2xx status or a body over the size limit
   * @throws IOException for a connection, TLS or timeout failure (see {@link #describe})
   */
  byte[] retrieve(URL url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    try {
      c.setConnectTimeout(timeoutMillis);
      c.setReadTimeout(timeoutMillis);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setRequestProperty("Connection", "close");
      c.setRequestProperty("Accept", "application/jwk-set+json, application/json");
      int status = c.getResponseCode();
      if (status < 200 || status > 299) {
        throw new FetchFailure(statusDescription(status, c.getResponseMessage()));
      }
      long declared = c.getContentLengthLong();
      if (declared > sizeLimit) {
        throw new FetchFailure(tooLarge());
      }
      try (InputStream in = c.getInputStream()) {
        return readBounded(in);
      }
    } finally {
      c.disconnect();
    }
  }

  private byte[] readBounded(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[READ_CHUNK];
    int n;
    while ((n = in.read(chunk)) >= 0) {
      if (out.size() + n > sizeLimit) {
        // Stop at the limit: the rest of an oversize body is never read.
        throw new FetchFailure(tooLarge());
      }
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }

  private String tooLarge() {
    return "response larger than the size limit of " + sizeLimit + " bytes";
  }

  /** {@code HTTP 500 Internal Server Error}; the reason phrase made printable and cut short. */
  static String statusDescription(int status, String reason) {
    StringBuilder sb = new StringBuilder("HTTP ").append(status);
    if (reason != null && !reason.isBlank()) {
      // The server's text: control characters replaced, cut at 64 characters.
      sb.append(' ').append(JwksDocument.printable(reason));
    }
    if (status >= 300 && status <= 399) {
      sb.append(" (redirects are not followed)");
    }
    return sb.toString();
  }

  /**
   * A short description of why a fetch failed, from the exception the fetch threw: its status, the
   * limit it broke, or the kind of network failure. Never an exception's own message, which may
   * quote the URI (query included) or the server's text.
   */
  String describe(Throwable e) {
    if (e instanceof FetchFailure) {
      return e.getMessage();
    }
    if (e instanceof SocketTimeoutException) {
      String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
      return (m.startsWith("connect") ? "connect timed out after " : "read timed out after ")
          + timeoutMillis
          + " ms";
    }
    if (e instanceof SSLHandshakeException) {
      return "TLS handshake failed (SSLHandshakeException)";
    }
    if (e instanceof SSLException) {
      return "TLS failure (" + e.getClass().getSimpleName() + ")";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return "could not connect (" + e.getClass().getSimpleName() + ")";
    }
    if (e instanceof IOException) {
      return "I/O error (" + e.getClass().getSimpleName() + ")";
    }
    return "unexpected error (" + (e == null ? "unknown" : e.getClass().getSimpleName()) + ")";
  }
}
