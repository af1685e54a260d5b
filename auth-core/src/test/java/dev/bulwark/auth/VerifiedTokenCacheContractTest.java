/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.bulwark.auth.internal.cache.CachedToken;
import dev.bulwark.auth.internal.cache.VerifiedTokenCache;
import dev.bulwark.auth.internal.jws.KeyLoader;
import dev.bulwark.auth.internal.jws.VerificationKey;
import dev.bulwark.auth.testsupport.Concurrently;
import dev.bulwark.auth.testsupport.InvalidationHammer;
import dev.bulwark.auth.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link VerifiedTokenCache}, run against every implementation by one subclass each
 * (as JCTools' {@code QueueSanityTest}): first on the cache itself, then as the engine uses it.
 * Time comes from the test's {@link MutableClock}; nothing sleeps.
 */
abstract class VerifiedTokenCacheContractTest {
  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final long T = NOW.getEpochSecond();
  static final TestTokens HMAC = TestTokens.hmac("h");
  private static final Issuer ISSUER =
      Issuer.builder(TestTokens.ISS)
          .jwks(new JWKSet(HMAC.publicJwk))
          .audiences(TestTokens.AUD)
          .algorithms("HS256")
          .build();

  /**
   * The rebuild of a cache that keeps no result per entry, when a test uses the cache itself: the
   * subject is the presented token's text.
   */
  private static final VerifiedTokenCache.ResultRebuilder REBUILD =
      (issuer, token) ->
          AuthResult.success(
              Principal.builder(
                      AuthMethod.JWT,
                      TestTokens.ISS,
                      new String(token, StandardCharsets.ISO_8859_1))
                  .build());

  private static final Duration TTL = Duration.ofMinutes(1);

  final MutableClock clock = new MutableClock(NOW);
  private final MapRevocationStore revocations = new MapRevocationStore();

  /** Per token text, an entry no other token's shares: its own key and its own valid-until. */
  private final Map<String, CachedToken> entries = new ConcurrentHashMap<>();

  private final AtomicLong nextValidUntil = new AtomicLong(NOW.toEpochMilli() + 10_000);

  /**
   * A cache of the implementation under test, whose time is {@code clock}'s and whose slots are
   * chosen by {@code hash}, or by the implementation's own hash if {@code hash} is null; {@code
   * rebuilder} is for a cache that keeps no result per entry.
   */
  abstract VerifiedTokenCache newCache(
      long maximumSize,
      Duration ttl,
      Clock clock,
      ToLongFunction<byte[]> hash,
      VerifiedTokenCache.ResultRebuilder rebuilder);

  /**
   * Whether the engine answered {@code again} from the cache entry made when it verified the token
   * it answered with {@code first}, rather than by verifying it again. Called once per answer.
   */
  abstract boolean answeredFromCache(AuthResult first, AuthResult again);

  private VerifiedTokenCache cache(long maximumSize, ToLongFunction<byte[]> hash) {
    return newCache(maximumSize, TTL, clock, hash, REBUILD);
  }

  /** The entry for token {@code text}, the same on every call. */
  private CachedToken entry(String text) {
    return entries.computeIfAbsent(
        text,
        t -> {
          VerificationKey key =
              KeyLoader.load(new OctetSequenceKey.Builder(new byte[32]).keyID(t).build());
          return new CachedToken(
              AuthResult.success(Principal.builder(AuthMethod.JWT, TestTokens.ISS, t).build()),
              ISSUER,
              key,
              nextValidUntil.getAndIncrement());
        });
  }

  /**
   * Whether {@code hit} came from the entry put for {@code text}: its key and valid-until are that
   * entry's own, whatever the result was rebuilt from.
   */
  private boolean isEntryOf(CachedToken hit, String text) {
    CachedToken mine = entry(text);
    return hit.key() == mine.key()
        && hit.issuer() == mine.issuer()
        && hit.validUntilMillis() == mine.validUntilMillis();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  // The cache itself.

  @Test
  void get_tokenPut_returnsItsEntry() {
    VerifiedTokenCache cache = cache(10, null);
    String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlLWJ5dGVz";
    cache.put(bytes(token), entry(token));
    CachedToken hit = cache.get(bytes(token));
    assertThat(isEntryOf(hit, token)).isTrue();
    assertThat(hit.subject()).isEqualTo(token);
  }

  @Test
  void get_neverPutToken_misses() {
    VerifiedTokenCache cache = cache(10, null);
    cache.put(bytes("token-a"), entry("token-a"));
    assertThat(cache.get(bytes("token-b"))).isNull();
  }

  @Test
  void get_everyHashColliding_neverReturnsAnotherTokensEntry() {
    VerifiedTokenCache cache = cache(10, b -> 42L);
    cache.put(bytes("token-a"), entry("token-a"));
    assertThat(cache.get(bytes("token-b"))).isNull();
    assertThat(cache.get(bytes("token-a-longer"))).isNull();
    assertThat(cache.get(bytes("token-A"))).isNull();
  }

  @Test
  void get_twoTokensOfOneHash_eachHitIsItsOwnEntryOrAMiss() {
    VerifiedTokenCache cache = cache(10, b -> 42L);
    cache.put(bytes("token-a"), entry("token-a"));
    cache.put(bytes("token-b"), entry("token-b"));
    for (String t : new String[] {"token-a", "token-b"}) {
      CachedToken hit = cache.get(bytes(t));
      // Two tokens of one hash may replace each other (a miss), never answer for each other.
      assertThat(hit == null || isEntryOf(hit, t)).as(t).isTrue();
    }
    assertThat(cache.get(bytes("token-b"))).isNotNull();
  }

  @Test
  void invalidate_token_forgetsIt() {
    VerifiedTokenCache cache = cache(10, null);
    cache.put(bytes("token-a"), entry("token-a"));
    cache.invalidate(bytes("token-a"));
    assertThat(cache.get(bytes("token-a"))).isNull();
    assertThat(cache.estimatedSize()).isZero();
  }

  @Test
  void invalidate_collidingDifferentToken_keepsEntry() {
    VerifiedTokenCache cache = cache(10, b -> 42L);
    cache.put(bytes("token-a"), entry("token-a"));
    cache.invalidate(bytes("token-b"));
    assertThat(isEntryOf(cache.get(bytes("token-a")), "token-a")).isTrue();
  }

  @Test
  void get_stringRangeHoldingAPutToken_returnsItsEntry() {
    VerifiedTokenCache cache = cache(10, null);
    String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlLWJ5dGVz";
    cache.put(bytes(token), entry(token));
    String header = "Bearer " + token;
    assertThat(isEntryOf(cache.get(header, 7, header.length()), token)).isTrue();
  }

  @Test
  void get_stringRangeOneCharShorterOrLonger_misses() {
    VerifiedTokenCache cache = cache(10, null);
    cache.put(bytes("token-a"), entry("token-a"));
    String header = "Bearer token-ax";
    assertThat(cache.get(header, 7, header.length() - 2)).isNull();
    assertThat(cache.get(header, 7, header.length())).isNull();
  }

  @Test
  void get_stringRangeEveryHashColliding_confirmsOnTheFullToken() {
    VerifiedTokenCache cache = cache(10, b -> 0L);
    cache.put(bytes("token-a"), entry("token-a"));
    assertThat(isEntryOf(cache.get("Bearer token-a", 7, 14), "token-a")).isTrue();
    assertThat(cache.get("Bearer token-X", 7, 14)).isNull();
  }

  @Test
  void invalidate_stringRangeHoldingAPutToken_forgetsIt() {
    VerifiedTokenCache cache = cache(10, null);
    cache.put(bytes("token-a"), entry("token-a"));
    cache.invalidate("Bearer token-a", 7, 14);
    assertThat(cache.get(bytes("token-a"))).isNull();
  }

  @Test
  void get_charAbove0xFfWithTheStoredLowByte_misses() {
    // The low byte of '\u0161' is 'a': a comparison or hash of low bytes would take it for 'a'.
    VerifiedTokenCache cache = cache(10, null);
    cache.put(bytes("token-a"), entry("token-a"));
    assertThat(cache.get("Bearer token-\u0161", 7, 14)).isNull();
  }

  @Test
  void get_charAbove0xFfBeforeOrInTheHashedTail_misses() {
    // A token longer than the slot hash's window: a char above 0xFF before the window leaves the
    // slot unchanged; only the full comparison refuses it, wherever it is.
    VerifiedTokenCache cache = cache(10, null);
    String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlLWJ5dGVz".repeat(4);
    cache.put(bytes(token), entry(token));
    for (int at :
        new int[] {0, 100, token.length() - 65, token.length() - 64, token.length() - 1}) {
      char[] c = ("Bearer " + token).toCharArray();
      c[7 + at] += 0x100;
      String header = new String(c);
      assertThat(cache.get(header, 7, header.length())).as("char %d", at).isNull();
    }
    String header = "Bearer " + token;
    assertThat(isEntryOf(cache.get(header, 7, header.length()), token)).isTrue();
  }

  @Test
  void put_sameTokenAgain_theLaterEntryAnswers() {
    VerifiedTokenCache cache = cache(10, null);
    CachedToken first = entry("token-a");
    cache.put(bytes("token-a"), first);
    CachedToken later =
        new CachedToken(first.result(), first.issuer(), first.key(), first.validUntilMillis() + 1);
    cache.put(bytes("token-a"), later);
    assertThat(cache.get(bytes("token-a")).validUntilMillis()).isEqualTo(later.validUntilMillis());
    assertThat(cache.estimatedSize()).isEqualTo(1);
  }

  @Test
  void put_beyondMaximumSize_keepsToTheBound() {
    VerifiedTokenCache cache = cache(100, null);
    for (int i = 0; i < 1_000; i++) {
      cache.put(bytes("token-" + i), entry("token-" + i));
    }
    assertThat(cache.estimatedSize()).isLessThanOrEqualTo(100);
    assertThat(cache.maximumSize()).isEqualTo(100);
  }

  @Test
  void concurrentPutsOfCollidingTokens_getNeverReturnsAnotherTokensEntry() throws Exception {
    VerifiedTokenCache cache = cache(1000, b -> 7L);
    for (int t = 0; t < 4; t++) {
      entry("token-of-s" + t);
    }
    int wrong =
        Concurrently.wrongAnswers(
            4,
            t -> {
              String text = "token-of-s" + t;
              byte[] token = bytes(text);
              int mistakes = 0;
              for (int i = 0; i < 20_000; i++) {
                cache.put(token, entry(text));
                CachedToken got =
                    (i & 1) == 0
                        ? cache.get(token)
                        : cache.get("Bearer " + text, 7, 7 + text.length());
                if (got != null && !isEntryOf(got, text)) {
                  mistakes++;
                }
              }
              return mistakes;
            });
    assertThat(wrong).isZero();
  }

  /**
   * An invalidation racing with lookups (which may re-index what they find) must still forget the
   * entry. Few tokens, each invalidated right after its put, so that lookups often race with the
   * put itself.
   */
  @Test
  void invalidateRacingLookups_realHash_noHitAfterItReturned() throws Exception {
    VerifiedTokenCache cache = cache(16, null);
    assertThat(
            InvalidationHammer.staleHits(cache, 4, 0, i -> entry(InvalidationHammer.token(i)), 700))
        .isZero();
    assertThat(
            InvalidationHammer.staleHits(cache, 8, 0, i -> entry(InvalidationHammer.token(i)), 700))
        .isZero();
  }

  @Test
  void invalidateRacingLookups_everyHashColliding_noHitAfterItReturned() throws Exception {
    VerifiedTokenCache cache = cache(16, b -> 7L);
    assertThat(
            InvalidationHammer.staleHits(cache, 2, 0, i -> entry(InvalidationHammer.token(i)), 700))
        .isZero();
    assertThat(
            InvalidationHammer.staleHits(cache, 8, 0, i -> entry(InvalidationHammer.token(i)), 700))
        .isZero();
  }

  // As the engine uses it. A hit is observable through answeredFromCache.

  /** An engine on the test's clock with a cache of the implementation under test. */
  AuthEngine.Builder engine(ToLongFunction<byte[]> hash) {
    return AuthEngine.builder()
        .issuer(
            Issuer.builder(TestTokens.ISS)
                .jwks(new JWKSet(HMAC.publicJwk))
                .audiences(TestTokens.AUD)
                .algorithms("HS256")
                .build())
        .revocations(revocations)
        .clock(clock)
        .clockSkew(Duration.ofSeconds(30))
        .tokenCache(
            (size, ttl, engineClock, rebuilder) ->
                newCache(size, ttl, engineClock, hash, rebuilder));
  }

  /** A bearer header holding a token for alice, issued now, expiring in 10 minutes. */
  static String token(String extra) {
    return "Bearer "
        + HMAC.mint(
            "{\"iss\":\""
                + TestTokens.ISS
                + "\",\"sub\":\"alice\",\"aud\":\""
                + TestTokens.AUD
                + "\",\"iat\":"
                + T
                + ",\"exp\":"
                + (T + 600)
                + extra
                + "}");
  }

  @Test
  void secondRequest_sameToken_answeredFromCache() {
    AuthEngine e = engine(null).build();
    String t = token(",\"jti\":\"j-1\",\"scope\":\"a b\"");
    AuthResult first = e.authenticate(t);
    assertThat(first.isAuthenticated()).isTrue();
    assertThat(answeredFromCache(first, e.authenticate(t))).isTrue();
  }

  @Test
  void hit_principal_equalsTheVerifiedOne() {
    AuthEngine e = engine(null).build();
    String t =
        token(",\"jti\":\"j-1\",\"scope\":\"a b\",\"roles\":[\"r\"],\"x\":{\"y\":[1,2.5,null]}");
    AuthResult first = e.authenticate(t);
    AuthResult hit = e.authenticate(t);
    assertThat(answeredFromCache(first, hit)).isTrue();
    assertThat(hit).usingRecursiveComparison().isEqualTo(first);
  }

  @Test
  void hit_afterExpPlusSkew_refusedAsExpired() {
    AuthEngine e = engine(null).build();
    String t = token("");
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    clock.advance(Duration.ofSeconds(630));
    assertThat(e.authenticate(t).failureReason()).isEqualTo(FailureReason.EXPIRED);
  }

  @Test
  void hit_justBeforeExpPlusSkew_stillAnsweredFromCache() {
    AuthEngine e = engine(null).tokenCacheTtl(Duration.ofHours(1)).build();
    String t = token("");
    AuthResult first = e.authenticate(t);
    clock.advance(Duration.ofSeconds(630).minusMillis(1));
    assertThat(answeredFromCache(first, e.authenticate(t))).isTrue();
  }

  @Test
  void hit_afterCacheTtl_verifiedAgain() {
    AuthEngine e = engine(null).tokenCacheTtl(Duration.ofSeconds(60)).build();
    String t = token("");
    AuthResult first = e.authenticate(t);
    clock.advance(Duration.ofSeconds(60));
    AuthResult second = e.authenticate(t);
    assertThat(second.isAuthenticated()).isTrue();
    assertThat(answeredFromCache(first, second)).isFalse();
  }

  @Test
  void hit_afterJtiRevoked_refusedAsRevoked() {
    AuthEngine e = engine(null).build();
    String t = token(",\"jti\":\"j-1\"");
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    revocations.revokeToken("j-1", NOW.plusSeconds(600));
    assertThat(e.authenticate(t).failureReason()).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void hit_afterSubjectRevoked_refusedAsRevoked() {
    AuthEngine e = engine(null).build();
    String t = token("");
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    revocations.revokeSubject("alice", NOW.plusSeconds(1));
    assertThat(e.authenticate(t).failureReason()).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void hit_subjectRevokedOneNanosecondAfterIat_refusedAsRevoked() {
    // The entry keeps iat as an Instant: a millisecond copy would round this revocation away.
    AuthEngine e = engine(null).build();
    String t = token("");
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    revocations.revokeSubject("alice", NOW.plusNanos(1));
    assertThat(e.authenticate(t).failureReason()).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void hit_subjectRevokedExactlyAtIat_stillAnsweredFromCache() {
    AuthEngine e = engine(null).build();
    String t = token("");
    AuthResult first = e.authenticate(t);
    revocations.revokeSubject("alice", NOW);
    assertThat(answeredFromCache(first, e.authenticate(t))).isTrue();
  }

  @Test
  void forgedToken_everySlotColliding_verifiedInFullAndRefused() {
    // Every token lands in one slot: only the full-token comparison tells them apart.
    AuthEngine e = engine(b -> 0L).build();
    String good = token("");
    assertThat(e.authenticate(good).isAuthenticated()).isTrue();
    String forged = good.substring(0, good.lastIndexOf('.') + 1) + TestTokens.b64(new byte[32]);
    assertThat(e.authenticate(forged).failureReason()).isEqualTo(FailureReason.BAD_SIGNATURE);
  }

  @Test
  void differentToken_samePrefix_isAMiss() {
    AuthEngine e = engine(null).build();
    String good = token("");
    AuthResult first = e.authenticate(good);
    AuthResult other = e.authenticate(good + "=");
    assertThat(answeredFromCache(first, other)).isFalse();
    assertThat(other.isAuthenticated()).isFalse();
  }

  @Test
  void hit_tokenWithACharAbove0xFfSharingTheLowByte_neverHits() {
    // A hash of each char's low byte would put this header in the good token's slot.
    AuthEngine e = engine(null).build();
    String good = token("");
    AuthResult first = e.authenticate(good);
    char[] c = good.toCharArray();
    c[c.length - 1] += 0x100;
    AuthResult forged = e.authenticate(new String(c));
    assertThat(answeredFromCache(first, forged)).isFalse();
    assertThat(forged.isAuthenticated()).isFalse();
  }
}
