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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    return HeapSample.parse(metrics());
  }

  /**
   * The server's {@code /metrics} page in Prometheus's text format, one request outside the
   * measured connections.
   *
   * @throws IOException if it cannot be read
   */
  default String metrics() throws IOException {
    URI uri = URI.create("http://" + host() + ":" + port() + "/metrics");
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(5000);
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }

  /**
   * The server's Bulwark meters that the report compares with the original platform's figures: the
   * verified-token cache's gets, the stores' query-cache gets, the token cache's memory as a pool,
   * and the attempts and decisions, each sample line's name and labels mapped to its value.
   * Counters are totals since the server started.
   *
   * @throws IOException if {@code /metrics} cannot be read
   */
  default Map<String, Double> reportedMeters() throws IOException {
    Map<String, Double> out = new TreeMap<>();
    for (String line : metrics().split("\n", -1)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      for (String prefix : REPORTED_METERS) {
        if (line.startsWith(prefix)) {
          int end = line.lastIndexOf('}');
          int space = line.indexOf(' ', end < 0 ? 0 : end);
          out.put(line.substring(0, space), HeapSample.value(line));
          break;
        }
      }
    }
    return out;
  }

  /** The meter name prefixes {@link #reportedMeters()} keeps. */
  List<String> REPORTED_METERS =
      List.of(
          "bulwark_auth_token_cache_gets_total",
          "bulwark_auth_token_cache_size",
          "cache_gets_total",
          "bulwark_db_cache_negative_hits_total",
          "bulwark_db_query_seconds",
          "bulwark_memory_pool_",
          "bulwark_policy_decisions_total");

  /**
   * The server's heap at one moment, from Micrometer's JVM meters.
   *
   * @param usedBytes the sum of {@code jvm_memory_used_bytes} over the heap's pools: a sawtooth
   *     that each young collection cuts, so samples taken every few seconds alias it
   * @param oldGenBytes the old generation's {@code jvm_memory_used_bytes} (G1's {@code Old Gen}, or
   *     {@code Tenured Gen}): it grows only by what survives young collections, so a rise over a
   *     long run is what a leak would show
   */
  record HeapSample(long usedBytes, long oldGenBytes) {
    /** Reads the heap pools from Prometheus's text format. */
    static HeapSample parse(String prometheus) {
      double used = 0;
      double old = 0;
      for (String line : prometheus.split("\n", -1)) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          used += value(line);
          if (line.contains("Old Gen\"") || line.contains("Tenured Gen\"")) {
            old += value(line);
          }
        }
      }
      return new HeapSample((long) used, (long) old);
    }

    static double value(String line) {
      int end = line.lastIndexOf('}');
      String rest = line.substring(end < 0 ? line.indexOf(' ') : end + 1).trim();
      int space = rest.indexOf(' ');
      return Double.parseDouble(space < 0 ? rest : rest.substring(0, space));
    }
  }
}
