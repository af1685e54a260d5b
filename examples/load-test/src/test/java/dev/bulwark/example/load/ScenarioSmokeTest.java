/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each scenario against the real photo service in this JVM, at a low rate for about a second: every
 * request answered as expected and recorded. Asserts counts, never speed.
 */
class ScenarioSmokeTest {
  private static InProcessTarget target;
  private static LoadTest test;
  @TempDir static Path out;

  @BeforeAll
  static void start() throws Exception {
    target = InProcessTarget.start();
    Options options =
        Options.parse(
            "--server", "in-process",
            "--warmup", "200ms",
            "--step-duration", "1s",
            "--p99-bound-ms", "10000",
            "--connections", "4",
            "--out", out.toString());
    test = new LoadTest(options, target, new PrintStream(OutputStream.nullOutputStream()));
  }

  @AfterAll
  static void stop() {
    if (target != null) {
      target.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void step_lowRate_answersEveryRequestAndRecordsEachMeasuredOne(Scenario s) throws Exception {
    StepResult r = test.step(s, 200, Duration.ofMillis(200), null);

    assertThat(r.firstError()).isNull();
    assertThat(r.errors()).isZero();
    assertThat(r.sent()).isEqualTo(r.plan().measuredRequests()).isEqualTo(200);
    assertThat(r.recorded()).isEqualTo(r.sent());
    assertThat(r.latency().getTotalCount()).isEqualTo(r.sent());
  }

  @org.junit.jupiter.api.Test
  void search_oneStep_writesTheScenarioToTheJsonFile() throws Exception {
    Options options =
        Options.parse(
            "--server", "in-process",
            "--scenarios", "a",
            "--warmup", "100ms",
            "--step-duration", "500ms",
            "--start-rate", "200",
            "--max-steps", "1",
            "--p99-bound-ms", "10000",
            "--out", out.toString());
    LoadTest one = new LoadTest(options, target, new PrintStream(OutputStream.nullOutputStream()));

    one.runAll();

    String json = Files.readString(one.file(), StandardCharsets.UTF_8);
    assertThat(json)
        .contains(
            "\"scenario\": \"a-public\"",
            "\"server_layout\": \"in-process\"",
            "\"nproc\": ",
            "\"errors\": 0");
  }
}
