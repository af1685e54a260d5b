/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The encoded HTTP/1.1 request of each index of a step. Every request is encoded before the step
 * starts, so the measured loop only looks one up. Thread-safe: read by the sender only, after it
 * was built.
 */
@FunctionalInterface
interface RequestSource {
  /**
   * The request of index {@code k}.
   *
   * @param k from 0 to the step's total requests, exclusive
   * @return the bytes to write; not to be modified
   */
  byte[] request(long k);

  /** The same request every time. */
  static RequestSource fixed(byte[] request) {
    return k -> request;
  }

  /**
   * One request per index, each used once (a request with a single-use credential).
   *
   * @throws IndexOutOfBoundsException from {@link #request} beyond the list
   */
  static RequestSource each(List<byte[]> requests) {
    byte[][] array = requests.toArray(new byte[0][]);
    return k -> array[Math.toIntExact(k)];
  }

  /**
   * {@code GET path} with a {@code Host} header and, unless null, an {@code Authorization} header;
   * HTTP/1.1, so the connection stays open.
   */
  static byte[] get(String host, int port, String path, String authorization) {
    StringBuilder b =
        new StringBuilder(160 + (authorization == null ? 0 : authorization.length()))
            .append("GET ")
            .append(path)
            .append(" HTTP/1.1\r\nHost: ")
            .append(host)
            .append(':')
            .append(port)
            .append("\r\n");
    if (authorization != null) {
      b.append("Authorization: ").append(authorization).append("\r\n");
    }
    return b.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }
}
