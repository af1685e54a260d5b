/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FixedRateLoadTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private static StepResult run(StubServer server, int connections, StepPlan plan)
      throws Exception {
    FixedRateLoad load =
        new FixedRateLoad(
            new FixedRateLoad.Settings("127.0.0.1", server.port(), connections, 200, 5_000, 5_000));
    return load.run(
        plan, RequestSource.fixed(RequestSource.get("127.0.0.1", 1, "/", null)), () -> -1, 0, null);
  }

  private static long countAtOrAbove(Histogram h, long value) {
    return h.getTotalCount() - h.getCountBetweenValues(0, value - 1);
  }

  @Test
  void stalledResponse_isChargedToEveryRequestIntendedDuringTheStall() throws Exception {
    // 1,000 requests a second on one connection; the server holds request 100 for 200 ms. The
    // roughly 200 requests meant to leave during the stall leave after it, and each is charged from
    // its intended time: about 100 of them wait 100 ms or more.
    try (StubServer server = new StubServer(200, 100, 200)) {
      StepResult r = run(server, 1, new StepPlan(1000, 0, 600));

      assertThat(r.errors()).isZero();
      assertThat(countAtOrAbove(r.latency(), 100 * MS)).isGreaterThanOrEqualTo(90);
      assertThat(r.latency().getMaxValue()).isGreaterThanOrEqualTo(190 * MS);
    }
  }

  @Test
  void stalledResponse_fromTheActualSend_looksLikeOneSlowRequest() throws Exception {
    // The same stall timed from each request's actual send, as a closed-loop client would: only
    // the stalled request is slow. The difference from the test above is the correction.
    try (StubServer server = new StubServer(200, 100, 200)) {
      StepResult r = run(server, 1, new StepPlan(1000, 0, 600));

      assertThat(countAtOrAbove(r.serviceTime(), 100 * MS)).isEqualTo(1);
    }
  }

  @Test
  void warmup_isSentButNotRecorded() throws Exception {
    try (StubServer server = new StubServer(200, -1, 0)) {
      StepResult r = run(server, 4, new StepPlan(2000, 100, 300));

      assertThat(r.sent()).isEqualTo(300);
      assertThat(r.recorded()).isEqualTo(300);
      assertThat(r.latency().getTotalCount()).isEqualTo(300);
    }
  }

  @Test
  void unexpectedStatus_stopsTheStepAndCountsAnError() throws Exception {
    try (StubServer server = new StubServer(500, -1, 0)) {
      StepResult r = run(server, 2, new StepPlan(1000, 0, 2000));

      assertThat(r.errors()).isGreaterThanOrEqualTo(1);
      assertThat(r.firstError()).isEqualTo("status 500");
      assertThat(r.sent()).isLessThan(2000);
      assertThat(r.passes(Long.MAX_VALUE)).isFalse();
    }
  }

  @Test
  void slowServer_afterTheRequestTimeout_isAnError() throws Exception {
    try (StubServer server = new StubServer(200, 5, 3_000)) {
      FixedRateLoad load =
          new FixedRateLoad(
              new FixedRateLoad.Settings("127.0.0.1", server.port(), 1, 200, 500, 500));

      StepResult r =
          load.run(
              new StepPlan(100, 0, 20),
              RequestSource.fixed(RequestSource.get("127.0.0.1", 1, "/", null)),
              () -> -1,
              0,
              null);

      assertThat(r.errors()).isGreaterThanOrEqualTo(1);
      assertThat(r.firstError()).contains("timeout");
    }
  }
}
