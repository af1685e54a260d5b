/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of a load test run, from the command line ({@link #parse}). Immutable.
 *
 * @param scenarios the scenarios searched, in order
 * @param p99BoundNanos a passing step's P99 bound
 * @param warmup each step's warm-up, not recorded
 * @param stepDuration each step's measured phase, at most
 * @param maxRequests each step's measured requests, at most
 * @param maxTokens the single-use tokens minted for one step of scenario (e), warm-up included
 * @param startRate the first rate of every scenario but (e)
 * @param rs256StartRate the first rate of scenario (e)
 * @param growth the factor between rates until a step fails
 * @param precision the search ends when failure and pass are this fraction apart
 * @param maxSteps the most steps of one search
 * @param minRate no step below this rate
 * @param maxRate no step above this rate
 * @param connections the keep-alive connections
 * @param requestTimeoutMillis a response slower than this is an error
 * @param sustained how long the sustained run lasts, zero for none
 * @param sustainedScenario the sustained run's scenario
 * @param sustainedFraction the sustained rate as a fraction of that scenario's highest rate
 * @param sustainedRate the sustained rate, overriding the fraction when positive
 * @param interval the sustained run's reporting interval
 * @param outDir where the JSON goes
 * @param inProcess whether the server runs in the generator's JVM
 * @param serverJvmArgs the server JVM's options
 * @param serverArgs more options of the server's {@code Main}, e.g. {@code --token-cache-off-heap}
 * @param gitCommit the commit measured
 * @param commandLine the arguments as given
 */
record Options(
    List<Scenario> scenarios,
    long p99BoundNanos,
    Duration warmup,
    Duration stepDuration,
    long maxRequests,
    long maxTokens,
    double startRate,
    double rs256StartRate,
    double growth,
    double precision,
    int maxSteps,
    double minRate,
    double maxRate,
    int connections,
    int requestTimeoutMillis,
    Duration sustained,
    Scenario sustainedScenario,
    double sustainedFraction,
    double sustainedRate,
    Duration interval,
    Path outDir,
    boolean inProcess,
    List<String> serverJvmArgs,
    List<String> serverArgs,
    String gitCommit,
    List<String> commandLine) {

  /** The default P99 bound, the original's P99, in milliseconds: {@value}. */
  static final double DEFAULT_P99_BOUND_MILLIS = 2.4;

  /** The usage text. */
  static final String USAGE =
      String.join(
          "\n",
          "usage: load-test [options]",
          "  --scenarios a,b,c,d,e     scenarios to search (a public, b cached JWT, c cached JWT +"
              + " Cedar,",
          "                            d API key + Cedar, e new RS256 JWT each request)",
          "  --p99-bound-ms 2.4        a step passes with no error and P99 at most this",
          "  --warmup 2s               each step's unrecorded warm-up",
          "  --step-duration 5s        each step's measured phase",
          "  --max-requests 1000000    each step's measured requests, at most",
          "  --max-tokens 60000        RS256 tokens minted per step of (e), warm-up included",
          "  --start-rate 4000         first rate (req/s) of a to d",
          "  --rs256-start-rate 1000   first rate of e",
          "  --growth 1.5 --precision 0.05 --max-steps 12 --min-rate 50 --max-rate 200000",
          "  --connections 32          keep-alive connections, one request in flight on each",
          "  --request-timeout 10s     a slower response is an error",
          "  --sustained 0s            sustained run's duration (10m for the full run), 0 for none",
          "  --sustained-scenario c    --sustained-fraction 0.8 of its highest rate,"
              + " or --sustained-rate R",
          "  --interval 10s            sustained run's reporting interval",
          "  --out docs/bench/e2e      where the JSON goes",
          "  --server child-process    or in-process (one JVM: no server CPU apart)",
          "  --server-jvm-args \"-Xms1g -Xmx1g\"",
          "  --server-args \"--token-cache-off-heap 268435456\"   more options of the server's Main",
          "  --git-commit SHA          recorded in the JSON",
          "  --quick                   a short smoke run: short steps, low rates, few steps");

  /**
   * Reads the options; {@code --quick} changes the defaults, options given override them.
   *
   * @param args the command line
   * @return the options
   * @throws IllegalArgumentException naming an unknown option, a missing value or a bad one
   */
  static Options parse(String... args) {
    Map<String, String> given = new LinkedHashMap<>();
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--quick")) {
        quick = true;
        continue;
      }
      if (!a.startsWith("--") || !KNOWN.contains(a.substring(2))) {
        throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      given.put(a.substring(2), args[++i]);
    }
    Map<String, String> v = new LinkedHashMap<>(quick ? QUICK : Map.of());
    v.putAll(given);
    List<Scenario> scenarios = new ArrayList<>();
    for (String s : get(v, "scenarios", "a,b,c,d,e").split(",", -1)) {
      scenarios.add(Scenario.parse(s.trim()));
    }
    String server = get(v, "server", "child-process");
    if (!server.equals("child-process") && !server.equals("in-process")) {
      throw new IllegalArgumentException(
          "server must be child-process or in-process, was " + server);
    }
    String jvmArgs = get(v, "server-jvm-args", "-Xms1g -Xmx1g").trim();
    String serverArgs = get(v, "server-args", "").trim();
    return new Options(
        List.copyOf(scenarios),
        (long) (positive(v, "p99-bound-ms", DEFAULT_P99_BOUND_MILLIS) * 1e6),
        duration(v, "warmup", "2s"),
        duration(v, "step-duration", "5s"),
        (long) positive(v, "max-requests", 1_000_000),
        (long) positive(v, "max-tokens", 60_000),
        positive(v, "start-rate", 4000),
        positive(v, "rs256-start-rate", 1000),
        positive(v, "growth", 1.5),
        positive(v, "precision", 0.05),
        (int) positive(v, "max-steps", 12),
        positive(v, "min-rate", 50),
        positive(v, "max-rate", 200_000),
        (int) positive(v, "connections", 32),
        (int) duration(v, "request-timeout", "10s").toMillis(),
        duration(v, "sustained", "0s"),
        Scenario.parse(get(v, "sustained-scenario", "c")),
        positive(v, "sustained-fraction", 0.8),
        Double.parseDouble(get(v, "sustained-rate", "0")),
        duration(v, "interval", "10s"),
        Path.of(get(v, "out", "docs/bench/e2e")),
        server.equals("in-process"),
        jvmArgs.isEmpty() ? List.of() : Arrays.asList(jvmArgs.split("\\s+")),
        serverArgs.isEmpty() ? List.of() : Arrays.asList(serverArgs.split("\\s+")),
        get(v, "git-commit", "unknown"),
        List.of(args));
  }

  private static final List<String> KNOWN =
      List.of(
          "scenarios",
          "p99-bound-ms",
          "warmup",
          "step-duration",
          "max-requests",
          "max-tokens",
          "start-rate",
          "rs256-start-rate",
          "growth",
          "precision",
          "max-steps",
          "min-rate",
          "max-rate",
          "connections",
          "request-timeout",
          "sustained",
          "sustained-scenario",
          "sustained-fraction",
          "sustained-rate",
          "interval",
          "out",
          "server",
          "server-jvm-args",
          "server-args",
          "git-commit");

  /** The defaults of {@code --quick}: a smoke run of a minute or two, figures not to be quoted. */
  private static final Map<String, String> QUICK =
      Map.of(
          "warmup", "300ms",
          "step-duration", "1s",
          "start-rate", "1000",
          "rs256-start-rate", "300",
          "growth", "2",
          "max-steps", "3",
          "max-tokens", "3000",
          "interval", "2s",
          "server-jvm-args", "-Xms256m -Xmx256m");

  /** The first rate of a scenario's search. */
  double startRate(Scenario s) {
    return s.singleUseCredentials() ? Math.min(rs256StartRate, maxRate) : startRate;
  }

  /** The settings as JSON fields. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scenarios", scenarios.stream().map(Scenario::label).toList());
    m.put("server_args", serverArgs);
    m.put("p99_bound_ms", p99BoundNanos / 1e6);
    m.put("warmup_s", warmup.toMillis() / 1e3);
    m.put("step_duration_s", stepDuration.toMillis() / 1e3);
    m.put("max_requests", maxRequests);
    m.put("max_tokens", maxTokens);
    m.put("start_rate", startRate);
    m.put("rs256_start_rate", rs256StartRate);
    m.put("growth", growth);
    m.put("precision", precision);
    m.put("max_steps", maxSteps);
    m.put("connections", connections);
    m.put("request_timeout_ms", requestTimeoutMillis);
    m.put("sustained_s", sustained.toMillis() / 1e3);
    m.put("sustained_scenario", sustainedScenario.label());
    m.put("sustained_fraction", sustainedFraction);
    m.put("sustained_rate", sustainedRate);
    m.put("interval_s", interval.toMillis() / 1e3);
    return m;
  }

  private static String get(Map<String, String> v, String key, String dflt) {
    return v.getOrDefault(key, dflt);
  }

  private static double positive(Map<String, String> v, String key, double dflt) {
    String s = v.get(key);
    if (s == null) {
      return dflt;
    }
    double d;
    try {
      d = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a number, was \"" + s + "\"", e);
    }
    if (!(d > 0) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("--" + key + " must be positive, was " + s);
    }
    return d;
  }

  /**
   * A duration such as {@code 500ms}, {@code 5s}, {@code 10m}.
   *
   * @throws IllegalArgumentException for anything else
   */
  static Duration duration(Map<String, String> v, String key, String dflt) {
    String s = v.getOrDefault(key, dflt).trim().toLowerCase(Locale.ROOT);
    try {
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      } else if (s.endsWith("s")) {
        return Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1e3));
      } else if (s.endsWith("m")) {
        return Duration.ofSeconds((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 60));
      }
    } catch (NumberFormatException e) {
      // Falls through to the message below.
    }
    throw new IllegalArgumentException(
        "--" + key + " must be a duration such as 500ms, 5s or 10m, was \"" + s + "\"");
  }
}
