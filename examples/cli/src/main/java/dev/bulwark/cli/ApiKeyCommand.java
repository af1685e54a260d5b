/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import dev.bulwark.auth.ApiKeys;
import dev.bulwark.auth.GeneratedApiKey;
import dev.bulwark.auth.store.ApiKeyRecord;
import dev.bulwark.auth.store.InMemoryApiKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code bulwark apikey generate}. Stateless.
 *
 * <p>The CLI has no persistent store: it generates the key in a throw-away in-memory store and
 * prints two lines on standard output, the key (once; nothing keeps it) and the record an operator
 * inserts into the service's {@code ApiKeyStore}, with the secret's digest in base64url. With
 * {@code --pepper-file} the digest is HMAC-SHA-256 under that pepper, matching a service built with
 * the same {@code ApiKeys.Builder#pepper}.
 */
final class ApiKeyCommand implements Command {

  @Override
  public String usage() {
    return String.join(
        "\n",
        "bulwark apikey generate [--prefix bk_live] [--owner SUBJECT] [--scope SCOPE]...",
        "                        [--ttl 90d|never] [--pepper-file FILE]",
        "    Prints a new API key on the first line (shown once: it is stored nowhere) and, on the",
        "    second, the JSON record to insert into your ApiKeyStore: key id, owner, scopes, times and",
        "    the base64url digest of the secret (SHA-256, or HMAC-SHA-256 under --pepper-file).",
        "    --owner defaults to the current user name.");
  }

  @Override
  public int run(List<String> args, Io io) throws UsageException {
    if (args.isEmpty() || !args.get(0).equals("generate")) {
      throw new UsageException(
          args.isEmpty()
              ? "'apikey' needs a subcommand: generate"
              : "unknown subcommand 'apikey " + args.get(0) + "' (use generate)");
    }
    Args a =
        Args.parse(
            "apikey generate",
            args.subList(1, args.size()),
            Set.of("--prefix", "--owner", "--ttl", "--pepper-file"),
            Set.of("--scope"));
    a.expectPositionals("apikey generate");

    String ttlText = a.get("--ttl", "90d");
    Duration ttl = ttlText.equals("never") ? null : Durations.parse("--ttl", ttlText);
    if (ttl != null && ttl.isZero()) {
      throw new UsageException("--ttl must be positive or 'never', was '" + ttlText + "'");
    }
    String owner = a.get("--owner", System.getProperty("user.name", ""));
    if (owner.isBlank()) {
      throw new UsageException("option --owner is required (no user name to default to)");
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (String scope : a.all("--scope")) {
      if (scope.isBlank()) {
        throw new UsageException("--scope must not be empty");
      }
      scopes.add(scope);
    }

    String pepperFile = a.get("--pepper-file");
    byte[] pepper = pepperFile == null ? null : readPepper(pepperFile);
    GeneratedApiKey key;
    try {
      ApiKeys.Builder builder =
          ApiKeys.builder()
              .prefix(a.get("--prefix", "bk_live"))
              .store(new InMemoryApiKeyStore())
              .clock(io.clock());
      if (pepper != null) {
        builder.pepper(pepper);
      }
      key = builder.build().generate(owner, scopes, ttl);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The builder's messages name the setting and the value; a pepper's is never in them.
      throw new UsageException(e.getMessage(), e);
    } finally {
      if (pepper != null) {
        java.util.Arrays.fill(pepper, (byte) 0);
      }
    }

    ApiKeyRecord r = key.record();
    List<String> scopeList = new ArrayList<>(r.scopes());
    scopeList.sort(null);
    Json record =
        new Json()
            .put("keyId", r.keyId())
            .put("ownerSubject", r.ownerSubject())
            .put("scopes", scopeList)
            .put("createdAt", r.createdAt().toString())
            .put("expiresAt", r.expiresAt().map(Object::toString).orElse(null))
            .put("digestAlgorithm", pepperFile == null ? "SHA-256" : "HMAC-SHA-256")
            .put(
                "secretDigest",
                Base64.getUrlEncoder().withoutPadding().encodeToString(r.secretDigest()));
    io.out().println(key.plaintext());
    io.out().println(record);
    io.err()
        .println(
            "The key above is shown once and stored nowhere; give it to its owner now."
                + " Insert the record line into your ApiKeyStore.");
    return 0;
  }

  private static byte[] readPepper(String file) throws UsageException {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new UsageException("--pepper-file file not found: " + file);
    } catch (IOException | RuntimeException e) {
      throw new UsageException(
          "--pepper-file file " + file + " cannot be read: " + e.getClass().getSimpleName());
    }
  }
}
