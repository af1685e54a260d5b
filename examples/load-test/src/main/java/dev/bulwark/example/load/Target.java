/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import dev.bulwark.example.http.TokenMint;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The photo service under test, running in this JVM or in a process of its own, with what the
 * generator needs to call it: its address, a mint of tokens it trusts (ES256 and RS256), and a demo
 * API key. Thread-safe.
 */
interface Target extends AutoCloseable {
  /** The server's address. */
  String host();

  /** The server's port. */
  int port();

  /** A mint whose ES256 and RS256 tokens the server accepts. */
  TokenMint tokenMint();

  /** The plaintext of the demo API key of {@code owner} ({@code alice} or {@code bob}). */
  String apiKey(String owner);

  /** The server process's CPU time in nanoseconds, or -1 if it is this JVM. */
  long serverCpuNanos();

  /** Where the server runs, for the report: {@code "in-process"} or {@code "child-process"}. */
  String layout();

  /** Stops the server. */
  @Override
  void close();

  /**
   * The server's heap as its {@code /metrics} shows it, one request outside the measured
   * connections.
   *
   * @return the heap in use and the live data after the last collection
   * @throws IOException if {@code /metrics} cannot be read
   */
  default HeapSample heap() throws IOException {
    URI uri = URI.create("http://" + host() + ":" + port() + "/metrics");
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(5000);
    try (InputStream in = c.getInputStream()) {
      return HeapSample.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } finally {
      c.disconnect();
    }
  }

  /**
   * The server's heap at one moment, from Micrometer's JVM meters.
   *
   * @param usedBytes the sum of {@code jvm_memory_used_bytes} over the heap's pools
   * @param liveDataBytes {@code jvm_gc_live_data_size_bytes}: the old generation after the last
   *     collection, -1 if absent
   */
  record HeapSample(long usedBytes, long liveDataBytes) {
    /** Reads the two meters from Prometheus's text format. */
    static HeapSample parse(String prometheus) {
      double used = 0;
      double live = -1;
      for (String line : prometheus.split("\n", -1)) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          used += value(line);
        } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
          live = value(line);
        }
      }
      return new HeapSample((long) used, (long) live);
    }

    private static double value(String line) {
      int end = line.lastIndexOf('}');
      String rest = line.substring(end < 0 ? line.indexOf(' ') : end + 1).trim();
      int space = rest.indexOf(' ');
      return Double.parseDouble(space < 0 ? rest : rest.substring(0, space));
    }
  }
}
