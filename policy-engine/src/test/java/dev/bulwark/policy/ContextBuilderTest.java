/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static dev.bulwark.policy.ValuesSchema.ALICE;
import static dev.bulwark.policy.ValuesSchema.VIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Context.Builder}: Java values to Cedar values, with and without a schema. */
class ContextBuilderTest {
  private static final Schema SCHEMA = ValuesSchema.schema();

  private static Context json(String json) {
    return Context.fromJson(json);
  }

  @Test
  void put_primitives_areTheCedarValuesOfTheJson() {
    Context c =
        Context.builder()
            .put("s", "x")
            .put("b", true)
            .put("l", 7L)
            .put("i", 7)
            .put("u", ALICE)
            .build();
    assertThat(c.record())
        .isEqualTo(
            json("{\"s\":\"x\",\"b\":true,\"l\":7,\"i\":7,"
                    + "\"u\":{\"__entity\":{\"type\":\"User\",\"id\":\"alice\"}}}")
                .record());
  }

  @Test
  void put_collectionAndMap_areSetAndRecord() {
    Context c =
        Context.builder()
            .put("tags", List.of("a", "b", "a"))
            .put("limits", Map.of("max", 3L))
            .build();
    assertThat(c.record())
        .isEqualTo(json("{\"tags\":[\"a\",\"b\"],\"limits\":{\"max\":3}}").record());
  }

  @Test
  void put_javaTimeTypes_areDatetimeAndDuration() {
    Context c =
        Context.builder()
            .put("at", Instant.parse("2024-10-15T11:38:02.101Z"))
            .put(
                "odt",
                OffsetDateTime.of(2024, 10, 15, 12, 38, 2, 101_000_000, ZoneOffset.ofHours(1)))
            .put("ttl", Duration.ofMinutes(90))
            .build();
    assertThat(c.record())
        .isEqualTo(
            json("{"
                    + "\"at\":{\"__extn\":{\"fn\":\"datetime\",\"arg\":\"2024-10-15T11:38:02.101Z\"}},"
                    + "\"odt\":{\"__extn\":{\"fn\":\"datetime\",\"arg\":\"2024-10-15T11:38:02.101Z\"}},"
                    + "\"ttl\":{\"__extn\":{\"fn\":\"duration\",\"arg\":\"90m\"}}}")
                .record());
  }

  @Test
  void put_instantWithMicroseconds_roundsTowardsThePast() {
    Context c = Context.builder().put("t", Instant.ofEpochSecond(-1, 999_999)).build();
    // -1 s + 0.999999 ms is -999.000001 ms: the millisecond before it is -1000.
    assertThat(c.record())
        .isEqualTo(
            json("{\"t\":{\"__extn\":{\"fn\":\"datetime\","
                    + "\"arg\":\"1969-12-31T23:59:59.000Z\"}}}")
                .record());
  }

  @Test
  void put_inetAddressAndBigDecimal_areIpaddrAndDecimal() throws Exception {
    Context c =
        Context.builder()
            .put("ip", InetAddress.getByName("10.1.2.3"))
            .put("v6", InetAddress.getByName("2001:db8::1"))
            .put("amount", new BigDecimal("12.50"))
            .build();
    assertThat(c.record())
        .isEqualTo(
            json("{"
                    + "\"ip\":{\"__extn\":{\"fn\":\"ip\",\"arg\":\"10.1.2.3\"}},"
                    + "\"v6\":{\"__extn\":{\"fn\":\"ip\",\"arg\":\"2001:db8::1\"}},"
                    + "\"amount\":{\"__extn\":{\"fn\":\"decimal\",\"arg\":\"12.5\"}}}")
                .record());
  }

  @Test
  void put_ipv6WithScopeId_isTheAddressWithoutTheScope() throws Exception {
    Context c = Context.builder().put("ip", InetAddress.getByName("fe80::1%1")).build();
    assertThat(c.record())
        .isEqualTo(json("{\"ip\":{\"__extn\":{\"fn\":\"ip\"," + "\"arg\":\"fe80::1\"}}}").record());
  }

  @Test
  void putIpaddr_cidrString_isAnIpaddrRange() {
    Context c = Context.builder().putIpaddr("net", "10.0.0.0/8").build();
    assertThat(c.record())
        .isEqualTo(
            json("{\"net\":{\"__extn\":{\"fn\":\"ip\"," + "\"arg\":\"10.0.0.0/8\"}}}").record());
  }

  @Test
  void putIpaddr_malformed_isAnInvalidRequest() {
    assertThatThrownBy(() -> Context.builder().putIpaddr("net", "10.0.0.0/33"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("context attribute net");
  }

  @Test
  void put_withSchema_readsStringsByTheDeclaredExtensionTypes() {
    Context c =
        Context.builder(SCHEMA, VIEW)
            .put("ip", "10.0.0.0/8")
            .put("mfa", true)
            .put("at", "2024-01-01")
            .put("ttl", "1h")
            .put("amount", "1.5")
            .put("nets", Set.of("192.168.0.0/16"))
            .build();
    assertThat(c.record())
        .isEqualTo(
            Context.fromJson(
                    "{\"ip\":\"10.0.0.0/8\",\"mfa\":true,"
                        + "\"at\":\"2024-01-01\",\"ttl\":\"1h\",\"amount\":\"1.5\","
                        + "\"nets\":[\"192.168.0.0/16\"]}",
                    SCHEMA,
                    VIEW)
                .record());
  }

  @Test
  void build_withSchemaAndUndeclaredAttribute_isAnInvalidRequest() {
    assertThatThrownBy(
            () ->
                Context.builder(SCHEMA, VIEW)
                    .put("ip", "10.0.0.1")
                    .put("mfa", true)
                    .put("extra", 1L)
                    .build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("extra");
  }

  @Test
  void build_withSchemaAndMissingRequiredAttribute_isAnInvalidRequest() {
    assertThatThrownBy(() -> Context.builder(SCHEMA, VIEW).put("ip", "10.0.0.1").build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("mfa");
  }

  @Test
  void build_withSchemaAndWrongType_isAnInvalidRequest() {
    assertThatThrownBy(
            () -> Context.builder(SCHEMA, VIEW).put("ip", "10.0.0.1").put("mfa", "yes").build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("mfa")
        .hasMessageContaining("expected");
  }

  @Test
  void builder_actionNotInSchema_isAnInvalidRequest() {
    assertThatThrownBy(() -> Context.builder(SCHEMA, EntityUid.of("Action", "delete")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Action::\"delete\"");
  }

  @Test
  void put_double_isRefused() {
    assertThatThrownBy(() -> Context.builder().put("score", 1.5))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("java.lang.Double");
  }

  @Test
  void put_null_isRefused() {
    assertThatThrownBy(() -> Context.builder().put("x", null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("null");
  }

  @Test
  void put_nullInsideACollection_isRefused() {
    List<Object> l = new ArrayList<>();
    l.add(null);
    assertThatThrownBy(() -> Context.builder().put("x", l))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("null");
  }

  @Test
  void put_mapWithNonStringKey_isRefused() {
    assertThatThrownBy(() -> Context.builder().put("x", Map.of(1, "a")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("strings");
  }

  @Test
  void put_bigDecimalWithFiveFractionalDigits_isRefusedNotRounded() {
    assertThatThrownBy(() -> Context.builder().put("x", new BigDecimal("1.00001")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("decimal");
  }

  @Test
  void put_bigDecimalBeyondTheRange_isRefused() {
    assertThatThrownBy(() -> Context.builder().put("x", new BigDecimal("922337203685478")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("decimal");
  }

  @Test
  void put_bigDecimalWithHugeExponent_isRefusedWithoutExpandingIt() {
    // Expanding 1E-999999999 or 1E+999999999 to a scale of 4 would take minutes and gigabytes.
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          assertThatThrownBy(() -> Context.builder().put("x", new BigDecimal("1E-999999999")))
              .isInstanceOf(InvalidRequestException.class);
          assertThatThrownBy(() -> Context.builder().put("x", new BigDecimal("1E+999999999")))
              .isInstanceOf(InvalidRequestException.class);
        });
  }

  @Test
  void put_mapThatContainsItself_isRefusedNotAStackOverflow() {
    Map<String, Object> m = new HashMap<>();
    m.put("self", m);
    assertThatThrownBy(() -> Context.builder().put("x", m))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("nested deeper");
  }

  @Test
  void put_sameAttributeTwice_isAnInvalidRequest() {
    Context.Builder b = Context.builder().put("x", 1L);
    assertThatThrownBy(() -> b.put("x", 2L))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void put_afterBuild_isAnIllegalState() {
    Context.Builder b = Context.builder().put("x", 1L);
    b.build();
    assertThatThrownBy(() -> b.put("y", 2L)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void of_map_isTheContextOfItsEntries() {
    assertThat(Context.of(Map.of("a", 1L, "b", "x")).record())
        .isEqualTo(json("{\"a\":1,\"b\":\"x\"}").record());
  }
}
