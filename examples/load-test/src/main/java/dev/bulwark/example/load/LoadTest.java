/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import dev.bulwark.example.http.TokenMint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;

/**
 * The end-to-end load test: for each scenario, a rate search (a priming step, then steps until the
 * highest rate whose P99 stays within the bound is found), then optionally one scenario sustained
 * at a fraction of its highest rate, its latency and the server's heap recorded per interval.
 * Writes one JSON file for the run (rewritten after each scenario, so that a run cut short leaves
 * what it measured) and a summary on the given stream. Not thread-safe.
 */
final class LoadTest {
  /** The target of scenario (c): ten times the original's 5,247 requests a second. */
  static final double TARGET_RATE = 52_470;

  /** The target of scenario (c): P95 at that rate, in milliseconds: {@value}. */
  static final double TARGET_P95_MILLIS = 1.8;

  /** The target of scenario (c): at most this fraction below (a)'s rate: {@value}. */
  static final double TARGET_FRACTION_OF_BASELINE = 0.85;

  /** How long the tokens of the cached scenarios live: longer than any run. */
  private static final Duration CACHED_TOKEN_TTL = Duration.ofHours(2);

  private final Options options;
  private final Target target;
  private final PrintStream out;
  private final FixedRateLoad load;
  private final Map<String, Object> report = new LinkedHashMap<>();
  private final List<Object> scenarioReports = new ArrayList<>();
  private final Map<Scenario, StepResult> best = new LinkedHashMap<>();
  private final Path file;

  LoadTest(Options options, Target target, PrintStream out) {
    this.options = options;
    this.target = target;
    this.out = out;
    this.load =
        new FixedRateLoad(
            new FixedRateLoad.Settings(
                target.host(),
                target.port(),
                options.connections(),
                200,
                options.requestTimeoutMillis(),
                options.requestTimeoutMillis()));
    this.file =
        options
            .outDir()
            .resolve(
                "e2e-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + ".json");
    report.put("kind", "bulwark-e2e-load-test");
    report.put(
        "environment",
        Environment.describe(
            options.gitCommit(),
            options.commandLine(),
            target.layout().equals("in-process") ? List.of() : options.serverJvmArgs()));
    report.put("server_layout", target.layout());
    report.put("settings", options.toMap());
    report.put("scenarios", scenarioReports);
  }

  /** The JSON file of this run. */
  Path file() {
    return file;
  }

  /** The best step of each scenario searched so far. */
  Map<Scenario, StepResult> best() {
    return best;
  }

  /**
   * Runs the rate search of every scenario of the options, then the sustained run if asked.
   *
   * @throws Exception if the server cannot be reached or a file cannot be written
   */
  void runAll() throws Exception {
    for (Scenario s : options.scenarios()) {
      search(s);
    }
    report.put("targets", targets());
    write();
    printTargets();
    if (!options.sustained().isZero()) {
      sustain();
    }
  }

  /**
   * Searches one scenario's highest rate and records it in the report.
   *
   * @return the search's outcome
   * @throws Exception if a step cannot run
   */
  RateSearch.Outcome search(Scenario s) throws Exception {
    out.printf(Locale.ROOT, "%n== %s: GET %s, %s%n", s.label(), s.path(), s.description());
    // A priming step first, at the start rate and not part of the search: the JIT, the caches and
    // the connection pools warm before the first step that counts.
    StepResult priming = step(s, options.startRate(s), options.warmup().multipliedBy(3), null);
    out.println("  priming " + line(priming));
    RateSearch search =
        new RateSearch(
            options.startRate(s),
            options.growth(),
            options.precision(),
            options.maxSteps(),
            options.minRate(),
            options.maxRate(),
            options.p99BoundNanos());
    RateSearch.Outcome outcome =
        search.search(
            rate -> {
              StepResult r = step(s, rate, options.warmup(), null);
              out.println("  step    " + line(r));
              return r;
            });
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scenario", s.label());
    m.put("path", s.path());
    m.put("description", s.description());
    m.put("best", outcome.best().map(LoadTest::stepJson).orElse(null));
    m.put("priming", stepJson(priming));
    m.put("steps", outcome.steps().stream().map(LoadTest::stepJson).toList());
    // Totals since the server started: the report takes each scenario's share as the difference
    // from the scenario before.
    m.put("server_meters_after", target.reportedMeters());
    scenarioReports.add(m);
    outcome.best().ifPresent(b -> best.put(s, b));
    out.println(
        "  highest passing rate: "
            + outcome.best().map(LoadTest::line).orElse("none (every step failed)"));
    write();
    return outcome;
  }

  /** One step of a scenario at a rate, its requests encoded (and its tokens minted) first. */
  StepResult step(Scenario s, double rate, Duration warmup, FixedRateLoad.IntervalListener listener)
      throws IOException, InterruptedException {
    long maxTotal = s.singleUseCredentials() ? options.maxTokens() : Long.MAX_VALUE;
    StepPlan plan =
        StepPlan.of(rate, warmup, options.stepDuration(), options.maxRequests(), maxTotal);
    RequestSource requests = requests(s, plan.totalRequests());
    return load.run(plan, requests, target::serverCpuNanos, 0, listener);
  }

  /**
   * The requests of a scenario. For single-use credentials, {@code count} tokens are minted here,
   * before the step, on every core (the server is idle meanwhile): minting is never inside the
   * measured loop.
   */
  RequestSource requests(Scenario s, long count) {
    String host = target.host();
    int port = target.port();
    TokenMint mint = target.tokenMint();
    return switch (s) {
      case PUBLIC -> RequestSource.fixed(RequestSource.get(host, port, s.path(), null));
      case JWT_AUTHENTICATED, JWT_AUTHORIZED ->
          RequestSource.fixed(
              RequestSource.get(host, port, s.path(), "Bearer " + cachedToken(mint)));
      case API_KEY_AUTHORIZED ->
          RequestSource.fixed(
              RequestSource.get(host, port, s.path(), "ApiKey " + target.apiKey("alice")));
      case RS256_UNCACHED ->
          RequestSource.each(
              IntStream.range(0, Math.toIntExact(count))
                  .parallel()
                  .mapToObj(
                      i ->
                          RequestSource.get(
                              host, port, s.path(), "Bearer " + mint.mintRs256("alice")))
                  .toList());
    };
  }

  private static String cachedToken(TokenMint mint) {
    return mint.mint("alice", List.of(), List.of(), TokenMint.DEFAULT_SCOPES, CACHED_TOKEN_TTL);
  }

  /**
   * Runs the sustained scenario at its rate for the sustained duration, recording each interval.
   *
   * @return the sustained part of the report
   * @throws Exception if the server cannot be reached or a file cannot be written
   */
  Map<String, Object> sustain() throws Exception {
    Scenario s = options.sustainedScenario();
    double rate;
    if (options.sustainedRate() > 0) {
      rate = options.sustainedRate();
    } else if (best.containsKey(s)) {
      rate = best.get(s).rate() * options.sustainedFraction();
    } else {
      throw new IllegalStateException(
          "sustained needs a rate: give --sustained-rate, or search scenario "
              + s.letter()
              + " in the same run");
    }
    out.printf(
        Locale.ROOT,
        "%n== sustained %s at %.0f req/s for %s, intervals of %s%n",
        s.label(),
        rate,
        options.sustained(),
        options.interval());
    StepPlan plan =
        StepPlan.of(rate, options.warmup(), options.sustained(), Long.MAX_VALUE, Long.MAX_VALUE);
    RequestSource requests = requests(s, plan.totalRequests());
    List<Object> intervals = new ArrayList<>();
    Target.HeapSample before = target.heap();
    StepResult r =
        load.run(
            plan,
            requests,
            target::serverCpuNanos,
            options.interval().toNanos(),
            (elapsed, h) -> {
              Map<String, Object> i = new LinkedHashMap<>();
              i.put("elapsed_s", elapsed / 1e9);
              i.put("count", h.getTotalCount());
              i.put("p50_ms", millis(h.getValueAtPercentile(50)));
              i.put("p99_ms", millis(h.getValueAtPercentile(99)));
              i.put("max_ms", millis(h.getMaxValue()));
              try {
                Target.HeapSample heap = target.heap();
                i.put("heap_used_mb", heap.usedBytes() / 1048576.0);
                i.put("old_gen_used_mb", heap.oldGenBytes() / 1048576.0);
              } catch (IOException e) {
                i.put("heap_error", e.getMessage());
              }
              intervals.add(i);
              out.printf(
                  Locale.ROOT,
                  "  %6.0f s  n=%d  p50 %.3f ms  p99 %.3f ms  max %.3f ms  heap %s MB  old gen %s MB%n",
                  elapsed / 1e9,
                  h.getTotalCount(),
                  millis(h.getValueAtPercentile(50)),
                  millis(h.getValueAtPercentile(99)),
                  millis(h.getMaxValue()),
                  i.get("heap_used_mb") == null
                      ? "?"
                      : String.format(Locale.ROOT, "%.0f", (Double) i.get("heap_used_mb")),
                  i.get("old_gen_used_mb") == null
                      ? "?"
                      : String.format(Locale.ROOT, "%.0f", (Double) i.get("old_gen_used_mb")));
            });
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scenario", s.label());
    m.put("duration_s", options.sustained().toMillis() / 1e3);
    m.put("interval_s", options.interval().toMillis() / 1e3);
    m.put("heap_before_used_mb", before.usedBytes() / 1048576.0);
    m.put("overall", stepJson(r));
    m.put("intervals", intervals);
    report.put("sustained", m);
    write();
    out.println("  overall " + line(r));
    return m;
  }

  /** The targets of the issue, judged on what this run measured. */
  Map<String, Object> targets() {
    Map<String, Object> t = new LinkedHashMap<>();
    StepResult c = best.get(Scenario.JWT_AUTHORIZED);
    StepResult a = best.get(Scenario.PUBLIC);
    t.put("c_rate_target", TARGET_RATE);
    t.put("c_p95_target_ms", TARGET_P95_MILLIS);
    if (c != null) {
      t.put("c_rate", c.rate());
      t.put("c_p95_ms", millis(c.percentileNanos(95)));
      t.put(
          "c_meets_rate_and_p95",
          c.rate() >= TARGET_RATE && millis(c.percentileNanos(95)) <= TARGET_P95_MILLIS);
    }
    if (a != null && c != null) {
      t.put("c_fraction_of_a", c.rate() / a.rate());
      t.put("c_within_15_percent_of_a", c.rate() >= TARGET_FRACTION_OF_BASELINE * a.rate());
    }
    return t;
  }

  private void printTargets() {
    out.println();
    out.println("== summary (highest rate with P99 <= " + millis(options.p99BoundNanos()) + " ms)");
    out.printf(
        Locale.ROOT,
        "  %-22s %9s %9s %8s %8s %8s %8s %10s %10s%n",
        "scenario",
        "rate",
        "achieved",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "server us",
        "gen us");
    for (Scenario s : options.scenarios()) {
      StepResult r = best.get(s);
      if (r == null) {
        out.printf(Locale.ROOT, "  %-22s no passing step%n", s.label());
        continue;
      }
      out.printf(
          Locale.ROOT,
          "  %-22s %9.0f %9.0f %8.3f %8.3f %8.3f %8.3f %10.1f %10.1f%n",
          s.label(),
          r.rate(),
          r.achievedRate(),
          millis(r.percentileNanos(50)),
          millis(r.percentileNanos(95)),
          millis(r.percentileNanos(99)),
          millis(r.latency().getMaxValue()),
          r.serverCpuMicrosPerRequest(),
          r.generatorCpuMicrosPerRequest());
    }
    Map<String, Object> t = targets();
    out.println("  targets: " + t);
    out.println("  written to " + file);
  }

  private void write() throws IOException {
    Files.createDirectories(options.outDir());
    Files.writeString(file, Json.write(report), StandardCharsets.UTF_8);
  }

  /** A step as JSON: its rate, counts, latency percentiles and CPU per request. */
  static Map<String, Object> stepJson(StepResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rate_offered", r.rate());
    m.put("rate_achieved", r.achievedRate());
    m.put("warmup_requests", r.plan().warmupRequests());
    m.put("planned_requests", r.plan().measuredRequests());
    m.put("sent", r.sent());
    m.put("recorded", r.recorded());
    m.put("errors", r.errors());
    m.put("first_error", r.firstError());
    m.put("elapsed_s", r.elapsedNanos() / 1e9);
    Histogram h = r.latency();
    m.put("p50_ms", millis(h.getValueAtPercentile(50)));
    m.put("p90_ms", millis(h.getValueAtPercentile(90)));
    m.put("p95_ms", millis(h.getValueAtPercentile(95)));
    m.put("p99_ms", millis(h.getValueAtPercentile(99)));
    m.put("p999_ms", millis(h.getValueAtPercentile(99.9)));
    m.put("max_ms", millis(h.getMaxValue()));
    m.put("mean_ms", h.getMean() / 1e6);
    Histogram st = r.serviceTime();
    m.put("service_time_p50_ms", millis(st.getValueAtPercentile(50)));
    m.put("service_time_p99_ms", millis(st.getValueAtPercentile(99)));
    m.put("server_cpu_us_per_request", r.serverCpuMicrosPerRequest());
    m.put("generator_cpu_us_per_request", r.generatorCpuMicrosPerRequest());
    m.put(
        "server_cpu_cores",
        r.serverCpuNanos() < 0 ? null : (double) r.serverCpuNanos() / r.elapsedNanos());
    m.put("generator_cpu_cores", (double) r.generatorCpuNanos() / r.elapsedNanos());
    return m;
  }

  /** A step on one line: rate, percentiles, CPU per request, errors. */
  static String line(StepResult r) {
    return String.format(
        Locale.ROOT,
        "%8.0f req/s (achieved %8.0f, n=%d): p50 %.3f  p95 %.3f  p99 %.3f  max %.3f ms;"
            + " cpu/req server %.1f us, generator %.1f us; errors %d%s",
        r.rate(),
        r.achievedRate(),
        r.recorded(),
        millis(r.percentileNanos(50)),
        millis(r.percentileNanos(95)),
        millis(r.percentileNanos(99)),
        millis(r.latency().getMaxValue()),
        r.serverCpuMicrosPerRequest(),
        r.generatorCpuMicrosPerRequest(),
        r.errors(),
        r.firstError() == null ? "" : " (" + r.firstError() + ")");
  }

  static double millis(long nanos) {
    return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
  }
}
