/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.policy.internal.value.CedarRecord;
import dev.bulwark.policy.internal.value.CedarSet;
import dev.bulwark.policy.testsupport.CollidingStrings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link Context#fromJson}: a request chooses every string in it, so strings chosen to share one
 * {@code hashCode} must not make reading it slow. With 32,768 such values each case below takes
 * well under a second; a structure that relies on the hash codes takes minutes, so the timeout is
 * generous and still fails it.
 */
class ContextTest {
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final String[] COLLIDING = CollidingStrings.of(15);

  private static Object attribute(Context c, String name) {
    return c.record().get(name);
  }

  @Test
  void fromJson_recordsWithCollidingStrings_readsAllQuickly() {
    String json = "{\"xs\": " + CollidingStrings.jsonArray(COLLIDING, "{\"a\":\"%s\"}") + "}";
    Context c = assertTimeoutPreemptively(BOUND, () -> Context.fromJson(json));
    assertThat(((CedarSet) attribute(c, "xs")).size()).isEqualTo(COLLIDING.length);
  }

  @Test
  void fromJson_entityReferencesWithCollidingIds_readsAllQuickly() {
    String json =
        "{\"xs\": "
            + CollidingStrings.jsonArray(
                COLLIDING, "{\"__entity\":{\"type\":\"User\",\"id\":\"%s\"}}")
            + "}";
    Context c = assertTimeoutPreemptively(BOUND, () -> Context.fromJson(json));
    CedarSet xs = (CedarSet) attribute(c, "xs");
    assertThat(xs.size()).isEqualTo(COLLIDING.length);
    assertThat(xs.contains(EntityUid.of("User", COLLIDING[12345]))).isTrue();
  }

  @Test
  void fromJson_stringsAndLongsWithOneHashCode_readsAllQuickly() {
    // A set of mixed types defeats the tree a HashMap keeps for colliding comparable keys:
    // a string and a long cannot be compared, so every search walks both branches.
    // The walk costs less per element than a list scan, so twice as many values are needed.
    String[] strings = CollidingStrings.of(16);
    int h = strings[0].hashCode();
    StringBuilder sb = new StringBuilder("{\"xs\": [");
    for (int i = 0; i < strings.length; i++) {
      long sameHash = ((long) i << 32) | ((h ^ i) & 0xFFFFFFFFL);
      sb.append('"').append(strings[i]).append("\",").append(sameHash).append(',');
    }
    sb.setLength(sb.length() - 1);
    String json = sb.append("]}").toString();
    Context c = assertTimeoutPreemptively(BOUND, () -> Context.fromJson(json));
    assertThat(((CedarSet) attribute(c, "xs")).size()).isEqualTo(2 * strings.length);
  }

  @Test
  void fromJson_recordWithCollidingKeys_readsAllQuickly() {
    StringBuilder sb = new StringBuilder("{\"r\": {");
    for (int i = 0; i < COLLIDING.length; i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(COLLIDING[i]).append("\":").append(i);
    }
    String json = sb.append("}}").toString();
    Context c = assertTimeoutPreemptively(BOUND, () -> Context.fromJson(json));
    assertThat(((CedarRecord) attribute(c, "r")).size()).isEqualTo(COLLIDING.length);
  }

  @Test
  void fromJson_entityEscapeWithOtherKeys_isAPlainRecord() throws Exception {
    // Cedar 4.10 reads an object as an escape only when the escape is its one key; with any
    // other key beside it the object is a record, "__entity" an attribute like any other.
    Context c =
        Context.fromJson("{\"r\": {\"__entity\": {\"type\": \"User\", \"id\": \"a\"}, \"x\": 1}}");
    CedarRecord r = (CedarRecord) attribute(c, "r");
    assertThat(r.attributes().keySet()).containsExactlyInAnyOrder("__entity", "x");
    assertThat(r.get("x")).isEqualTo(1L);
    assertThat(r.get("__entity")).isInstanceOf(CedarRecord.class);
  }
}
