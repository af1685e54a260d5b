/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.internal.jfr.AuthenticationEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's counters ({@link AuthEngine#stats()}), timing listeners and JFR event. */
class AuthEngineStatsTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final TestTokens KEYS = TestTokens.hmac("k1");

  private static AuthEngine engine() {
    return AuthEngine.builder()
        .issuer(
            Issuer.builder(TestTokens.ISS)
                .jwks(new JWKSet(KEYS.publicJwk))
                .audiences(TestTokens.AUD)
                .algorithms("HS256")
                .build())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  private static String valid() {
    return "Bearer " + KEYS.mint(TestTokens.claims(NOW.getEpochSecond()));
  }

  @Test
  void stats_validJwt_countsAJwtSuccess() {
    AuthEngine e = engine();
    e.authenticate(valid());
    assertThat(e.stats().successes(AuthMethod.JWT)).isEqualTo(1);
  }

  @Test
  void stats_sameJwtTwice_countsOneCacheMissAndOneHit() {
    AuthEngine e = engine();
    String h = valid();
    e.authenticate(h);
    e.authenticate(h);
    AuthStats s = e.stats();
    assertThat(new long[] {s.tokenCacheMisses(), s.tokenCacheHits(), s.successes(AuthMethod.JWT)})
        .containsExactly(1, 1, 2);
  }

  @Test
  void stats_malformedJwt_countsAFailureByMethodAndReason() {
    AuthEngine e = engine();
    e.authenticate("Bearer not-a-jwt");
    assertThat(e.stats().failures(AuthMethod.JWT, FailureReason.MALFORMED)).isEqualTo(1);
  }

  @Test
  void stats_noHeader_countsAFailureWithoutMethod() {
    AuthEngine e = engine();
    e.authenticate(null);
    assertThat(e.stats().failuresWithoutMethod(FailureReason.MISSING_CREDENTIALS)).isEqualTo(1);
  }

  @Test
  void stats_everyAttempt_isCountedOnce() {
    AuthEngine e = engine();
    e.authenticate(valid());
    e.authenticate("Basic abc");
    e.authenticate("Bearer x.y.z");
    assertThat(e.stats().attempts()).isEqualTo(3);
  }

  @Test
  void timingListener_added_isToldEachCall() {
    AuthEngine e = engine();
    AtomicLong calls = new AtomicLong();
    e.addTimingListener((r, nanos) -> calls.incrementAndGet());
    e.authenticate(valid());
    e.authenticate(null);
    assertThat(calls).hasValue(2);
  }

  @Test
  void timingListener_removed_isToldNothing() {
    AuthEngine e = engine();
    AtomicLong calls = new AtomicLong();
    AuthTimingListener l = (r, nanos) -> calls.incrementAndGet();
    e.addTimingListener(l);
    e.removeTimingListener(l);
    e.authenticate(valid());
    assertThat(calls).hasValue(0);
  }

  @Test
  void timingListener_sampled_isToldAboutOneCallInItsInterval() {
    AuthEngine e = engine();
    AtomicLong calls = new AtomicLong();
    e.addTimingListener((r, nanos) -> calls.incrementAndGet(), 8);
    for (int i = 0; i < 8_000; i++) {
      e.authenticate(null);
    }
    // 1,000 expected; the bounds are over ten standard deviations (about 30) away.
    assertThat(calls.get()).isBetween(650L, 1_350L);
  }

  @Test
  void timingListener_everyCallBesideASampledOne_isStillToldEachCall() {
    AuthEngine e = engine();
    AtomicLong every = new AtomicLong();
    e.addTimingListener((r, nanos) -> {}, 64);
    e.addTimingListener((r, nanos) -> every.incrementAndGet());
    for (int i = 0; i < 100; i++) {
      e.authenticate(null);
    }
    assertThat(every).hasValue(100);
  }

  @Test
  void timingListener_removedBesideAnother_leavesTheOtherTold() {
    AuthEngine e = engine();
    AtomicLong kept = new AtomicLong();
    AuthTimingListener removed = (r, nanos) -> {};
    e.addTimingListener(removed);
    e.addTimingListener((r, nanos) -> kept.incrementAndGet());
    e.removeTimingListener(removed);
    e.authenticate(null);
    assertThat(kept).hasValue(1);
  }

  @Test
  void timingListener_intervalNotAPowerOfTwo_isRefusedNamingTheValue() {
    AuthEngine e = engine();
    assertThatThrownBy(() -> e.addTimingListener((r, nanos) -> {}, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sampleInterval")
        .hasMessageContaining("3");
  }

  @Test
  void timingListener_throwing_doesNotChangeTheResult() {
    AuthEngine e = engine();
    e.addTimingListener(
        (r, nanos) -> {
          throw new IllegalStateException("broken listener");
        });
    assertThat(e.authenticate(valid()).isAuthenticated()).isTrue();
  }

  @Test
  void jfrEvent_enabled_recordsTheCallWithItsStages(@TempDir Path dir) throws Exception {
    AuthEngine e = engine();
    Path file = dir.resolve("auth.jfr");
    try (Recording recording = new Recording()) {
      recording.enable(AuthenticationEvent.NAME).withoutThreshold();
      recording.start();
      e.authenticate(valid());
      e.authenticate("Bearer not-a-jwt");
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events =
        RecordingFile.readAllEvents(file).stream()
            .filter(x -> x.getEventType().getName().equals(AuthenticationEvent.NAME))
            .collect(Collectors.toList());
    assertThat(events)
        .extracting(
            x -> x.getString("method"),
            x -> x.getBoolean("authenticated"),
            x -> x.getString("failureReason"),
            x -> x.getString("issuer"),
            x -> x.getLong("verifyDuration") > 0)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("JWT", true, "", TestTokens.ISS, true),
            org.assertj.core.groups.Tuple.tuple("JWT", false, "MALFORMED", "", false));
    Files.deleteIfExists(file);
  }
}
