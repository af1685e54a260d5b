/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.internal.jwks.JwksDocument;
import dev.bulwark.auth.internal.jwks.JwksUri;
import dev.bulwark.auth.internal.jwks.KeySource;
import dev.bulwark.auth.internal.jwks.RemoteKeySource;
import dev.bulwark.auth.internal.jwks.StaticKeySource;
import dev.bulwark.auth.internal.jws.JwsAlgorithm;
import dev.bulwark.auth.internal.jws.JwsVerifier;
import dev.bulwark.auth.internal.jws.KeyLoader;
import dev.bulwark.auth.internal.jws.KeySet;
import dev.bulwark.auth.internal.jws.VerificationKey;
import dev.bulwark.auth.internal.jwt.ClaimsPolicy;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One trusted token issuer: its {@code iss} value, where its keys come from, and what its tokens
 * must look like. Immutable and thread-safe once built.
 *
 * <p>Keys come from exactly one source: a static {@link JWKSet}, JWKS JSON text or a JWKS file
 * (checked strictly when {@link Builder#build()} runs: any weak or ill-fitting key fails the build
 * with an {@link IllegalArgumentException} naming its kid and the problem), or an HTTPS JWKS URL
 * (fetched on first use, or in {@link AuthEngine.Builder#build()} with {@link
 * AuthEngine.Builder#prefetchKeys(PrefetchMode)}, and cached; a bad key in a fetched set is dropped
 * with one log line while the others keep working, so that one bad key published by the issuer
 * cannot take down every token). A key is refused when it is weak (RSA under 2048 bits, HMAC under
 * 256 bits or under its hash size), does not fit its algorithm or curve, is not a valid point,
 * carries private material, or is not for signature verification ({@code use}, {@code key_ops});
 * the README's table of algorithms and defaults gives every rule.
 *
 * <p>The algorithm allow-list and the key's own JWK ({@code kty}, {@code crv}, {@code alg}) decide
 * how a token is verified; the token's header never does. HMAC ({@code HS*}) needs an {@code oct}
 * key in a static set: a JWKS URL is public, so a symmetric key fetched from one is refused.
 */
public final class Issuer {
  private static final Duration MAX_CACHE_TTL = Duration.ofDays(1);
  private static final Duration MAX_OUTAGE_TOLERANCE = Duration.ofDays(7);
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
  private static final int MAX_JWKS_SIZE = 16 * 1024 * 1024;

  private final String iss;
  private final KeySource keySource;
  private final Set<JwsAlgorithm> algorithms;
  private final Set<String> audiences;
  private final String type;
  private final ClaimsPolicy claimsPolicy;

  private Issuer(Builder b, KeySource keySource, Set<JwsAlgorithm> algorithms) {
    this.iss = b.iss;
    this.keySource = keySource;
    this.algorithms = algorithms;
    this.audiences = Collections.unmodifiableSet(new LinkedHashSet<>(b.audiences));
    this.type = b.type;
    this.claimsPolicy =
        new ClaimsPolicy(
            b.iss,
            b.audiences,
            b.requireExpiry == null ? Builder.DEFAULT_REQUIRE_EXPIRY : b.requireExpiry,
            b.requiredClaims == null ? List.of() : b.requiredClaims,
            b.rolesClaim == null ? Builder.DEFAULT_ROLES_CLAIM : b.rolesClaim);
  }

  /**
   * Starts an issuer whose tokens carry exactly {@code iss} (compared character by character).
   *
   * @throws IllegalArgumentException if {@code iss} is null or empty
   */
  public static Builder builder(String iss) {
    if (iss == null || iss.isEmpty()) {
      throw new IllegalArgumentException(
          "iss must not be empty, was " + (iss == null ? "null" : "\"\""));
    }
    return new Builder(iss);
  }

  /** The exact {@code iss} value. */
  public String iss() {
    return iss;
  }

  /** The accepted audiences. */
  public Set<String> audiences() {
    return audiences;
  }

  KeySource keySource() {
    return keySource;
  }

  Set<JwsAlgorithm> algorithmSet() {
    return algorithms;
  }

  /** The required {@code typ}, normalised, or null. */
  String requiredType() {
    return type;
  }

  ClaimsPolicy claimsPolicy() {
    return claimsPolicy;
  }

  @Override
  public String toString() {
    return "Issuer{iss=" + iss + ", algorithms=" + algorithms + ", audiences=" + audiences + "}";
  }

  /**
   * Builds an {@link Issuer}. Not thread-safe. Exactly one key source must be set; each setting may
   * be made once ({@link IllegalStateException} otherwise), a bad value throws {@link
   * IllegalArgumentException} naming the setting and the value (a key of a static set that is weak
   * or fits none of the algorithms is such a value), and two settings that conflict throw {@link
   * IllegalStateException} naming both.
   */
  public static final class Builder {
    /** Whether {@link #requireExpiry(boolean)} is on by default: {@value}. */
    public static final boolean DEFAULT_REQUIRE_EXPIRY = true;

    /** The default {@link #rolesClaim(String)}: {@value}. */
    public static final String DEFAULT_ROLES_CLAIM = "roles";

    /** The default {@link #jwksCacheTtl(Duration)}, in seconds: {@value}. */
    public static final long DEFAULT_JWKS_CACHE_TTL_SECONDS = 300;

    /** The default {@link #jwksRefreshAhead(Duration)}, in seconds: {@value}. */
    public static final long DEFAULT_JWKS_REFRESH_AHEAD_SECONDS = 30;

    /** The default {@link #jwksRateLimit(Duration)}, in seconds: {@value}. */
    public static final long DEFAULT_JWKS_RATE_LIMIT_SECONDS = 30;

    /** The default {@link #jwksOutageTolerance(Duration)}, in seconds: {@value}. */
    public static final long DEFAULT_JWKS_OUTAGE_TOLERANCE_SECONDS = 3600;

    /** The default {@link #jwksTimeout(Duration)}, in milliseconds: {@value}. */
    public static final long DEFAULT_JWKS_TIMEOUT_MILLIS = 2000;

    /** The default {@link #jwksSizeLimit(int)}, in bytes: {@value}. */
    public static final int DEFAULT_JWKS_SIZE_LIMIT = 256 * 1024;

    private final String iss;
    private String keySourceSetting;
    private URI jwksUri;
    private JWKSet jwkSet;
    private String jwksJson;
    private Path jwksFile;
    private Set<String> audiences;
    private Set<JwsAlgorithm> algorithms;
    private String type;
    private List<String> requiredClaims;
    private Boolean requireExpiry;
    private String rolesClaim;
    private Duration jwksCacheTtl;
    private Duration jwksRefreshAhead;
    private Duration jwksRateLimit;
    private Duration jwksOutageTolerance;
    private Duration jwksTimeout;
    private Integer jwksSizeLimit;
    private Clock jwksClock;
    private Integer maxRsaModulusBits;

    /** The largest RSA modulus, in bits, an issuer's keys may have unless raised: {@value}. */
    public static final int DEFAULT_MAX_RSA_MODULUS_BITS = KeyLoader.DEFAULT_MAX_RSA_MODULUS_BITS;

    /** The highest value {@link #maxRsaModulusBits(int)} accepts: {@value}. */
    public static final int MAX_RSA_MODULUS_BITS_LIMIT = KeyLoader.MAX_RSA_MODULUS_BITS_LIMIT;

    /** The lowest value {@link #maxRsaModulusBits(int)} accepts, the RSA minimum: {@value}. */
    public static final int MIN_RSA_MODULUS_BITS = KeyLoader.MIN_RSA_MODULUS_BITS;

    private Builder(String iss) {
      this.iss = iss;
    }

    private void keySource(String setting) {
      // The settings only, not their values: a static set or its JSON may hold HMAC secrets.
      if (keySourceSetting != null) {
        throw new IllegalStateException(
            "key source already set by " + keySourceSetting + ", cannot also set " + setting);
      }
      keySourceSetting = setting;
    }

    private static void once(Object current, String setting, Object next) {
      if (current != null) {
        throw new IllegalStateException(
            setting + " was already set to " + current + ", cannot set it again to " + next);
      }
    }

    /**
     * Keys from an HTTPS JWKS URL (plain HTTP only for a loopback host), fetched on first use (or
     * at build time, see {@link AuthEngine.Builder#prefetchKeys(PrefetchMode)}), cached and
     * refreshed.
     *
     * @throws IllegalArgumentException if the URI is not absolute HTTPS, or HTTP to a host other
     *     than {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}
     */
    public Builder jwks(URI jwksUri) {
      Objects.requireNonNull(jwksUri, "jwksUri");
      JwksUri.requireFetchable("jwks", jwksUri);
      keySource("jwks(URI)");
      this.jwksUri = jwksUri;
      return this;
    }

    /** A static key set; each key is checked when {@link #build()} runs. */
    public Builder jwks(JWKSet jwkSet) {
      Objects.requireNonNull(jwkSet, "jwkSet");
      keySource("jwks(JWKSet)");
      this.jwkSet = jwkSet;
      return this;
    }

    /** A static key set given as JWKS JSON text; parsed and checked when {@link #build()} runs. */
    public Builder jwksJson(String json) {
      Objects.requireNonNull(json, "json");
      keySource("jwksJson");
      this.jwksJson = json;
      return this;
    }

    /** A static key set read once, when {@link #build()} runs, from a JWKS JSON file. */
    public Builder jwksFile(Path file) {
      Objects.requireNonNull(file, "file");
      keySource("jwksFile");
      this.jwksFile = file;
      return this;
    }

    /** Accepted audiences: a token's {@code aud} must contain at least one. Required. */
    public Builder audiences(String... audiences) {
      once(this.audiences, "audiences", java.util.Arrays.toString(audiences));
      Objects.requireNonNull(audiences, "audiences");
      if (audiences.length == 0) {
        throw new IllegalArgumentException("audiences must not be empty");
      }
      Set<String> set = new LinkedHashSet<>();
      for (String a : audiences) {
        if (a == null || a.isEmpty()) {
          throw new IllegalArgumentException(
              "audiences must not contain an empty value, was "
                  + java.util.Arrays.toString(audiences));
        }
        set.add(a);
      }
      this.audiences = set;
      return this;
    }

    /**
     * The algorithm allow-list: {@code HS256}, {@code HS384}, {@code HS512}, {@code RS256}, {@code
     * RS384}, {@code RS512}, {@code PS256}, {@code PS384}, {@code PS512}, {@code ES256}, {@code
     * ES384}, {@code ES512}, {@code EdDSA}. Required.
     *
     * @throws IllegalArgumentException for {@code none} or any other name
     */
    public Builder algorithms(String... algorithms) {
      once(this.algorithms, "algorithms", java.util.Arrays.toString(algorithms));
      Objects.requireNonNull(algorithms, "algorithms");
      if (algorithms.length == 0) {
        throw new IllegalArgumentException("algorithms must not be empty");
      }
      Set<JwsAlgorithm> set = EnumSet.noneOf(JwsAlgorithm.class);
      for (String a : algorithms) {
        if (JwsAlgorithm.isNone(a)) {
          throw new IllegalArgumentException("algorithms must not contain none, was " + a);
        }
        JwsAlgorithm alg = JwsAlgorithm.byName(a);
        if (alg == null) {
          throw new IllegalArgumentException("algorithms contains unsupported algorithm " + a);
        }
        set.add(alg);
      }
      this.algorithms = set;
      return this;
    }

    /**
     * Requires this {@code typ} header, for example {@code at+jwt} (RFC 9068). Compared without
     * regard to case and to an {@code application/} prefix (RFC 8725 section 3.11).
     */
    public Builder type(String typ) {
      once(this.type, "type", typ);
      if (typ == null || typ.isBlank()) {
        throw new IllegalArgumentException("type must not be empty, was " + typ);
      }
      this.type = JwsVerifier.normaliseType(typ);
      return this;
    }

    /** Claims every token must carry (present and not null). */
    public Builder requiredClaims(String... claims) {
      once(this.requiredClaims, "requiredClaims", java.util.Arrays.toString(claims));
      Objects.requireNonNull(claims, "claims");
      List<String> list = new ArrayList<>();
      for (String c : claims) {
        if (c == null || c.isEmpty()) {
          throw new IllegalArgumentException(
              "requiredClaims must not contain an empty name, was "
                  + java.util.Arrays.toString(claims));
        }
        list.add(c);
      }
      this.requiredClaims = list;
      return this;
    }

    /** Whether {@code exp} is required; default {@value #DEFAULT_REQUIRE_EXPIRY}. */
    public Builder requireExpiry(boolean required) {
      once(this.requireExpiry, "requireExpiry", required);
      this.requireExpiry = required;
      return this;
    }

    /**
     * The claim holding roles; default {@value #DEFAULT_ROLES_CLAIM}. A dotted path reads nested
     * objects.
     */
    public Builder rolesClaim(String claim) {
      once(this.rolesClaim, "rolesClaim", claim);
      if (claim == null
          || claim.isEmpty()
          || claim.startsWith(".")
          || claim.endsWith(".")
          || claim.contains("..")) {
        throw new IllegalArgumentException(
            "rolesClaim must be a claim name or dotted path, was " + claim);
      }
      this.rolesClaim = claim;
      return this;
    }

    /**
     * How long fetched remote keys are used before a refresh; default {@value
     * #DEFAULT_JWKS_CACHE_TTL_SECONDS} seconds, at least 1 second, at most 1 day.
     */
    public Builder jwksCacheTtl(Duration ttl) {
      once(this.jwksCacheTtl, "jwksCacheTtl", ttl);
      requireRange("jwksCacheTtl", ttl, Duration.ofSeconds(1), MAX_CACHE_TTL);
      this.jwksCacheTtl = ttl;
      return this;
    }

    /**
     * How long before the TTL ends a background refresh starts; default {@value
     * #DEFAULT_JWKS_REFRESH_AHEAD_SECONDS} seconds. With {@link #jwksTimeout(Duration)} it must
     * stay shorter than {@link #jwksCacheTtl(Duration)}.
     */
    public Builder jwksRefreshAhead(Duration refreshAhead) {
      once(this.jwksRefreshAhead, "jwksRefreshAhead", refreshAhead);
      requireRange("jwksRefreshAhead", refreshAhead, Duration.ZERO, MAX_CACHE_TTL);
      this.jwksRefreshAhead = refreshAhead;
      return this;
    }

    /**
     * Minimum time between two fetches caused by unknown key ids; default {@value
     * #DEFAULT_JWKS_RATE_LIMIT_SECONDS} seconds, shorter than {@link #jwksCacheTtl(Duration)}. A
     * flood of tokens with unknown kids causes at most one fetch per interval.
     */
    public Builder jwksRateLimit(Duration minInterval) {
      once(this.jwksRateLimit, "jwksRateLimit", minInterval);
      requireRange("jwksRateLimit", minInterval, Duration.ofMillis(1), MAX_CACHE_TTL);
      this.jwksRateLimit = minInterval;
      return this;
    }

    /**
     * How long the last good keys are served while the JWKS URL fails; default {@value
     * #DEFAULT_JWKS_OUTAGE_TOLERANCE_SECONDS} seconds, at most 7 days.
     */
    public Builder jwksOutageTolerance(Duration tolerance) {
      once(this.jwksOutageTolerance, "jwksOutageTolerance", tolerance);
      requireRange("jwksOutageTolerance", tolerance, Duration.ZERO, MAX_OUTAGE_TOLERANCE);
      this.jwksOutageTolerance = tolerance;
      return this;
    }

    /**
     * Connect and read timeout for each fetch; default {@value #DEFAULT_JWKS_TIMEOUT_MILLIS} ms, at
     * most 1 minute. A whole fetch is abandoned after twice this time, however slowly the server
     * sends.
     */
    public Builder jwksTimeout(Duration timeout) {
      once(this.jwksTimeout, "jwksTimeout", timeout);
      requireRange("jwksTimeout", timeout, Duration.ofMillis(1), MAX_TIMEOUT);
      this.jwksTimeout = timeout;
      return this;
    }

    /**
     * Largest JWKS response accepted, in bytes; default {@value #DEFAULT_JWKS_SIZE_LIMIT}, at most
     * 16 MiB.
     */
    public Builder jwksSizeLimit(int bytes) {
      once(this.jwksSizeLimit, "jwksSizeLimit", bytes);
      if (bytes < 64 || bytes > MAX_JWKS_SIZE) {
        throw new IllegalArgumentException(
            "jwksSizeLimit must be between 64 and " + MAX_JWKS_SIZE + " bytes, was " + bytes);
      }
      this.jwksSizeLimit = bytes;
      return this;
    }

    /**
     * The clock that times the JWKS cache, refresh-ahead, rate limits and outage tolerance; default
     * {@link Clock#systemUTC()}. Only its {@link Clock#millis()} is read. It is not the engine's
     * clock, which judges tokens: a test that moves this one lets the key cache expire without
     * waiting. Fetch timeouts stay real time.
     */
    public Builder jwksClock(Clock clock) {
      once(this.jwksClock, "jwksClock", clock);
      this.jwksClock = Objects.requireNonNull(clock, "jwksClock");
      return this;
    }

    /**
     * The largest RSA modulus, in bits, this issuer's keys may have; default {@value
     * #DEFAULT_MAX_RSA_MODULUS_BITS}. Applies to static and fetched sets alike: a larger key fails
     * the build or is dropped from the fetched set. Refusing a forged token costs a modular
     * exponentiation whose time grows with the square of the modulus size, so raise this only for
     * an issuer that really signs with such keys.
     *
     * @throws IllegalArgumentException if {@code bits} is not between {@value
     *     #MIN_RSA_MODULUS_BITS} and {@value #MAX_RSA_MODULUS_BITS_LIMIT}
     */
    public Builder maxRsaModulusBits(int bits) {
      once(this.maxRsaModulusBits, "maxRsaModulusBits", bits);
      if (bits < MIN_RSA_MODULUS_BITS || bits > MAX_RSA_MODULUS_BITS_LIMIT) {
        throw new IllegalArgumentException(
            "maxRsaModulusBits must be between "
                + MIN_RSA_MODULUS_BITS
                + " and "
                + MAX_RSA_MODULUS_BITS_LIMIT
                + ", was "
                + bits);
      }
      this.maxRsaModulusBits = bits;
      return this;
    }

    private int rsaCap() {
      return maxRsaModulusBits == null ? DEFAULT_MAX_RSA_MODULUS_BITS : maxRsaModulusBits;
    }

    private static void requireRange(String setting, Duration d, Duration min, Duration max) {
      Objects.requireNonNull(d, setting);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            setting + " must be between " + min + " and " + max + ", was " + d);
      }
    }

    /**
     * Builds the issuer, loading and checking a static key set now.
     *
     * @throws IllegalStateException if no key source, audiences or algorithms were set, remote
     *     settings were given for a static key set, HMAC algorithms are allowed with a JWKS URL, or
     *     the remote timings conflict ({@code jwksRateLimit} not shorter than {@code jwksCacheTtl},
     *     or {@code jwksRefreshAhead} plus {@code jwksTimeout} not shorter than it), naming both
     *     settings and their values
     * @throws IllegalArgumentException if a static key is weak or does not fit (naming its kid),
     *     HMAC algorithms are allowed without an {@code oct} key in the static set, an {@code oct}
     *     key is given without an HMAC algorithm, or a key fits none of the algorithms
     */
    public Issuer build() {
      if (keySourceSetting == null) {
        throw new IllegalStateException(
            "issuer "
                + iss
                + " has no key source: call jwks(URI), "
                + "jwks(JWKSet), jwksJson or jwksFile");
      }
      if (audiences == null) {
        throw new IllegalStateException("issuer " + iss + " has no audiences: call audiences(...)");
      }
      if (algorithms == null) {
        throw new IllegalStateException(
            "issuer " + iss + " has no algorithms: call algorithms(...)");
      }
      Set<JwsAlgorithm> algs = Collections.unmodifiableSet(EnumSet.copyOf(algorithms));
      boolean hmac = algs.stream().anyMatch(a -> a.family() == JwsAlgorithm.Family.HMAC);
      if (jwksUri != null) {
        if (hmac) {
          throw new IllegalStateException(
              "algorithms "
                  + algs
                  + " include HMAC, which conflicts "
                  + "with jwks(URI) "
                  + JwksUri.redacted(jwksUri)
                  + ": HMAC needs a static oct key, and "
                  + "a JWKS URL is public and never supplies HMAC keys");
        }
        return new Issuer(this, remote(), algs);
      }
      String remoteSetting = firstRemoteSetting();
      if (remoteSetting != null) {
        throw new IllegalStateException(
            remoteSetting
                + " applies only to jwks(URI), but the key "
                + "source is "
                + keySourceSetting);
      }
      KeySet keys = KeyLoader.loadStrict(staticSet(), rsaCap());
      if (keys.size() == 0) {
        throw new IllegalArgumentException(keySourceSetting + " holds no key");
      }
      boolean hasOct = false;
      for (VerificationKey k : keys.keys()) {
        boolean fits = false;
        for (JwsAlgorithm a : k.algorithms()) {
          fits |= algs.contains(a);
        }
        boolean oct = k.algorithms().iterator().next().family() == JwsAlgorithm.Family.HMAC;
        hasOct |= oct;
        if (oct && !hmac) {
          throw new IllegalArgumentException(
              describe(k)
                  + " is an oct (HMAC) key, but algorithms "
                  + algs
                  + " include no HS* algorithm");
        }
        if (!fits) {
          throw new IllegalArgumentException(
              describe(k)
                  + " fits none of the algorithms "
                  + algs
                  + " (it fits "
                  + k.algorithms()
                  + ")");
        }
      }
      if (hmac && !hasOct) {
        throw new IllegalArgumentException(
            "algorithms " + algs + " include HMAC, but " + keySourceSetting + " holds no oct key");
      }
      return new Issuer(this, new StaticKeySource(keys), algs);
    }

    private static String describe(VerificationKey k) {
      return k.kid() == null ? "key without kid" : "key '" + k.kid() + "'";
    }

    private String firstRemoteSetting() {
      if (jwksCacheTtl != null) {
        return "jwksCacheTtl";
      }
      if (jwksRefreshAhead != null) {
        return "jwksRefreshAhead";
      }
      if (jwksRateLimit != null) {
        return "jwksRateLimit";
      }
      if (jwksOutageTolerance != null) {
        return "jwksOutageTolerance";
      }
      if (jwksTimeout != null) {
        return "jwksTimeout";
      }
      if (jwksSizeLimit != null) {
        return "jwksSizeLimit";
      }
      return jwksClock != null ? "jwksClock" : null;
    }

    private static String shown(Object setting) {
      return setting == null ? " (default)" : "";
    }

    private JWKSet staticSet() {
      if (jwkSet != null) {
        return jwkSet;
      }
      String json = jwksJson;
      String what = "jwksJson";
      if (jwksFile != null) {
        what = "jwksFile " + jwksFile;
        try {
          long size = Files.size(jwksFile);
          if (size > MAX_JWKS_SIZE) {
            throw new IllegalArgumentException(
                what + " is " + size + " bytes, limit is " + MAX_JWKS_SIZE);
          }
          json = Files.readString(jwksFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              what + " cannot be read: " + e.getClass().getSimpleName());
        }
      }
      String source = what;
      try {
        return JwksDocument.parse(
            json.getBytes(StandardCharsets.UTF_8),
            problem -> {
              throw new IllegalArgumentException(source + ": " + problem);
            });
      } catch (IllegalArgumentException e) {
        if (e.getMessage().startsWith(source)) {
          throw e;
        }
        throw new IllegalArgumentException(source + " is " + e.getMessage());
      }
    }

    private KeySource remote() {
      Duration ttl =
          jwksCacheTtl == null ? Duration.ofSeconds(DEFAULT_JWKS_CACHE_TTL_SECONDS) : jwksCacheTtl;
      Duration ahead =
          jwksRefreshAhead == null
              ? Duration.ofSeconds(DEFAULT_JWKS_REFRESH_AHEAD_SECONDS)
              : jwksRefreshAhead;
      Duration rate =
          jwksRateLimit == null
              ? Duration.ofSeconds(DEFAULT_JWKS_RATE_LIMIT_SECONDS)
              : jwksRateLimit;
      Duration outage =
          jwksOutageTolerance == null
              ? Duration.ofSeconds(DEFAULT_JWKS_OUTAGE_TOLERANCE_SECONDS)
              : jwksOutageTolerance;
      Duration timeout =
          jwksTimeout == null ? Duration.ofMillis(DEFAULT_JWKS_TIMEOUT_MILLIS) : jwksTimeout;
      int size = jwksSizeLimit == null ? DEFAULT_JWKS_SIZE_LIMIT : jwksSizeLimit;
      // Conflicts name which value was a default: the caller may have set only one of the two.
      if (rate.compareTo(ttl) >= 0) {
        throw new IllegalStateException(
            "jwksRateLimit "
                + rate
                + shown(jwksRateLimit)
                + " must be shorter than jwksCacheTtl "
                + ttl
                + shown(jwksCacheTtl));
      }
      if (ahead.plus(timeout).compareTo(ttl) >= 0) {
        throw new IllegalStateException(
            "jwksRefreshAhead "
                + ahead
                + shown(jwksRefreshAhead)
                + " plus jwksTimeout "
                + timeout
                + shown(jwksTimeout)
                + " must be shorter than jwksCacheTtl "
                + ttl
                + shown(jwksCacheTtl));
      }
      URL url;
      try {
        url = jwksUri.toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(
            "jwks is not a valid URL, was " + JwksUri.redacted(jwksUri));
      }
      Clock clock = jwksClock == null ? Clock.systemUTC() : jwksClock;
      return new RemoteKeySource(
          url, ttl, ahead, rate, outage, timeout, size, rsaCap(), clock::millis);
    }
  }
}
