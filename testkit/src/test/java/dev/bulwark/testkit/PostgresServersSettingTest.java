/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How the setting naming the PostgreSQL servers is read; runs without servers. */
class PostgresServersSettingTest {
  private static final String PRIMARY =
      "jdbc:postgresql://127.0.0.1:55432/postgres?user=bulwark&password=s%3Dcret";
  private static final String REPLICA =
      "jdbc:postgresql://127.0.0.1:55433/postgres?user=bulwark&password=s%3Dcret";

  @Test
  void resolve_propertyAndEnvironmentBothSet_propertyWins() {
    assertEquals("a", PostgresServers.resolve("a", "b"));
  }

  @Test
  void resolve_emptyProperty_readsEnvironment() {
    // The build passes the property through empty when it is not set.
    assertEquals("b", PostgresServers.resolve("", "b"));
  }

  @Test
  void resolve_neitherSet_isNull() {
    assertNull(PostgresServers.resolve(" ", null));
  }

  @Test
  void parse_primaryThenReplica_givesBothUrls() {
    PostgresServers.Setting s =
        PostgresServers.parse(PRIMARY + PostgresServers.REPLICA_SEPARATOR + REPLICA);
    assertEquals(PRIMARY, s.primaryUrl());
    assertEquals(REPLICA, s.replicaUrl());
  }

  @Test
  void parse_withoutReplica_isRefusedWithThePasswordMasked() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PostgresServers.parse(PRIMARY));
    assertTrue(e.getMessage().contains(PostgresServers.PROPERTY), e.getMessage());
    assertFalse(e.getMessage().contains("cret"), e.getMessage());
  }

  @Test
  void parse_notAPostgresUrl_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PostgresServers.parse("jdbc:h2:mem:x" + PostgresServers.REPLICA_SEPARATOR + REPLICA));
  }

  @Test
  void withDatabase_urlWithParameters_replacesOnlyTheDatabase() {
    assertEquals(
        "jdbc:postgresql://127.0.0.1:55432/bulwark_test_1?user=bulwark&password=s%3Dcret",
        PostgresServers.withDatabase(PRIMARY, "bulwark_test_1"));
  }

  @Test
  void withDatabase_urlWithoutDatabase_addsIt() {
    assertEquals(
        "jdbc:postgresql://h1:1,h2:2/d?ssl=true",
        PostgresServers.withDatabase("jdbc:postgresql://h1:1,h2:2?ssl=true", "d"));
  }

  @Test
  void parameter_encodedPassword_isDecoded() {
    assertEquals("s=cret", PostgresServers.parameter(PRIMARY, "password"));
    assertEquals("bulwark", PostgresServers.parameter(PRIMARY, "user"));
  }

  @Test
  void redact_settingWithTwoPasswords_masksBoth() {
    String r = PostgresServers.redact(PRIMARY + PostgresServers.REPLICA_SEPARATOR + REPLICA);
    assertFalse(r.contains("cret"), r);
    assertTrue(r.contains(";replica=jdbc:postgresql://127.0.0.1:55433/"), r);
  }
}
