/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.ApiKeys;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthMethod;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.store.ApiKeyRecord;
import dev.bulwark.auth.store.InMemoryApiKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apikey generate}: the printed record, inserted into a store, accepts the printed key. */
class ApiKeyCommandTest {

  @TempDir Path dir;

  /** Inserts the printed record into a fresh store and authenticates the printed key against it. */
  private static AuthResult insertAndAuthenticate(Cli.Run r, String prefix, byte[] pepper)
      throws Exception {
    String[] lines = r.out().split("\n");
    String key = lines[0];
    Map<String, Object> json = com.nimbusds.jose.util.JSONObjectUtils.parse(lines[1]);
    @SuppressWarnings("unchecked")
    List<String> scopes = (List<String>) json.get("scopes");
    ApiKeyRecord record =
        new ApiKeyRecord(
            (String) json.get("keyId"),
            Base64.getUrlDecoder().decode((String) json.get("secretDigest")),
            (String) json.get("ownerSubject"),
            new HashSet<>(scopes),
            Instant.parse((String) json.get("createdAt")),
            json.get("expiresAt") == null ? null : Instant.parse((String) json.get("expiresAt")),
            false);
    InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    store.insert(record);
    ApiKeys.Builder keys = ApiKeys.builder().prefix(prefix).store(store);
    if (pepper != null) {
      keys.pepper(pepper);
    }
    return AuthEngine.builder().apiKeys(keys.build()).build().authenticate("ApiKey " + key);
  }

  @Test
  void generate_printedRecordInsertedIntoStore_acceptsPrintedKey() throws Exception {
    Cli.Run r =
        Cli.run(
            "apikey",
            "generate",
            "--owner",
            "svc-reporting",
            "--scope",
            "orders:read",
            "--scope",
            "orders:write",
            "--ttl",
            "30d");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).hasLineCount(2).startsWith("bk_live_");
    AuthResult result = insertAndAuthenticate(r, "bk_live", null);
    assertThat(result.isAuthenticated()).as(result.toString()).isTrue();
    assertThat(result.principal().subject()).isEqualTo("svc-reporting");
    assertThat(result.principal().method()).isEqualTo(AuthMethod.API_KEY);
    assertThat(result.principal().scopes())
        .containsExactlyInAnyOrder("orders:read", "orders:write");
  }

  @Test
  void generate_recordAndNote_neverContainTheSecret() {
    Cli.Run r = Cli.run("apikey", "generate", "--owner", "svc");
    String[] lines = r.out().split("\n");
    String secret = lines[0].substring(lines[0].lastIndexOf('_') + 1);
    assertThat(lines[1]).doesNotContain(secret);
    assertThat(r.err()).doesNotContain(secret).contains("shown once");
  }

  @Test
  void generate_withPepper_recordAcceptsKeyOnlyWithThatPepper() throws Exception {
    byte[] pepper = new byte[32];
    new java.security.SecureRandom().nextBytes(pepper);
    Path pepperFile = dir.resolve("pepper.bin");
    Files.write(pepperFile, pepper);
    Cli.Run r =
        Cli.run(
            "apikey",
            "generate",
            "--owner",
            "svc",
            "--prefix",
            "bk_test",
            "--pepper-file",
            pepperFile.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"digestAlgorithm\":\"HMAC-SHA-256\"");
    assertThat(insertAndAuthenticate(r, "bk_test", pepper).isAuthenticated()).isTrue();
    assertThat(insertAndAuthenticate(r, "bk_test", null).isAuthenticated()).isFalse();
  }

  @Test
  void generate_ttlNever_recordHasNoExpiry() throws Exception {
    Cli.Run r = Cli.run("apikey", "generate", "--owner", "svc", "--ttl", "never");
    assertThat(r.status()).isZero();
    assertThat(r.out().split("\n")[1]).contains("\"expiresAt\":null");
  }

  @Test
  void generate_badTtl_exitsTwoNamingValue() {
    Cli.Run r = Cli.run("apikey", "generate", "--owner", "svc", "--ttl", "forever");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("--ttl", "'forever'");
  }

  @Test
  void generate_badPrefix_exitsTwoWithBuilderMessage() {
    Cli.Run r = Cli.run("apikey", "generate", "--owner", "svc", "--prefix", "Bad Prefix!");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("prefix");
  }

  @Test
  void generate_shortPepper_exitsTwo() throws Exception {
    Path pepperFile = dir.resolve("short.bin");
    Files.write(pepperFile, new byte[8]);
    Cli.Run r =
        Cli.run("apikey", "generate", "--owner", "svc", "--pepper-file", pepperFile.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("pepper");
  }
}
