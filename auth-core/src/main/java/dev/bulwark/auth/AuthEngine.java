/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import dev.bulwark.auth.internal.Refusal;
import dev.bulwark.auth.internal.cache.CachedToken;
import dev.bulwark.auth.internal.cache.OffHeapVerifiedTokenCache;
import dev.bulwark.auth.internal.cache.OnHeapVerifiedTokenCache;
import dev.bulwark.auth.internal.cache.VerifiedTokenCache;
import dev.bulwark.auth.internal.http.Challenges;
import dev.bulwark.auth.internal.http.HeaderSyntax;
import dev.bulwark.auth.internal.jfr.AuthenticationEvent;
import dev.bulwark.auth.internal.json.StrictJson;
import dev.bulwark.auth.internal.jws.JwsVerifier;
import dev.bulwark.auth.internal.jws.KeySet;
import dev.bulwark.auth.internal.jws.VerificationKey;
import dev.bulwark.auth.internal.jwt.JwtClaims;
import dev.bulwark.auth.store.RevocationStore;
import dev.bulwark.auth.store.StoreUnavailableException;
import dev.bulwark.memory.PoolStats;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Authenticates the {@code Authorization} header of a request: a bearer JWT from one of the
 * configured issuers, or a Bulwark API key. Immutable and thread-safe: build one per application
 * and share it.
 *
 * <p>A bearer JWT goes through these steps, and the first that fails decides the {@link
 * FailureReason}: header syntax (RFC 7235 scheme, compared without case; one RFC 6750 {@code
 * b64token}); length limit; the verified-token cache; strict parsing (three base64url segments,
 * JSON depth limit, no duplicate names, no {@code crit}, no nested JWT); routing by the unverified
 * {@code iss} to exactly one issuer; the signature, with that issuer's keys and algorithm
 * allow-list only; the claims ({@code exp}, {@code nbf}, {@code iat} with the clock skew, {@code
 * aud}, required claims); revocation. A {@code Bearer} credential that carries the API-key prefix,
 * and any {@code ApiKey} credential, goes to {@link ApiKeys} instead.
 *
 * <p>The verified-token cache remembers a token that passed every check, until the earliest of its
 * {@code exp} (plus the clock skew, as for an uncached token), the cache TTL, the revocation of its
 * {@code jti} or subject, or the removal of its key from the issuer's key set: the revocation store
 * and the key set are consulted on every hit. A hit is confirmed on the full token in constant
 * time.
 *
 * <p>The engine counts every attempt by outcome ({@link #stats()}), with striped counters that
 * exist whether or not anything reads them. A {@link AuthTimingListener} added with {@link
 * #addTimingListener} is told the duration of every call, or of a random sample of them; a call no
 * listener samples reads no clock. The JDK Flight Recorder event {@code
 * dev.bulwark.auth.Authentication} records each call with its stages when a recording enables it.
 */
public final class AuthEngine {
  private static final System.Logger LOG = System.getLogger(AuthEngine.class.getName());

  private static final Duration MAX_SKEW = Duration.ofMinutes(5);
  private static final Duration MAX_CACHE_TTL = Duration.ofDays(1);
  private static final int MIN_TOKEN_LENGTH = 128;
  private static final int MAX_TOKEN_LENGTH = 1024 * 1024;
  private static final int MAX_JSON_DEPTH = 64;

  /** The largest sample interval of a timing listener: one call in about a million. */
  public static final int MAX_TIMING_SAMPLE_INTERVAL = 1 << 20;

  /** Longest scheme we could recognise ("ApiKey", "Bearer") plus separators. */
  private static final int SCHEME_ALLOWANCE = 16;

  private final Map<String, Issuer> issuers;

  /** The issuers in the order they were added, for {@link #keySetHealth()}. */
  private final List<Issuer> issuerOrder;

  private final ApiKeys apiKeys;
  private final RevocationStore revocations;
  private final long skewMillis;
  private final Clock clock;
  private final int maxTokenLength;
  private final int maxJsonDepth;
  private final VerifiedTokenCache cache;
  private final long cacheTtlMillis;
  private final Map<FailureReason, String> bearerChallenges;
  private final Map<FailureReason, String> apiKeyChallenges;
  private final AuthCounters counters = new AuthCounters();

  /** The timing listeners, or null for none (the common case, one read per call). */
  private volatile Timings timings;

  private AuthEngine(Builder b) {
    this.issuers = Map.copyOf(b.issuers);
    this.issuerOrder = List.copyOf(b.issuers.values());
    this.apiKeys = b.apiKeys;
    this.revocations = b.revocations;
    this.skewMillis =
        (b.clockSkew == null ? Duration.ofSeconds(Builder.DEFAULT_CLOCK_SKEW_SECONDS) : b.clockSkew)
            .toMillis();
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.maxTokenLength =
        b.maxTokenLength == null ? Builder.DEFAULT_MAX_TOKEN_LENGTH : b.maxTokenLength;
    this.maxJsonDepth = b.maxJsonDepth == null ? Builder.DEFAULT_MAX_JSON_DEPTH : b.maxJsonDepth;
    long cacheSize =
        b.tokenCacheMaximumSize == null
            ? Builder.DEFAULT_TOKEN_CACHE_MAXIMUM_SIZE
            : b.tokenCacheMaximumSize;
    Duration ttl =
        b.tokenCacheTtl == null
            ? Duration.ofSeconds(Builder.DEFAULT_TOKEN_CACHE_TTL_SECONDS)
            : b.tokenCacheTtl;
    this.cacheTtlMillis = ttl.toMillis();
    this.cache =
        cacheSize == 0
            ? null
            : b.cacheFactory == null
                ? new OnHeapVerifiedTokenCache(cacheSize, ttl)
                : b.cacheFactory.create(cacheSize, ttl, clock, this::rebuildHit);
    this.bearerChallenges = Challenges.forScheme("Bearer", b.realm);
    this.apiKeyChallenges = Challenges.forScheme("ApiKey", b.realm);
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Authenticates the value of an {@code Authorization} header ({@code Bearer <jwt>}, {@code Bearer
   * <api key>} or {@code ApiKey <api key>}). Never throws for bad input: a {@code null}, empty or
   * hostile value gives a failure result, and an unexpected internal error gives {@link
   * FailureReason#INTERNAL_ERROR} (fail closed).
   */
  public AuthResult authenticate(String authorizationHeader) {
    Timings t = timings;
    // Built only to ask. With the event off it is optimised away, but only because the branch that
    // hands it on is never taken: an event that could escape on any path a call takes would be
    // allocated on every call.
    AuthenticationEvent event = new AuthenticationEvent();
    if (event.isEnabled()) {
      return authenticateRecorded(authorizationHeader, t, event);
    }
    if (t == null) {
      return authenticate(authorizationHeader, null);
    }
    // One random draw decides which listeners hear of this call; a call no listener samples reads
    // no clock, which is what keeps a sampled timer nearly free.
    int draw = ThreadLocalRandom.current().nextInt();
    if (!t.timesClock(draw)) {
      return authenticate(authorizationHeader, null);
    }
    long start = System.nanoTime();
    AuthResult result = authenticate(authorizationHeader, null);
    t.tell(result, draw, System.nanoTime() - start);
    return result;
  }

  /** {@link #authenticate(String)} while a JFR recording wants the event; timed as sampled. */
  private AuthResult authenticateRecorded(String header, Timings t, AuthenticationEvent event) {
    int draw = t == null ? -1 : ThreadLocalRandom.current().nextInt();
    boolean timed = t != null && t.timesClock(draw);
    event.begin();
    long start = timed ? System.nanoTime() : 0;
    AuthResult result = authenticate(header, event);
    long took = timed ? System.nanoTime() - start : 0;
    event.end();
    if (event.shouldCommit()) {
      event.authenticated = result.isAuthenticated();
      if (result.isAuthenticated()) {
        event.method = result.principal().method().name();
        event.issuer = result.principal().issuer();
      } else {
        event.failureReason = result.failureReason().name();
      }
      event.commit();
    }
    if (timed) {
      t.tell(result, draw, took);
    }
    return result;
  }

  /**
   * Adds a listener told the duration of every later call of {@link #authenticate(String)}: {@link
   * #addTimingListener(AuthTimingListener, int)} with a sample interval of 1.
   *
   * @throws NullPointerException if {@code listener} is null
   */
  public void addTimingListener(AuthTimingListener listener) {
    addTimingListener(listener, 1);
  }

  /**
   * Adds a listener told the duration of about one in {@code sampleInterval} later calls of {@link
   * #authenticate(String)}, chosen at random per call. The engine holds it strongly until {@link
   * #removeTimingListener}; it must not hold the engine. A sampled call reads {@link
   * System#nanoTime()} twice; the others only draw a thread-local random number. Sampling keeps a
   * latency histogram's shape at a fraction of the cost; counts of calls come from {@link
   * #stats()}, which counts every call.
   *
   * @param listener the listener
   * @param sampleInterval 1 to time every call, or a larger power of two up to {@value
   *     #MAX_TIMING_SAMPLE_INTERVAL}
   * @throws NullPointerException if {@code listener} is null
   * @throws IllegalArgumentException if {@code sampleInterval} is not a power of two from 1 to
   *     {@value #MAX_TIMING_SAMPLE_INTERVAL}
   */
  public synchronized void addTimingListener(AuthTimingListener listener, int sampleInterval) {
    Objects.requireNonNull(listener, "listener");
    Timings.checkInterval(sampleInterval);
    timings = Timings.with(timings, listener, sampleInterval);
  }

  /**
   * Removes a listener added with {@link #addTimingListener} (the same instance); does nothing if
   * it is not there.
   */
  public synchronized void removeTimingListener(AuthTimingListener listener) {
    Timings t = timings;
    if (t != null) {
      timings = t.without(listener);
    }
  }

  /**
   * The engine's counters now: attempts by outcome, reason and method, and the verified-token
   * cache's hits, misses, evictions and size. Thread-safe; sums a few dozen striped counters and
   * allocates the snapshot, so it is meant for a metrics scrape, not for every request.
   */
  public AuthStats stats() {
    return counters.snapshot(cache);
  }

  /**
   * The off-heap verified-token cache's memory ({@link Builder#tokenCacheOffHeap}), or empty for
   * the on-heap cache or none: in {@link PoolStats} terms a hit is a token's chunk handed out again
   * from a free list and a miss a chunk carved from a fresh page; the reserved bytes are the pages
   * taken from the cache's pool; the requested bytes are the cached tokens' own lengths, so {@link
   * PoolStats#fragmentationRatio()} is the share of those pages holding no token byte. Thread-safe;
   * allocates the snapshot, for a metrics scrape.
   */
  public Optional<PoolStats> tokenCacheMemory() {
    return cache instanceof OffHeapVerifiedTokenCache
        ? Optional.of(((OffHeapVerifiedTokenCache) cache).chunkStats())
        : Optional.empty();
  }

  /** Authenticates and counts; {@code event} is null unless a recording wants the stages. */
  private AuthResult authenticate(String authorizationHeader, AuthenticationEvent event) {
    Map<FailureReason, String> challenges = bearerChallenges;
    // Null until the header says which kind of credential it carries.
    AuthMethod method = null;
    try {
      String h = authorizationHeader;
      if (h == null || h.isBlank()) {
        return fail(
            method, challenges, FailureReason.MISSING_CREDENTIALS, "no Authorization header");
      }
      if (h.length() > maxTokenLength + SCHEME_ALLOWANCE) {
        return fail(
            method,
            challenges,
            FailureReason.TOO_LARGE,
            "header is " + h.length() + " characters, token limit is " + maxTokenLength);
      }
      int sp = h.indexOf(' ');
      // Ranges of h rather than substrings, here and below: a cache hit is meant to allocate
      // nothing, and a substring is a copy.
      int schemeEnd = sp < 0 ? h.length() : sp;
      boolean bearer = HeaderSyntax.equalsIgnoreAsciiCase(h, schemeEnd, "Bearer");
      boolean apiKeyScheme = !bearer && HeaderSyntax.equalsIgnoreAsciiCase(h, schemeEnd, "ApiKey");
      if (!bearer && !apiKeyScheme) {
        return fail(
            method, challenges, FailureReason.UNSUPPORTED_SCHEME, "scheme is not Bearer or ApiKey");
      }
      method = apiKeyScheme ? AuthMethod.API_KEY : AuthMethod.JWT;
      if (apiKeyScheme) {
        if (apiKeys == null) {
          return fail(
              method, challenges, FailureReason.UNSUPPORTED_SCHEME, "API keys are not enabled");
        }
        challenges = apiKeyChallenges;
      }
      int start = sp;
      while (start >= 0 && start < h.length() && h.charAt(start) == ' ') {
        start++;
      }
      if (sp < 0 || start >= h.length()) {
        return fail(method, challenges, FailureReason.MALFORMED, "no credential after the scheme");
      }
      int length = h.length() - start;
      if (length > maxTokenLength) {
        return fail(
            method,
            challenges,
            FailureReason.TOO_LARGE,
            "credential is " + length + " characters, limit is " + maxTokenLength);
      }
      if (apiKeyScheme || (apiKeys != null && apiKeys.hasPrefix(h, start))) {
        method = AuthMethod.API_KEY;
        if (event != null) {
          event.method = method.name();
        }
        String credential = h.substring(start);
        if (!HeaderSyntax.isB64Token(credential)) {
          return fail(
              method,
              challenges,
              FailureReason.MALFORMED,
              "credential has characters outside " + "the RFC 6750 b64token set");
        }
        try {
          AuthResult ok =
              AuthResult.success(apiKeys.verify(credential, clock.instant(), revocations));
          counters.verifiedSuccess(AuthMethod.API_KEY);
          return ok;
        } catch (Refusal r) {
          return fail(method, challenges, r.reason(), r.detail());
        }
      }
      if (event != null) {
        event.method = method.name();
      }
      return authenticateJwt(h, start, event);
    } catch (StoreUnavailableException e) {
      // A fixed detail: the store's own message is for the host's logs, not the client.
      return fail(
          method, challenges, FailureReason.STORE_UNAVAILABLE, "credential store unavailable");
    } catch (RuntimeException | StackOverflowError e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "credential refused after an internal error: " + e.getClass().getName());
      return fail(method, challenges, FailureReason.INTERNAL_ERROR, "internal error");
    }
  }

  /**
   * The state of every issuer's keys now, in the order the issuers were added: keys and kids held,
   * the last fetch and its error, whether last good keys are being served through an outage.
   * Thread-safe and cheap (a read of a few volatile fields per issuer); never fetches. The list is
   * immutable and holds nothing secret.
   */
  public List<KeySetHealth> keySetHealth() {
    List<KeySetHealth> health = new ArrayList<>(issuerOrder.size());
    for (Issuer issuer : issuerOrder) {
      health.add(KeySetHealth.of(issuer));
    }
    return Collections.unmodifiableList(health);
  }

  /**
   * Authenticates the bearer JWT that fills {@code header} from {@code start} to its end; {@code
   * event}, when not null, is given the stages' durations.
   */
  private AuthResult authenticateJwt(String header, int start, AuthenticationEvent event) {
    long now = clock.millis();
    int end = header.length();
    if (cache != null) {
      // Looked up on the header's chars in place: the cache confirms them against the stored
      // token in constant time, and a char above 0xFF never matches a stored byte.
      CachedToken hit = cache.get(header, start, end);
      if (hit != null) {
        AuthResult r = checkHit(hit, header, start, end, now);
        if (r != null) {
          if (event != null) {
            event.cacheHit = true;
          }
          return r;
        }
      }
      counters.cacheMiss();
    }
    long mark = event == null ? 0 : System.nanoTime();
    // No separate b64token scan: the JWS parser admits only the base64url alphabet and '.', a
    // subset of b64token, and refuses anything else as MALFORMED too.
    try {
      // Latin-1 maps every char above 0xFF to '?', which no accepted token holds, so two different
      // strings with equal bytes can never both be tokens: the entry put below is for this string.
      // The whole header in one intrinsic copy, parsed from the token's offset: a loop over charAt
      // that copied only the token and refused non-ASCII itself cost several times more.
      byte[] headerBytes = header.getBytes(StandardCharsets.ISO_8859_1);
      JwsVerifier.Parsed jws = JwsVerifier.parse(headerBytes, start, maxJsonDepth);
      byte[] payload = jws.payload();
      Map<String, Object> claims =
          StrictJson.parseObject(payload, 0, payload.length, maxJsonDepth, payload.length);
      if (event != null) {
        long t = System.nanoTime();
        event.parseDuration = t - mark;
        mark = t;
      }
      Object iss = claims.get("iss");
      if (!(iss instanceof String)) {
        throw new Refusal(FailureReason.UNKNOWN_ISSUER, "token has no string iss");
      }
      Issuer issuer = issuers.get(iss);
      if (issuer == null) {
        throw new Refusal(FailureReason.UNKNOWN_ISSUER, "iss is not a configured issuer");
      }
      KeySet keys = issuer.keySource().current();
      VerificationKey key;
      try {
        key = JwsVerifier.verify(jws, keys, issuer.algorithmSet(), issuer.requiredType());
      } catch (Refusal r) {
        if (r.reason() != FailureReason.UNKNOWN_KEY || jws.kid() == null) {
          throw r;
        }
        KeySet refreshed = issuer.keySource().refreshForUnknownKid(keys);
        if (refreshed == keys) {
          throw r;
        }
        key = JwsVerifier.verify(jws, refreshed, issuer.algorithmSet(), issuer.requiredType());
      }
      if (event != null) {
        long t = System.nanoTime();
        event.verifyDuration = t - mark;
        mark = t;
      }
      Principal principal = JwtClaims.check(claims, issuer.claimsPolicy(), now, skewMillis);
      if (isRevoked(
          principal.credentialId().orElse(null),
          principal.subject(),
          principal.issuedAt().orElse(null))) {
        throw new Refusal(FailureReason.REVOKED, "token or subject has been revoked");
      }
      if (event != null) {
        event.claimsDuration = System.nanoTime() - mark;
      }
      AuthResult result = AuthResult.success(principal);
      counters.verifiedSuccess(AuthMethod.JWT);
      if (cache != null) {
        long validUntil = now + cacheTtlMillis;
        Optional<Instant> exp = principal.expiresAt();
        if (exp.isPresent()) {
          long expMillis = exp.get().toEpochMilli();
          // Saturating: a huge exp plus the skew must not wrap to a validUntil in the past.
          validUntil =
              Math.min(
                  validUntil,
                  expMillis > Long.MAX_VALUE - skewMillis
                      ? Long.MAX_VALUE
                      : expMillis + skewMillis);
        }
        // The cache keeps these bytes as they are (it is keyed and confirmed on them; the seam's
        // rule 6: never modified after put), so only a cached engine pays for this second copy.
        byte[] token = Arrays.copyOfRange(headerBytes, start, headerBytes.length);
        cache.put(token, new CachedToken(result, issuer, key, validUntil));
      }
      return result;
    } catch (Refusal r) {
      return fail(AuthMethod.JWT, bearerChallenges, r.reason(), r.detail());
    }
  }

  /**
   * The result for a token the off-heap cache has confirmed byte for byte against one this engine
   * verified with {@code issuer}: its claims decoded and checked as {@link #authenticateJwt} does,
   * skipping the header, the signature and the key lookup, which the identical bytes already
   * passed. Null if the claims no longer pass, so that the token is verified again and refused with
   * the reason.
   */
  private AuthResult rebuildHit(Issuer issuer, byte[] token) {
    try {
      byte[] payload = JwsVerifier.payloadOfParsed(token);
      Map<String, Object> claims =
          StrictJson.parseObject(payload, 0, payload.length, maxJsonDepth, payload.length);
      return AuthResult.success(
          JwtClaims.check(claims, issuer.claimsPolicy(), clock.millis(), skewMillis));
    } catch (Refusal r) {
      return null;
    }
  }

  /**
   * Returns the answer for a cache hit on the token in {@code header}[start, end), or null when the
   * entry is stale and the token must be verified again. Allocates nothing when the answer is the
   * cached success: every field it reads was precomputed on the entry.
   */
  private AuthResult checkHit(CachedToken hit, String header, int start, int end, long now) {
    if (now >= hit.validUntilMillis()) {
      cache.invalidate(header, start, end);
      return null;
    }
    KeySet keys;
    try {
      keys = hit.issuer().keySource().current();
    } catch (Refusal r) {
      counters.cachedFailure();
      return fail(AuthMethod.JWT, bearerChallenges, r.reason(), r.detail());
    }
    if (!keys.contains(hit.key())) {
      cache.invalidate(header, start, end);
      return null;
    }
    if (isRevoked(hit.credentialId(), hit.subject(), hit.issuedAt())) {
      cache.invalidate(header, start, end);
      counters.cachedFailure();
      return fail(
          AuthMethod.JWT,
          bearerChallenges,
          FailureReason.REVOKED,
          "token or subject has been revoked");
    }
    counters.cachedSuccess();
    return hit.result();
  }

  /**
   * Whether the credential with this id ({@code jti} or null), subject and issue time (null if
   * unknown) has been revoked. Takes the fields rather than a {@link Principal} so that a cache hit
   * need not unwrap the principal's Optionals.
   */
  private boolean isRevoked(String credentialId, String subject, Instant issuedAt) {
    if (revocations == null) {
      return false;
    }
    if (credentialId != null && revocations.isTokenRevoked(credentialId)) {
      return true;
    }
    // The store's Optional is empty (a shared instance, no allocation) unless the subject is
    // revoked, the rare case.
    Optional<Instant> before = revocations.subjectRevokedBefore(subject);
    if (before.isPresent()) {
      return issuedAt == null || issuedAt.isBefore(before.get());
    }
    return false;
  }

  /** A refusal, counted; {@code method} is null before the header said what it carries. */
  private AuthResult fail(
      AuthMethod method,
      Map<FailureReason, String> challenges,
      FailureReason reason,
      String detail) {
    counters.failure(method, reason);
    return AuthResult.failure(reason, detail, challenges.get(reason));
  }

  @Override
  public String toString() {
    return "AuthEngine{issuers="
        + issuers.keySet()
        + ", apiKeys="
        + (apiKeys != null)
        + ", tokenCache="
        + (cache != null)
        + "}";
  }

  /**
   * Creates the verified-token cache; the seam for another implementation. {@code clock} is the
   * engine's, the one every {@link CachedToken#validUntilMillis()} is measured on. {@code
   * rebuilder} is for a cache that keeps no result per entry (the off-heap one) and rebuilds it on
   * a hit through the engine; a cache that keeps its results ignores it.
   */
  interface CacheFactory {
    VerifiedTokenCache create(
        long maximumSize, Duration ttl, Clock clock, VerifiedTokenCache.ResultRebuilder rebuilder);
  }

  /**
   * Builds an {@link AuthEngine}. Not thread-safe. Each setting may be made once ({@link
   * IllegalStateException} otherwise); a bad value throws {@link IllegalArgumentException} naming
   * the setting and the value.
   */
  public static final class Builder {
    /** The default {@link #clockSkew(Duration)}, in seconds: {@value}. */
    public static final long DEFAULT_CLOCK_SKEW_SECONDS = 30;

    /** The default {@link #maxTokenLength(int)}, in characters: {@value}. */
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8192;

    /** The default {@link #maxJsonDepth(int)}: {@value}. */
    public static final int DEFAULT_MAX_JSON_DEPTH = 16;

    /** The default {@link #tokenCacheMaximumSize(long)}, in entries: {@value}. */
    public static final long DEFAULT_TOKEN_CACHE_MAXIMUM_SIZE = 100_000;

    /** The default {@link #tokenCacheTtl(Duration)}, in seconds: {@value}. */
    public static final long DEFAULT_TOKEN_CACHE_TTL_SECONDS = 300;

    /**
     * The default {@link #prefetchKeys(PrefetchMode)}: {@link PrefetchMode#NONE}, each JWKS fetched
     * by the first token that needs it. (An enum constant, so shown by link rather than value.)
     */
    public static final PrefetchMode DEFAULT_PREFETCH_KEYS = PrefetchMode.NONE;

    private final Map<String, Issuer> issuers = new LinkedHashMap<>();
    private ApiKeys apiKeys;
    private RevocationStore revocations;
    private Duration clockSkew;
    private Clock clock;
    private String realm;
    private Integer maxTokenLength;
    private Integer maxJsonDepth;
    private Long tokenCacheMaximumSize;
    private Duration tokenCacheTtl;
    private PrefetchMode prefetchKeys;
    private CacheFactory cacheFactory;

    /** What set {@link #cacheFactory}, with its value, for messages. */
    private String cacheFactorySetting;

    private Builder() {}

    private static void once(Object current, String setting, Object next) {
      if (current != null) {
        throw new IllegalStateException(
            setting + " was already set to " + current + ", cannot set it again to " + next);
      }
    }

    /**
     * Adds a trusted issuer; tokens are routed by their {@code iss}.
     *
     * @throws IllegalStateException if an issuer with the same {@code iss} was added
     */
    public Builder issuer(Issuer issuer) {
      Objects.requireNonNull(issuer, "issuer");
      if (issuers.containsKey(issuer.iss())) {
        throw new IllegalStateException("issuer " + issuer.iss() + " was already added");
      }
      issuers.put(issuer.iss(), issuer);
      return this;
    }

    /** Enables API keys. */
    public Builder apiKeys(ApiKeys apiKeys) {
      once(this.apiKeys, "apiKeys", apiKeys);
      this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
      return this;
    }

    /** Where revocations are read; none by default. Consulted on every request, cached or not. */
    public Builder revocations(RevocationStore revocations) {
      once(this.revocations, "revocations", revocations);
      this.revocations = Objects.requireNonNull(revocations, "revocations");
      return this;
    }

    /**
     * Tolerance for {@code exp}, {@code nbf} and {@code iat}; 0 to 5 minutes, default {@value
     * #DEFAULT_CLOCK_SKEW_SECONDS} seconds.
     */
    public Builder clockSkew(Duration skew) {
      once(this.clockSkew, "clockSkew", skew);
      Objects.requireNonNull(skew, "clockSkew");
      if (skew.isNegative() || skew.compareTo(MAX_SKEW) > 0) {
        throw new IllegalArgumentException("clockSkew must be between 0s and 5m, was " + skew);
      }
      this.clockSkew = skew;
      return this;
    }

    /** The clock that judges tokens; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      once(this.clock, "clock", clock);
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The realm in {@code WWW-Authenticate} challenges; none by default. Printable ASCII without
     * {@code "} or {@code \}.
     */
    public Builder realm(String realm) {
      once(this.realm, "realm", realm);
      Objects.requireNonNull(realm, "realm");
      if (realm.isEmpty()) {
        throw new IllegalArgumentException("realm must not be empty");
      }
      for (int i = 0; i < realm.length(); i++) {
        char c = realm.charAt(i);
        if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
          throw new IllegalArgumentException(
              "realm must be printable ASCII without '\"' or '\\', "
                  + "was \""
                  + realm.replaceAll("[^\\x20-\\x7E]", "?")
                  + "\"");
        }
      }
      this.realm = realm;
      return this;
    }

    /**
     * Longest credential accepted, in characters; default {@value #DEFAULT_MAX_TOKEN_LENGTH},
     * between 128 and 1 MiB.
     */
    public Builder maxTokenLength(int bytes) {
      once(this.maxTokenLength, "maxTokenLength", bytes);
      if (bytes < MIN_TOKEN_LENGTH || bytes > MAX_TOKEN_LENGTH) {
        throw new IllegalArgumentException(
            "maxTokenLength must be between "
                + MIN_TOKEN_LENGTH
                + " and "
                + MAX_TOKEN_LENGTH
                + ", was "
                + bytes);
      }
      this.maxTokenLength = bytes;
      return this;
    }

    /**
     * Deepest JSON nesting accepted in a JWT header or claims set (the top-level object is depth
     * 1); default {@value #DEFAULT_MAX_JSON_DEPTH}, between 2 and 64.
     */
    public Builder maxJsonDepth(int depth) {
      once(this.maxJsonDepth, "maxJsonDepth", depth);
      if (depth < 2 || depth > MAX_JSON_DEPTH) {
        throw new IllegalArgumentException(
            "maxJsonDepth must be between 2 and " + MAX_JSON_DEPTH + ", was " + depth);
      }
      this.maxJsonDepth = depth;
      return this;
    }

    /**
     * Entries in the verified-token cache; default {@value #DEFAULT_TOKEN_CACHE_MAXIMUM_SIZE}. 0
     * turns the cache off. The bound also caps memory: an entry for a token longer than about 1.8
     * KB counts as several entries (an 8 KiB token as about four), so that large tokens cannot
     * multiply the cache's footprint.
     */
    public Builder tokenCacheMaximumSize(long entries) {
      once(this.tokenCacheMaximumSize, "tokenCacheMaximumSize", entries);
      if (entries < 0 || entries > 100_000_000L) {
        throw new IllegalArgumentException(
            "tokenCacheMaximumSize must be between 0 and " + "100000000, was " + entries);
      }
      this.tokenCacheMaximumSize = entries;
      return this;
    }

    /**
     * Longest time a verified token is remembered; default {@value
     * #DEFAULT_TOKEN_CACHE_TTL_SECONDS} seconds, at most 1 day.
     */
    public Builder tokenCacheTtl(Duration ttl) {
      once(this.tokenCacheTtl, "tokenCacheTtl", ttl);
      Objects.requireNonNull(ttl, "tokenCacheTtl");
      if (ttl.compareTo(Duration.ofMillis(1)) < 0 || ttl.compareTo(MAX_CACHE_TTL) > 0) {
        throw new IllegalArgumentException(
            "tokenCacheTtl must be between PT0.001S and " + MAX_CACHE_TTL + ", was " + ttl);
      }
      this.tokenCacheTtl = ttl;
      return this;
    }

    /**
     * Keeps the verified-token cache entirely off the Java heap, in at most {@code capacityBytes}
     * of pooled direct memory for the token bytes (bulwark-memory) plus an index of about 50 bytes
     * per entry of {@link #tokenCacheMaximumSize}; off by default. The entry count and TTL settings
     * apply as before, and so do the checks made on every hit (expiry, the issuer's current keys,
     * revocation).
     *
     * <p>The trade-off: the default on-heap cache keeps each verified token's bytes and its whole
     * {@link AuthResult} on the heap (a few hundred bytes to a few kilobytes per token, a million
     * tokens take gigabytes and lengthen GC), and answers a hit with the very result it cached,
     * allocating nothing, which makes it the fastest. This cache keeps nothing per token on the
     * heap (1,000,000 tokens cost the heap well under a megabyte) and answers a hit by decoding and
     * checking the token's claims again, skipping only the signature: a hit then costs about what
     * parsing the token costs and allocates its new result. Choose it for very large token
     * populations or heap-sensitive services; keep the default otherwise.
     *
     * <p>Slots are chosen by a keyed hash of the token's tail, and a hit is confirmed over the full
     * token in constant time. Requires the JVM flag {@code --add-exports
     * java.base/jdk.internal.misc=ALL-UNNAMED}, or {@code =org.agrona} when Agrona is on the module
     * path (Agrona 2 reads memory through {@code jdk.internal.misc.Unsafe}). The direct memory is
     * freed when the engine becomes unreachable.
     *
     * @throws IllegalArgumentException if {@code capacityBytes} is not between 16384 and 2^40
     * @throws IllegalStateException if set twice
     */
    public Builder tokenCacheOffHeap(long capacityBytes) {
      if (this.cacheFactory != null) {
        // The message OffHeapTokenCacheTest pins; the other settings also name both values.
        throw new IllegalStateException("tokenCacheOffHeap was already set");
      }
      if (capacityBytes < 16_384 || capacityBytes > (1L << 40)) {
        throw new IllegalArgumentException(
            "tokenCacheOffHeap must be between 16384 and "
                + (1L << 40)
                + " bytes, was "
                + capacityBytes);
      }
      this.cacheFactory =
          (size, ttl, engineClock, rebuilder) ->
              new OffHeapVerifiedTokenCache(
                  size,
                  ttl,
                  capacityBytes,
                  OffHeapVerifiedTokenCache::slotHash,
                  engineClock,
                  rebuilder);
      this.cacheFactorySetting = "tokenCacheOffHeap(" + capacityBytes + ")";
      return this;
    }

    /**
     * Whether {@link #build()} fetches the JWKS of every issuer with a JWKS URL, and what a failed
     * fetch does; default {@link #DEFAULT_PREFETCH_KEYS} ({@link PrefetchMode#NONE}). With {@link
     * PrefetchMode#FAIL_FAST} the build fails unless every issuer's keys were fetched; with {@link
     * PrefetchMode#LOG_AND_CONTINUE} a failure is logged and the build goes on. Fetches run in
     * parallel, each bounded by its issuer's {@code jwksTimeout}; static key sets need none.
     *
     * @throws IllegalStateException if set twice
     */
    public Builder prefetchKeys(PrefetchMode mode) {
      once(this.prefetchKeys, "prefetchKeys", mode);
      this.prefetchKeys = Objects.requireNonNull(mode, "prefetchKeys");
      return this;
    }

    /** Replaces the on-heap cache implementation; package-private seam for tests. */
    Builder tokenCache(CacheFactory factory) {
      once(this.cacheFactorySetting, "tokenCache", "tokenCache(" + factory + ")");
      this.cacheFactory = Objects.requireNonNull(factory, "factory");
      this.cacheFactorySetting = "tokenCache(" + factory + ")";
      return this;
    }

    /**
     * Builds the engine.
     *
     * @throws IllegalStateException if neither an issuer nor API keys were configured, or a token
     *     cache setting ({@code tokenCacheTtl}, {@code tokenCacheOffHeap}) was made with {@code
     *     tokenCacheMaximumSize(0)}, naming both settings and their values; or, with {@code
     *     prefetchKeys(FAIL_FAST)}, if an issuer's keys could not be fetched, naming the issuer,
     *     its redacted JWKS URI and why
     */
    public AuthEngine build() {
      if (issuers.isEmpty() && apiKeys == null) {
        throw new IllegalStateException(
            "no issuer and no apiKeys: the engine could authenticate " + "nothing");
      }
      if (tokenCacheMaximumSize != null && tokenCacheMaximumSize == 0) {
        // Name the setting that was made: a cache setting with the cache off is a mistake.
        if (tokenCacheTtl != null) {
          throw new IllegalStateException(
              "tokenCacheTtl("
                  + tokenCacheTtl
                  + ") conflicts with "
                  + "tokenCacheMaximumSize(0), which turns the cache off");
        }
        if (cacheFactorySetting != null) {
          throw new IllegalStateException(
              cacheFactorySetting
                  + " conflicts with "
                  + "tokenCacheMaximumSize(0), which turns the cache off");
        }
      }
      // Last: a settings mistake is reported without waiting for the network.
      KeyPrefetch.run(
          prefetchKeys == null ? DEFAULT_PREFETCH_KEYS : prefetchKeys, issuers.values());
      return new AuthEngine(this);
    }
  }

  /**
   * The timing listeners and their sample masks ({@code interval - 1}); immutable, replaced whole
   * under the engine's lock. A call is timed when its random draw passes the smallest mask, and a
   * listener hears of it when the draw also passes its own: with power-of-two intervals, passing a
   * larger mask implies passing a smaller one.
   */
  private static final class Timings {
    final AuthTimingListener[] listeners;
    final int[] masks;
    final int clockMask;

    private Timings(AuthTimingListener[] listeners, int[] masks) {
      this.listeners = listeners;
      this.masks = masks;
      int min = Integer.MAX_VALUE;
      for (int m : masks) {
        min = Math.min(min, m);
      }
      this.clockMask = min;
    }

    static void checkInterval(int interval) {
      if (interval < 1
          || interval > MAX_TIMING_SAMPLE_INTERVAL
          || Integer.bitCount(interval) != 1) {
        throw new IllegalArgumentException(
            "sampleInterval must be a power of two from 1 to "
                + MAX_TIMING_SAMPLE_INTERVAL
                + ", got "
                + interval);
      }
    }

    static Timings with(Timings old, AuthTimingListener listener, int interval) {
      int n = old == null ? 0 : old.listeners.length;
      AuthTimingListener[] l =
          old == null ? new AuthTimingListener[1] : Arrays.copyOf(old.listeners, n + 1);
      int[] m = old == null ? new int[1] : Arrays.copyOf(old.masks, n + 1);
      l[n] = listener;
      m[n] = interval - 1;
      return new Timings(l, m);
    }

    /** These timings without {@code listener} (the same instance), or null if none is left. */
    Timings without(AuthTimingListener listener) {
      for (int i = 0; i < listeners.length; i++) {
        if (listeners[i] == listener) {
          if (listeners.length == 1) {
            return null;
          }
          AuthTimingListener[] l = new AuthTimingListener[listeners.length - 1];
          int[] m = new int[masks.length - 1];
          System.arraycopy(listeners, 0, l, 0, i);
          System.arraycopy(listeners, i + 1, l, i, l.length - i);
          System.arraycopy(masks, 0, m, 0, i);
          System.arraycopy(masks, i + 1, m, i, m.length - i);
          return new Timings(l, m);
        }
      }
      return this;
    }

    boolean timesClock(int draw) {
      return (draw & clockMask) == 0;
    }

    /** Tells each listener whose sample {@code draw} falls in. */
    void tell(AuthResult result, int draw, long took) {
      for (int i = 0; i < listeners.length; i++) {
        if ((draw & masks[i]) == 0) {
          try {
            listeners[i].authenticated(result, took);
          } catch (RuntimeException e) {
            // A broken listener must not change or delay the answer; the caller has its result.
          }
        }
      }
    }
  }
}
