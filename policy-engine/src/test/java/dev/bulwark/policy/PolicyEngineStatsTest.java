/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.internal.jfr.AuthorizationEvent;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's counters ({@link PolicyEngine#stats()}), timing listeners and JFR event. */
class PolicyEngineStatsTest {
  private static final EntityUid ALICE = EntityUid.of("User", "alice");
  private static final EntityUid BOB = EntityUid.of("User", "bob");
  private static final EntityUid VIEW = EntityUid.of("Action", "view");
  private static final EntityUid PHOTO = EntityUid.of("Photo", "p1");

  private static PolicyEngine engine() throws Exception {
    return PolicyEngine.builder()
        .policies(PolicySet.parse("permit(principal == User::\"alice\", action, resource);"))
        .build();
  }

  @Test
  void stats_allowAndDeny_countsEach() throws Exception {
    PolicyEngine e = engine();
    e.authorize(Request.of(ALICE, VIEW, PHOTO));
    e.authorize(Request.of(BOB, VIEW, PHOTO));
    e.authorize(Request.of(BOB, VIEW, PHOTO));
    PolicyStats s = e.stats();
    assertThat(new long[] {s.allowed(), s.denied(), s.errors()}).containsExactly(1, 2, 0);
  }

  @Test
  void stats_storeUnavailable_countsAnError() throws Exception {
    PolicyEngine e =
        PolicyEngine.builder()
            .policies(PolicySet.parse("permit(principal, action, resource);"))
            .entities(
                new EntityStore() {
                  @Override
                  public Entity find(EntityUid uid) {
                    throw new EntityStoreUnavailableException("down", null);
                  }
                })
            .build();
    assertThatThrownBy(() -> e.authorize(Request.of(ALICE, VIEW, PHOTO)))
        .isInstanceOf(EntityStoreUnavailableException.class);
    assertThat(e.stats().errors()).isEqualTo(1);
  }

  @Test
  void stats_authorizeAll_countsEveryDecision() throws Exception {
    PolicyEngine e = engine();
    e.authorizeAll(List.of(Request.of(ALICE, VIEW, PHOTO), Request.of(BOB, VIEW, PHOTO)));
    assertThat(e.stats().allowed() + e.stats().denied()).isEqualTo(2);
  }

  @Test
  void timingListener_added_isToldEachDecision() throws Exception {
    PolicyEngine e = engine();
    AtomicLong allowed = new AtomicLong();
    e.addTimingListener(
        (d, nanos) -> {
          if (d != null && d.isAllowed()) {
            allowed.incrementAndGet();
          }
        });
    e.authorize(Request.of(ALICE, VIEW, PHOTO));
    assertThat(allowed).hasValue(1);
  }

  @Test
  void timingListener_sampled_isToldAboutOneDecisionInItsInterval() throws Exception {
    PolicyEngine e = engine();
    AtomicLong told = new AtomicLong();
    e.addTimingListener((d, nanos) -> told.incrementAndGet(), 8);
    for (int i = 0; i < 8_000; i++) {
      e.authorize(Request.of(ALICE, VIEW, PHOTO));
    }
    // 1,000 expected; the bounds are over ten standard deviations (about 30) away.
    assertThat(told.get()).isBetween(650L, 1_350L);
  }

  @Test
  void timingListener_authorizeAll_samplesEachDecisionOnItsOwn() throws Exception {
    PolicyEngine e = engine();
    AtomicLong told = new AtomicLong();
    e.addTimingListener((d, nanos) -> told.incrementAndGet(), 8);
    List<Request> batch = Collections.nCopies(8_000, Request.of(BOB, VIEW, PHOTO));
    e.authorizeAll(batch);
    assertThat(told.get()).isBetween(650L, 1_350L);
  }

  @Test
  void timingListener_intervalZero_isRefusedNamingTheValue() throws Exception {
    PolicyEngine e = engine();
    assertThatThrownBy(() -> e.addTimingListener((d, nanos) -> {}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sampleInterval")
        .hasMessageContaining("0");
  }

  @Test
  void jfrEvent_enabled_recordsTheDecisionWithItsStages(@TempDir Path dir) throws Exception {
    PolicyEngine e = engine();
    Path file = dir.resolve("policy.jfr");
    try (Recording recording = new Recording()) {
      recording.enable(AuthorizationEvent.NAME).withoutThreshold();
      recording.start();
      e.authorize(Request.of(ALICE, VIEW, PHOTO));
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events =
        RecordingFile.readAllEvents(file).stream()
            .filter(x -> x.getEventType().getName().equals(AuthorizationEvent.NAME))
            .collect(Collectors.toList());
    assertThat(events)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.getString("decision")).isEqualTo("allow");
              assertThat(x.getString("principalType")).isEqualTo("User");
              assertThat(x.getLong("evaluateDuration")).isPositive();
            });
  }
}
