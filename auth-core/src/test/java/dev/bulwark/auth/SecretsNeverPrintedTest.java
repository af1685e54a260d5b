/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.auth.internal.Refusal;
import dev.bulwark.auth.store.InMemoryApiKeyStore;
import dev.bulwark.auth.store.InMemoryRevocationStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every type an API key passes through prints neither the secret, nor its digest, nor the pepper.
 */
class SecretsNeverPrintedTest {

  @Test
  void toString_ofEveryApiKeyType_neverContainsSecretDigestOrPepper() throws Refusal {
    byte[] pepper = new byte[32];
    for (int i = 0; i < pepper.length; i++) {
      pepper[i] = (byte) ('A' + i % 26); // printable, so a naive new String(pepper) would show it
    }
    InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    InMemoryRevocationStore revocations = new InMemoryRevocationStore();
    ApiKeys.Builder builder = ApiKeys.builder().prefix("bk_live").store(store).pepper(pepper);
    String builderText = builder.toString();
    ApiKeys keys = builder.build();
    GeneratedApiKey key = keys.generate("alice", Set.of("read"), Duration.ofDays(1));
    String secret = key.plaintext().substring(key.plaintext().lastIndexOf('_') + 1);
    byte[] digest = key.record().secretDigest();
    revocations.revokeApiKey(key.keyId());
    Principal ok = keys.verify(key.plaintext(), Instant.now(), null);
    Refusal revoked =
        assertThrows(Refusal.class, () -> keys.verify(key.plaintext(), Instant.now(), revocations));

    List<String> printed =
        List.of(
            builderText,
            keys.toString(),
            key.toString(),
            key.record().toString(),
            store.findByKeyId(key.keyId()).orElseThrow().toString(),
            store.toString(),
            revocations.toString(),
            ok.toString(),
            AuthResult.success(ok).toString(),
            AuthResult.failure(revoked.reason(), revoked.detail(), "Bearer error=\"invalid_token\"")
                .toString(),
            revoked.detail());

    List<String> forbidden =
        new ArrayList<>(
            List.of(
                key.plaintext(),
                secret,
                secret.substring(0, 10),
                secret.substring(secret.length() - 10),
                HexFormat.of().formatHex(digest),
                Base64.getEncoder().encodeToString(digest),
                Base64.getUrlEncoder().withoutPadding().encodeToString(digest),
                Arrays.toString(digest),
                new String(pepper, StandardCharsets.ISO_8859_1),
                new String(pepper, StandardCharsets.ISO_8859_1).substring(0, 8),
                HexFormat.of().formatHex(pepper),
                Base64.getEncoder().encodeToString(pepper),
                Arrays.toString(pepper)));

    assertThat(printed)
        .allSatisfy(
            text -> {
              assertThat(text).isNotBlank();
              for (String f : forbidden) {
                assertThat(text).as("printed text").doesNotContain(f);
              }
            });
    assertThat(keys.toString()).contains("pepper=<masked>");
    assertThat(key.toString()).contains("plaintext=<masked>");
  }
}
