/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.internal.Refusal;
import dev.bulwark.auth.store.ApiKeyRecord;
import dev.bulwark.auth.store.ApiKeyStore;
import dev.bulwark.auth.store.InMemoryApiKeyStore;
import dev.bulwark.auth.store.InMemoryRevocationStore;
import dev.bulwark.auth.store.RevocationStore;
import dev.bulwark.auth.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration DAY = Duration.ofDays(1);

  final MutableClock clock = new MutableClock(T0);
  final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
  final ApiKeys keys = ApiKeys.builder().prefix("bk_live").store(store).clock(clock).build();

  static byte[] pepper(int length, int seed) {
    byte[] p = new byte[length];
    for (int i = 0; i < length; i++) {
      p[i] = (byte) (seed * 31 + i * 7);
    }
    return p;
  }

  static String secretOf(GeneratedApiKey key) {
    String p = key.plaintext();
    return p.substring(p.lastIndexOf('_') + 1);
  }

  /** Replaces the character at {@code index} by another base62 character. */
  static String flip(String s, int index) {
    char c = s.charAt(index);
    char other = c == 'a' ? 'b' : 'a';
    return s.substring(0, index) + other + s.substring(index + 1);
  }

  Principal verify(String credential) throws Refusal {
    return keys.verify(credential, clock.instant(), null);
  }

  /** The refusal {@code keys} throws for {@code credential}; fails the test if it accepts it. */
  static Refusal refusal(
      ApiKeys keys, String credential, Instant now, RevocationStore revocations) {
    try {
      Principal accepted = keys.verify(credential, now, revocations);
      throw new AssertionError("expected a refusal, was accepted as " + accepted);
    } catch (Refusal r) {
      return r;
    }
  }

  Refusal refusal(String credential) {
    return refusal(keys, credential, clock.instant(), null);
  }

  // ---- generation ----

  @Test
  void generate_plaintext_isPrefixBase62KeyIdAndBase62Secret() {
    GeneratedApiKey key = keys.generate("alice", Set.of("read"), DAY);

    assertThat(key.plaintext())
        .matches("bk_live_[0-9A-Za-z]{16}_[0-9A-Za-z]{43}")
        .isEqualTo("bk_live_" + key.keyId() + "_" + secretOf(key));
  }

  @Test
  void generate_manyKeys_neverRepeatAKeyIdOrSecret() {
    Set<String> ids = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      GeneratedApiKey key = keys.generate("alice", Set.of(), null);
      ids.add(key.keyId());
      secrets.add(secretOf(key));
    }

    assertThat(ids).hasSize(2000);
    assertThat(secrets).hasSize(2000);
  }

  @Test
  void generate_secretCharacters_areUniformOverTheBase62Alphabet() {
    // 2000 secrets * 43 chars = 86,000 draws, 1,387 expected per symbol, standard deviation ~37:
    // a biased modulo (256 % 62 != 0 without rejection) or a reduced alphabet falls outside +-15%.
    int[] counts = new int[128];
    int draws = 0;
    for (int i = 0; i < 2000; i++) {
      for (char c : secretOf(keys.generate("alice", Set.of(), null)).toCharArray()) {
        counts[c]++;
        draws++;
      }
    }
    double expected = draws / 62.0;
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    for (char c : alphabet.toCharArray()) {
      assertThat((double) counts[c])
          .as("count of '%s'", c)
          .isBetween(expected * 0.85, expected * 1.15);
    }
  }

  @Test
  void generate_secret_carriesAtLeast256Bits() {
    String secret = secretOf(keys.generate("alice", Set.of(), null));

    assertThat(secret.length() * Math.log(62) / Math.log(2)).isGreaterThanOrEqualTo(256.0);
  }

  @Test
  void generate_withoutPepper_storesSha256OfTheSecretOnly() throws Exception {
    GeneratedApiKey key = keys.generate("alice", Set.of(), DAY);
    byte[] sha256 =
        MessageDigest.getInstance("SHA-256")
            .digest(secretOf(key).getBytes(StandardCharsets.US_ASCII));

    ApiKeyRecord stored = store.findByKeyId(key.keyId()).orElseThrow();
    assertThat(stored.secretDigest()).isEqualTo(sha256);
  }

  @Test
  void generate_withPepper_storesHmacSha256OfTheSecretUnderThePepper() throws Exception {
    byte[] pepper = pepper(32, 1);
    InMemoryApiKeyStore peppered = new InMemoryApiKeyStore();
    ApiKeys pk = ApiKeys.builder().prefix("bk_live").store(peppered).pepper(pepper).build();
    GeneratedApiKey key = pk.generate("alice", Set.of(), DAY);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
    byte[] hmac = mac.doFinal(secretOf(key).getBytes(StandardCharsets.US_ASCII));

    assertThat(peppered.findByKeyId(key.keyId()).orElseThrow().secretDigest()).isEqualTo(hmac);
  }

  @Test
  void generate_record_carriesOwnerScopesCreationAndExpiry() {
    GeneratedApiKey key = keys.generate("alice", Set.of("read", "write"), DAY);

    ApiKeyRecord r = store.findByKeyId(key.keyId()).orElseThrow();
    assertThat(r).isEqualTo(key.record());
    assertThat(r.ownerSubject()).isEqualTo("alice");
    assertThat(r.scopes()).containsExactlyInAnyOrder("read", "write");
    assertThat(r.createdAt()).isEqualTo(T0);
    assertThat(r.expiresAt()).contains(T0.plus(DAY));
    assertThat(r.revoked()).isFalse();
  }

  @Test
  void generate_nullTtl_neverExpires() throws Refusal {
    GeneratedApiKey key = keys.generate("alice", Set.of(), null);

    assertThat(key.record().expiresAt()).isEmpty();
    assertThat(keys.verify(key.plaintext(), T0.plus(Duration.ofDays(365 * 100)), null)).isNotNull();
  }

  @Test
  void generate_blankOwner_throwsIllegalArgumentNamingOwnerSubject() {
    assertThatThrownBy(() -> keys.generate(" ", Set.of(), DAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ownerSubject");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void generate_nonPositiveTtl_throwsIllegalArgumentNamingTtlAndValue(long seconds) {
    Duration ttl = Duration.ofSeconds(seconds);

    assertThatThrownBy(() -> keys.generate("alice", Set.of(), ttl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl")
        .hasMessageContaining(ttl.toString());
  }

  // ---- verification ----

  @Test
  void verify_generatedKey_returnsApiKeyPrincipal() throws Refusal {
    GeneratedApiKey key = keys.generate("alice", Set.of("read", "write"), DAY);

    Principal p = verify(key.plaintext());

    assertThat(p).isNotNull();
    assertThat(p.method()).isEqualTo(AuthMethod.API_KEY);
    assertThat(p.issuer()).isEqualTo("bk_live");
    assertThat(p.subject()).isEqualTo("alice");
    assertThat(p.scopes()).containsExactlyInAnyOrder("read", "write");
    assertThat(p.credentialId()).contains(key.keyId());
    assertThat(p.issuedAt()).contains(T0);
    assertThat(p.expiresAt()).contains(T0.plus(DAY));
    assertThat(p.audiences()).isEmpty();
    assertThat(p.claims()).isEmpty();
  }

  @Test
  void verify_wrongSecret_isInvalidApiKey() {
    String plaintext = keys.generate("alice", Set.of(), DAY).plaintext();

    Refusal v = refusal(flip(plaintext, plaintext.length() - 1));

    assertThat(v.reason()).isEqualTo(FailureReason.INVALID_API_KEY);
  }

  @Test
  void verify_secretOfAnotherKey_isInvalidApiKey() {
    GeneratedApiKey a = keys.generate("alice", Set.of(), DAY);
    GeneratedApiKey b = keys.generate("bob", Set.of(), DAY);

    Refusal v = refusal("bk_live_" + a.keyId() + "_" + secretOf(b));

    assertThat(v.reason()).isEqualTo(FailureReason.INVALID_API_KEY);
  }

  @Test
  void verify_unknownKeyId_isInvalidApiKey() {
    String plaintext = keys.generate("alice", Set.of(), DAY).plaintext();

    Refusal v = refusal(flip(plaintext, "bk_live_".length()));

    assertThat(v.reason()).isEqualTo(FailureReason.INVALID_API_KEY);
  }

  @Test
  void verify_unknownIdAndWrongSecret_areIndistinguishableInTheResult() {
    String plaintext = keys.generate("alice", Set.of(), DAY).plaintext();

    Refusal unknownId = refusal(flip(plaintext, "bk_live_".length()));
    Refusal wrongSecret = refusal(flip(plaintext, plaintext.length() - 1));

    assertThat(unknownId.reason()).isEqualTo(wrongSecret.reason());
    assertThat(unknownId.detail()).isEqualTo(wrongSecret.detail());
  }

  @Test
  void verify_atExpiryInstant_isExpired() {
    String plaintext = keys.generate("alice", Set.of(), DAY).plaintext();

    Refusal v = refusal(keys, plaintext, T0.plus(DAY), null);

    assertThat(v.reason()).isEqualTo(FailureReason.EXPIRED);
  }

  @Test
  void verify_oneNanosecondBeforeExpiry_isAccepted() throws Refusal {
    String plaintext = keys.generate("alice", Set.of(), DAY).plaintext();

    Principal p = keys.verify(plaintext, T0.plus(DAY).minusNanos(1), null);

    assertThat(p).isNotNull();
  }

  @Test
  void verify_afterRevoke_isRevoked() {
    GeneratedApiKey key = keys.generate("alice", Set.of(), DAY);

    assertThat(keys.revoke(key.keyId())).isTrue();

    assertThat(refusal(key.plaintext()).reason()).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void revoke_unknownKeyId_returnsFalse() {
    assertThat(keys.revoke("0000000000000000")).isFalse();
  }

  @Test
  void verify_keyIdRevokedInRevocationStore_isRevoked() {
    GeneratedApiKey key = keys.generate("alice", Set.of(), DAY);
    InMemoryRevocationStore revocations = new InMemoryRevocationStore(clock);
    revocations.revokeApiKey(key.keyId());

    Refusal v = refusal(keys, key.plaintext(), clock.instant(), revocations);

    assertThat(v.reason()).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void verify_ownerRevokedAfterKeyCreation_isRevoked() {
    GeneratedApiKey key = keys.generate("alice", Set.of(), DAY);
    InMemoryRevocationStore revocations = new InMemoryRevocationStore(clock);
    revocations.revokeSubject("alice", T0.plusSeconds(1));

    Refusal v = refusal(keys, key.plaintext(), T0.plusSeconds(2), revocations);

    assertThat(v.reason()).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void verify_keyCreatedAtOrAfterOwnerRevocation_isAccepted() throws Refusal {
    InMemoryRevocationStore revocations = new InMemoryRevocationStore(clock);
    revocations.revokeSubject("alice", T0);
    GeneratedApiKey key = keys.generate("alice", Set.of(), DAY);

    Principal p = keys.verify(key.plaintext(), T0.plusSeconds(1), revocations);

    assertThat(p).isNotNull();
  }

  @Test
  void verify_otherSubjectRevoked_isAccepted() throws Refusal {
    GeneratedApiKey key = keys.generate("alice", Set.of(), DAY);
    InMemoryRevocationStore revocations = new InMemoryRevocationStore(clock);
    revocations.revokeSubject("bob", T0.plusSeconds(10));
    revocations.revokeApiKey("0000000000000000");

    Principal p = keys.verify(key.plaintext(), T0.plusSeconds(1), revocations);

    assertThat(p).isNotNull();
  }

  static Stream<Arguments> malformedShapes() {
    return Stream.of(
        Arguments.of("empty", (UnaryOperator<String>) k -> ""),
        Arguments.of("prefix only", (UnaryOperator<String>) k -> "bk_live_"),
        Arguments.of("no secret", (UnaryOperator<String>) k -> k.substring(0, k.lastIndexOf('_'))),
        Arguments.of(
            "no separator before secret",
            (UnaryOperator<String>)
                k -> k.substring(0, k.lastIndexOf('_')) + k.substring(k.lastIndexOf('_') + 1)),
        Arguments.of("extra part", (UnaryOperator<String>) k -> k + "_x"),
        Arguments.of(
            "secret one short", (UnaryOperator<String>) k -> k.substring(0, k.length() - 1)),
        Arguments.of("secret one long", (UnaryOperator<String>) k -> k + "a"),
        Arguments.of(
            "id one short, secret one long",
            (UnaryOperator<String>)
                k -> "bk_live_" + k.substring(9, 24) + "_" + k.substring(25) + "a"),
        Arguments.of(
            "base64url '-' in secret",
            (UnaryOperator<String>) k -> k.substring(0, k.length() - 1) + "-"),
        Arguments.of(
            "'_' in secret", (UnaryOperator<String>) k -> k.substring(0, k.length() - 2) + "_a"),
        Arguments.of(
            "'=' padding", (UnaryOperator<String>) k -> k.substring(0, k.length() - 1) + "="),
        Arguments.of(
            "non-ASCII digit in id",
            (UnaryOperator<String>) k -> "bk_live_\u0661" + k.substring(9)),
        Arguments.of("other prefix", (UnaryOperator<String>) k -> "bk_test" + k.substring(7)),
        Arguments.of("upper-case prefix", (UnaryOperator<String>) k -> "BK_LIVE" + k.substring(7)),
        Arguments.of(
            "leading space", (UnaryOperator<String>) k -> " " + k.substring(0, k.length() - 1)),
        Arguments.of(
            "trailing newline",
            (UnaryOperator<String>) k -> k.substring(0, k.length() - 1) + "\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedShapes")
  void verify_wrongShape_isMalformed(String name, UnaryOperator<String> mutation) {
    String plaintext = keys.generate("alice", Set.of(), DAY).plaintext();

    Refusal v = refusal(mutation.apply(plaintext));

    assertThat(v.reason()).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void verify_null_isMalformed() {
    assertThat(refusal(null).reason()).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void verify_keyGeneratedUnderAnotherPepper_isInvalidApiKey() {
    InMemoryApiKeyStore shared = new InMemoryApiKeyStore();
    ApiKeys first = ApiKeys.builder().prefix("bk_live").store(shared).pepper(pepper(32, 1)).build();
    ApiKeys second =
        ApiKeys.builder().prefix("bk_live").store(shared).pepper(pepper(32, 2)).build();
    String plaintext = first.generate("alice", Set.of(), DAY).plaintext();

    assertThat(refusal(second, plaintext, T0, null).reason())
        .isEqualTo(FailureReason.INVALID_API_KEY);
  }

  @Test
  void verify_pepperedKeyWithoutThePepper_isInvalidApiKey() {
    InMemoryApiKeyStore shared = new InMemoryApiKeyStore();
    ApiKeys peppered =
        ApiKeys.builder().prefix("bk_live").store(shared).pepper(pepper(32, 1)).build();
    ApiKeys plain = ApiKeys.builder().prefix("bk_live").store(shared).build();
    String plaintext = peppered.generate("alice", Set.of(), DAY).plaintext();

    assertThat(refusal(plain, plaintext, T0, null).reason())
        .isEqualTo(FailureReason.INVALID_API_KEY);
  }

  @Test
  void verify_storeReturningAnotherKeysRecord_isInvalidApiKey() {
    // A store that ignores the id it is asked for must not let one key's secret open another id.
    GeneratedApiKey real = keys.generate("alice", Set.of(), DAY);
    ApiKeyStore sloppy =
        new ApiKeyStore() {
          @Override
          public Optional<ApiKeyRecord> findByKeyId(String keyId) {
            return Optional.of(real.record());
          }

          @Override
          public void insert(ApiKeyRecord record) {}

          @Override
          public boolean markRevoked(String keyId) {
            return false;
          }
        };
    ApiKeys sloppyKeys = ApiKeys.builder().prefix("bk_live").store(sloppy).build();
    String forged = "bk_live_" + "Z".repeat(16) + "_" + secretOf(real);

    assertThat(refusal(sloppyKeys, forged, T0, null).reason())
        .isEqualTo(FailureReason.INVALID_API_KEY);
  }

  @Test
  void verify_storeThrowing_failsClosedWithoutQuotingTheException() {
    GeneratedApiKey key = keys.generate("alice", Set.of(), DAY);
    ApiKeyStore broken =
        new ApiKeyStore() {
          @Override
          public Optional<ApiKeyRecord> findByKeyId(String keyId) {
            throw new IllegalStateException(
                "connection refused while looking up " + key.plaintext());
          }

          @Override
          public void insert(ApiKeyRecord record) {}

          @Override
          public boolean markRevoked(String keyId) {
            return false;
          }
        };
    ApiKeys brokenKeys = ApiKeys.builder().prefix("bk_live").store(broken).build();

    Refusal v = refusal(brokenKeys, key.plaintext(), T0, null);

    assertThat(v.reason()).isEqualTo(FailureReason.INTERNAL_ERROR);
    assertThat(v.detail()).doesNotContain(secretOf(key)).doesNotContain("connection refused");
  }

  @Test
  void verify_revocationStoreThrowing_failsClosed() {
    GeneratedApiKey key = keys.generate("alice", Set.of(), DAY);
    InMemoryRevocationStore real = new InMemoryRevocationStore(clock);
    dev.bulwark.auth.store.RevocationStore broken =
        new dev.bulwark.auth.store.RevocationStore() {
          @Override
          public void revokeToken(String tokenId, Instant expiresAt) {}

          @Override
          public void revokeSubject(String subject, Instant issuedBefore) {}

          @Override
          public void revokeApiKey(String keyId) {}

          @Override
          public boolean isTokenRevoked(String tokenId) {
            return real.isTokenRevoked(tokenId);
          }

          @Override
          public Optional<Instant> subjectRevokedBefore(String subject) {
            throw new IllegalStateException("revocation database is down");
          }

          @Override
          public boolean isApiKeyRevoked(String keyId) {
            return false;
          }
        };

    assertThat(refusal(keys, key.plaintext(), T0, broken).reason())
        .isEqualTo(FailureReason.INTERNAL_ERROR);
  }

  @Test
  void verify_failureDetails_neverContainTheSecret() {
    GeneratedApiKey key = keys.generate("alice", Set.of(), DAY);
    String secret = secretOf(key);
    InMemoryRevocationStore revocations = new InMemoryRevocationStore(clock);
    revocations.revokeSubject("alice", T0.plusSeconds(1));
    String wrong = flip(key.plaintext(), key.plaintext().length() - 1);

    Stream<Refusal> failures =
        Stream.of(
            refusal(keys, key.plaintext() + "x", T0, null),
            refusal(keys, wrong, T0, null),
            refusal(keys, key.plaintext(), T0.plus(DAY), null),
            refusal(keys, key.plaintext(), T0.plusSeconds(2), revocations));

    assertThat(failures)
        .allSatisfy(
            v -> {
              assertThat(v.detail())
                  .doesNotContain(secret)
                  .doesNotContain(secret.substring(0, 12))
                  .doesNotContain(wrong.substring(wrong.lastIndexOf('_') + 1));
            });
  }

  // ---- prefix matching ----

  @Test
  void hasPrefix_ownKey_isTrue() {
    assertThat(keys.hasPrefix(keys.generate("alice", Set.of(), DAY).plaintext())).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "bk_live",
        "bk_livex_abc",
        "bk_test_abc",
        "BK_LIVE_abc",
        "eyJhbGciOiJSUzI1NiJ9.e30.sig"
      })
  void hasPrefix_otherCredentials_isFalse(String credential) {
    assertThat(keys.hasPrefix(credential)).isFalse();
  }

  @Test
  void hasPrefix_null_isFalse() {
    assertThat(keys.hasPrefix(null)).isFalse();
  }

  @Test
  void prefix_returnsConfiguredPrefix() {
    assertThat(keys.prefix()).isEqualTo("bk_live");
  }

  // ---- builder ----

  @ParameterizedTest
  @ValueSource(
      strings = {"bk", "bk_live", "k9", "7", "acme2_test3", "abcdefghijklmnop_qrstuvwxyz01234"})
  void builder_wellFormedPrefix_isAccepted(String prefix) throws Refusal {
    ApiKeys k = ApiKeys.builder().prefix(prefix).store(new InMemoryApiKeyStore()).build();
    String plaintext = k.generate("alice", Set.of(), DAY).plaintext();

    assertThat(k.verify(plaintext, Instant.now(), null)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "_",
        "BK_live",
        "bk_",
        "_bk",
        "bk__live",
        "bk_live_test",
        "bk-live",
        "bk live",
        "bk.live",
        "bk\u00e9",
        "abcdefghijklmnop_qrstuvwxyz012345"
      })
  void builder_malformedPrefix_throwsIllegalArgumentNamingSettingAndValue(String prefix) {
    assertThatThrownBy(() -> ApiKeys.builder().prefix(prefix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("prefix must be")
        .hasMessageEndingWith("was \"" + prefix + "\"");
  }

  @Test
  void builder_prefixSetTwice_throwsIllegalState() {
    ApiKeys.Builder b = ApiKeys.builder().prefix("bk_live");

    assertThatThrownBy(() -> b.prefix("bk_test"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("prefix");
  }

  @Test
  void builder_prefixSetTwice_messageShowsBothValues() {
    ApiKeys.Builder b = ApiKeys.builder().prefix("bk_live");

    assertThatThrownBy(() -> b.prefix("bk_test"))
        .hasMessage("prefix was already set to bk_live, cannot set it again to bk_test");
  }

  @Test
  void builder_storeSetTwice_throwsIllegalState() {
    ApiKeys.Builder b = ApiKeys.builder().store(store);

    assertThatThrownBy(() -> b.store(store))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store");
  }

  @Test
  void builder_clockSetTwice_throwsIllegalState() {
    ApiKeys.Builder b = ApiKeys.builder().clock(clock);

    assertThatThrownBy(() -> b.clock(clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("clock");
  }

  @Test
  void builder_pepperSetTwice_throwsIllegalState() {
    ApiKeys.Builder b = ApiKeys.builder().pepper(pepper(32, 1));

    assertThatThrownBy(() -> b.pepper(pepper(32, 2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pepper");
  }

  @Test
  void builder_pepperSetTwice_messageNamesTheSettingNeverEitherValue() {
    byte[] first = pepper(32, 1);
    byte[] second = pepper(32, 2);
    ApiKeys.Builder b = ApiKeys.builder().pepper(first);

    // A secret: the message names the setting, and holds neither pepper in any usual encoding.
    assertThatThrownBy(() -> b.pepper(second)).hasMessage("pepper was already set");
  }

  @Test
  void builder_missingPrefix_throwsIllegalStateNamingPrefix() {
    assertThatThrownBy(() -> ApiKeys.builder().store(store).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("prefix must be set");
  }

  @Test
  void builder_missingStore_throwsIllegalStateNamingStore() {
    assertThatThrownBy(() -> ApiKeys.builder().prefix("bk_live").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("store must be set");
  }

  @Test
  void builder_pepperShorterThan32Bytes_throwsIllegalArgumentWithLengthNotValue() {
    byte[] shortPepper = pepper(31, 5);

    assertThatThrownBy(() -> ApiKeys.builder().pepper(shortPepper))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pepper must be at least 32 bytes, was 31 bytes");
  }

  @Test
  void builder_pepperArrayChangedAfterwards_keysStillVerify() throws Refusal {
    byte[] pepper = pepper(32, 1);
    ApiKeys k =
        ApiKeys.builder().prefix("bk_live").store(new InMemoryApiKeyStore()).pepper(pepper).build();
    String plaintext = k.generate("alice", Set.of(), DAY).plaintext();

    Arrays.fill(pepper, (byte) 0);

    assertThat(k.verify(plaintext, Instant.now(), null)).isNotNull();
  }
}
