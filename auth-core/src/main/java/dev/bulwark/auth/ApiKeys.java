/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import dev.bulwark.auth.internal.Refusal;
import dev.bulwark.auth.store.ApiKeyRecord;
import dev.bulwark.auth.store.ApiKeyStore;
import dev.bulwark.auth.store.RevocationStore;
import dev.bulwark.auth.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Generates and verifies Bulwark API keys of the form {@code <prefix>_<keyId>_<secret>}, and is
 * immutable and thread-safe once built: share one instance across request threads.
 *
 * <h2>Key format</h2>
 *
 * <ul>
 *   <li>{@code prefix}: configured, lowercase letters and digits with at most one inner {@code _}
 *       (for example {@code bk_live}), at most {@value #MAX_PREFIX_LENGTH} characters;
 *   <li>{@code keyId}: {@value #KEY_ID_LENGTH} characters drawn uniformly from the base62 alphabet
 *       {@code [0-9A-Za-z]} (about 95 bits), public, used to look the record up;
 *   <li>{@code secret}: {@value #SECRET_LENGTH} base62 characters drawn uniformly from {@link
 *       SecureRandom} (about 256 bits).
 * </ul>
 *
 * <p>Base62 is used for both random parts, rather than base64url, because base64url contains {@code
 * _}, the separator: with base62 a key splits unambiguously once the known prefix is removed, and
 * it survives double-click selection, URLs and shell quoting unchanged. A presented key must have
 * exactly this shape (exact lengths, only base62 characters) or it is refused as {@link
 * FailureReason#MALFORMED} before any lookup.
 *
 * <h2>What is stored</h2>
 *
 * <p>Only a digest of the secret part (its ASCII bytes) reaches the {@link ApiKeyStore}: SHA-256,
 * or HMAC-SHA-256 under a server-side {@linkplain Builder#pepper(byte[]) pepper} when one is set,
 * so that a leaked store alone is not enough to test guesses. The plaintext is returned once by
 * {@link #generate} and never kept.
 *
 * <h2>Verification</h2>
 *
 * <p>The record is looked up by key id and the digest of the presented secret compared with {@link
 * MessageDigest#isEqual} (constant time). An unknown key id takes the same path: the presented
 * secret is still digested and compared with a random dummy digest, so that an unknown id and a
 * wrong secret cost the same and answer the same ({@link FailureReason#INVALID_API_KEY}). Then
 * expiry ({@link FailureReason#EXPIRED}) and revocation ({@link FailureReason#REVOKED}: the
 * record's flag, the {@link RevocationStore}'s key id, or a subject revocation later than the key's
 * creation) are checked. The pepper and the secrets never appear in {@link #toString()}, in
 * exception messages or in failure details.
 */
public final class ApiKeys {

  /** Longest accepted prefix. */
  public static final int MAX_PREFIX_LENGTH = 32;

  /** Characters in a key id. */
  public static final int KEY_ID_LENGTH = 16;

  /** Characters in a secret: 43 base62 characters carry log2(62) * 43 = 256.03 bits. */
  public static final int SECRET_LENGTH = 43;

  /** Smallest accepted pepper, in bytes: the HMAC-SHA-256 key should be as long as its output. */
  public static final int MIN_PEPPER_BYTES = 32;

  private static final Pattern PREFIX = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)?");
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  // 248 = 4 * 62: bytes at or above it are rejected so that every base62 digit is equally likely.
  private static final int REJECT_AT = 248;
  private static final String SHA_256 = "SHA-256";
  private static final String HMAC_SHA_256 = "HmacSHA256";
  private static final String INVALID_DETAIL = "unknown api key id or wrong secret";

  private final String prefix;
  private final String prefixWithSeparator;
  private final ApiKeyStore store;
  private final SecretKeySpec pepper; // null: plain SHA-256
  private final Clock clock;
  private final SecureRandom random;
  // Compared against when the key id is unknown, so that path costs what a wrong secret costs.
  private final byte[] dummyDigest;

  private ApiKeys(Builder b) {
    this.prefix = b.prefix;
    this.prefixWithSeparator = b.prefix + "_";
    this.store = b.store;
    this.pepper = b.pepper == null ? null : new SecretKeySpec(b.pepper, HMAC_SHA_256);
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.random = new SecureRandom();
    this.dummyDigest = new byte[32];
    random.nextBytes(dummyDigest);
    // Fail at build time, not on the first request, if the JCA lacks what verification needs.
    digest(new byte[] {'x'});
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Generates a key for {@code ownerSubject} with {@code scopes}, valid for {@code ttl} ({@code
   * null} for no expiry), stores its record and returns the plaintext, which is never available
   * again.
   *
   * @throws NullPointerException if {@code ownerSubject} or {@code scopes} is null, or {@code
   *     scopes} contains null
   * @throws IllegalArgumentException if {@code ownerSubject} is blank or {@code ttl} is not
   *     positive
   * @throws IllegalStateException if the store already holds the generated key id (the store's
   *     exception, which can only happen by a 1-in-2^95 accident or a misbehaving store)
   */
  public GeneratedApiKey generate(String ownerSubject, Set<String> scopes, Duration ttl) {
    Objects.requireNonNull(ownerSubject, "ownerSubject");
    Objects.requireNonNull(scopes, "scopes");
    if (ownerSubject.isBlank()) {
      throw new IllegalArgumentException("ownerSubject must not be blank");
    }
    if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
      throw new IllegalArgumentException("ttl must be positive or null for no expiry, was " + ttl);
    }
    Set<String> scopeCopy = Set.copyOf(scopes);
    Instant createdAt = clock.instant();
    Instant expiresAt = ttl == null ? null : createdAt.plus(ttl);
    String keyId = randomBase62(KEY_ID_LENGTH);
    String secret = randomBase62(SECRET_LENGTH);
    byte[] secretDigest = digest(secret.getBytes(StandardCharsets.US_ASCII));
    ApiKeyRecord record =
        new ApiKeyRecord(keyId, secretDigest, ownerSubject, scopeCopy, createdAt, expiresAt, false);
    store.insert(record);
    return new GeneratedApiKey(prefixWithSeparator + keyId + "_" + secret, record);
  }

  /**
   * Revokes the key with id {@code keyId} by marking its record; returns whether it existed. The
   * next {@link AuthEngine#authenticate} of that key is refused.
   */
  public boolean revoke(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    return store.markRevoked(keyId);
  }

  /** The configured prefix, for example {@code bk_live}. */
  public String prefix() {
    return prefix;
  }

  /** Returns whether {@code credential} starts with this key family's {@code prefix_}. */
  public boolean hasPrefix(String credential) {
    return credential != null && credential.startsWith(prefixWithSeparator);
  }

  /**
   * Whether the credential that starts at {@code offset} of {@code header} carries this prefix; as
   * {@link #hasPrefix(String)} without cutting the credential out of the header (no copy).
   */
  boolean hasPrefix(String header, int offset) {
    return header.startsWith(prefixWithSeparator, offset);
  }

  /**
   * Checks a presented key: shape, lookup by key id, constant-time digest comparison, expiry and
   * revocation (the record's flag and {@code revocations}, which may be null), and returns the
   * key's principal. A refusal is thrown as the stack-trace-free {@link Refusal} the JWT path
   * throws too, so that success allocates no wrapper around the principal. Used by {@link
   * AuthEngine}.
   *
   * @throws Refusal {@code MALFORMED} for a null key or one of the wrong shape, {@code
   *     INVALID_API_KEY} for an unknown key id or a wrong secret, {@code EXPIRED}, {@code REVOKED},
   *     {@code STORE_UNAVAILABLE} when a store cannot answer, or {@code INTERNAL_ERROR} when a
   *     store throws anything else (fail closed); the detail never holds the secret
   */
  Principal verify(String credential, Instant now, RevocationStore revocations) throws Refusal {
    if (credential == null) {
      throw new Refusal(FailureReason.MALFORMED, "no api key");
    }
    int idStart = prefixWithSeparator.length();
    int idEnd = idStart + KEY_ID_LENGTH;
    if (credential.length() != idEnd + 1 + SECRET_LENGTH
        || !credential.startsWith(prefixWithSeparator)
        || credential.charAt(idEnd) != '_'
        || !isBase62(credential, idStart, idEnd)
        || !isBase62(credential, idEnd + 1, credential.length())) {
      throw new Refusal(
          FailureReason.MALFORMED,
          "api key is not of the form " + prefix + "_<16 base62 id>_<43 base62 secret>");
    }
    String keyId = credential.substring(idStart, idEnd);
    try {
      byte[] presented =
          digest(credential.substring(idEnd + 1).getBytes(StandardCharsets.US_ASCII));
      Optional<ApiKeyRecord> found = store.findByKeyId(keyId);
      ApiKeyRecord record = found.filter(r -> r.keyId().equals(keyId)).orElse(null);
      byte[] expected = record == null ? dummyDigest : record.secretDigest();
      // Both operands are always computed and compared, whether or not the id was found.
      boolean secretMatches = MessageDigest.isEqual(presented, expected);
      if (record == null || !secretMatches) {
        throw new Refusal(FailureReason.INVALID_API_KEY, INVALID_DETAIL);
      }
      Optional<Instant> expiresAt = record.expiresAt();
      if (expiresAt.isPresent() && !now.isBefore(expiresAt.get())) {
        throw new Refusal(FailureReason.EXPIRED, "api key " + keyId + " expired");
      }
      if (record.revoked()) {
        throw new Refusal(FailureReason.REVOKED, "api key " + keyId + " is revoked");
      }
      if (revocations != null) {
        if (revocations.isApiKeyRevoked(keyId)) {
          throw new Refusal(FailureReason.REVOKED, "api key " + keyId + " is revoked");
        }
        Optional<Instant> before = revocations.subjectRevokedBefore(record.ownerSubject());
        if (before.isPresent() && record.createdAt().isBefore(before.get())) {
          throw new Refusal(
              FailureReason.REVOKED,
              "credentials of the api key's owner issued before " + before.get() + " are revoked");
        }
      }
      return Principal.builder(AuthMethod.API_KEY, prefix, record.ownerSubject())
          .scopes(record.scopes())
          .credentialId(keyId)
          .issuedAt(record.createdAt())
          .expiresAt(expiresAt.orElse(null))
          .build();
    } catch (StoreUnavailableException e) {
      throw new Refusal(FailureReason.STORE_UNAVAILABLE, "api key store unavailable");
    } catch (RuntimeException e) {
      // A store is an SPI (a database, a cache): whatever it throws refuses the key. Only the
      // exception's type is reported, its message could quote anything the store saw.
      throw new Refusal(
          FailureReason.INTERNAL_ERROR, "api key check failed: " + e.getClass().getName());
    }
  }

  private static boolean isBase62(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return false;
      }
    }
    return true;
  }

  private String randomBase62(int length) {
    char[] out = new char[length];
    byte[] buf = new byte[length + 8];
    int n = 0;
    while (n < length) {
      random.nextBytes(buf);
      for (int i = 0; i < buf.length && n < length; i++) {
        int b = buf[i] & 0xFF;
        if (b < REJECT_AT) {
          out[n++] = BASE62[b % 62];
        }
      }
    }
    Arrays.fill(buf, (byte) 0);
    return new String(out);
  }

  private byte[] digest(byte[] secret) {
    try {
      if (pepper == null) {
        return MessageDigest.getInstance(SHA_256).digest(secret);
      }
      Mac mac = Mac.getInstance(HMAC_SHA_256);
      mac.init(pepper);
      return mac.doFinal(secret);
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform must provide both (JCA standard names); this is a broken runtime.
      throw new IllegalStateException(
          "the JCA has no " + (pepper == null ? SHA_256 : HMAC_SHA_256), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot initialise " + HMAC_SHA_256 + " with the pepper", e);
    }
  }

  /** Names the prefix and the store; never the pepper, only whether one is set. */
  @Override
  public String toString() {
    return "ApiKeys{prefix="
        + prefix
        + ", store="
        + store.getClass().getSimpleName()
        + ", digest="
        + (pepper == null ? "SHA-256" : "HMAC-SHA-256, pepper=<masked>")
        + "}";
  }

  /** Builds {@link ApiKeys}; not thread-safe. {@link #prefix} and {@link #store} are required. */
  public static final class Builder {
    private String prefix;
    private ApiKeyStore store;
    private byte[] pepper;
    private Clock clock;

    private Builder() {}

    /**
     * The key prefix, for example {@code bk_live}: lowercase letters and digits with at most one
     * inner {@code _}, at most {@value ApiKeys#MAX_PREFIX_LENGTH} characters.
     *
     * @throws IllegalArgumentException if the prefix does not have that shape
     * @throws IllegalStateException if the prefix was already set
     */
    public Builder prefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (this.prefix != null) {
        throw new IllegalStateException(
            "prefix was already set to " + this.prefix + ", cannot set it again to " + prefix);
      }
      if (prefix.length() > MAX_PREFIX_LENGTH || !PREFIX.matcher(prefix).matches()) {
        throw new IllegalArgumentException(
            "prefix must be 1 to "
                + MAX_PREFIX_LENGTH
                + " lowercase letters and digits with at most one inner '_' (for example bk_live), was \""
                + prefix
                + "\"");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * Where records are kept.
     *
     * @throws IllegalStateException if the store was already set
     */
    public Builder store(ApiKeyStore store) {
      Objects.requireNonNull(store, "store");
      if (this.store != null) {
        throw new IllegalStateException(
            "store was already set to " + this.store + ", cannot set it again to " + store);
      }
      this.store = store;
      return this;
    }

    /**
     * A server-side secret of at least 32 bytes: secrets are then stored as HMAC-SHA-256 under it
     * instead of plain SHA-256. Copied; never logged. Keys generated under one pepper do not verify
     * under another (or under none).
     *
     * @throws IllegalArgumentException if it is shorter than {@value ApiKeys#MIN_PEPPER_BYTES}
     *     bytes
     * @throws IllegalStateException if a pepper was already set
     */
    public Builder pepper(byte[] pepper) {
      Objects.requireNonNull(pepper, "pepper");
      if (this.pepper != null) {
        // Named, never shown: the pepper is a secret.
        throw new IllegalStateException("pepper was already set");
      }
      if (pepper.length < MIN_PEPPER_BYTES) {
        throw new IllegalArgumentException(
            "pepper must be at least "
                + MIN_PEPPER_BYTES
                + " bytes, was "
                + pepper.length
                + " bytes");
      }
      this.pepper = pepper.clone();
      return this;
    }

    /**
     * The clock for creation and expiry times; defaults to {@link Clock#systemUTC()}.
     *
     * @throws IllegalStateException if the clock was already set
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      if (this.clock != null) {
        throw new IllegalStateException(
            "clock was already set to " + this.clock + ", cannot set it again to " + clock);
      }
      this.clock = clock;
      return this;
    }

    /**
     * Builds the key family.
     *
     * @throws IllegalStateException if the prefix or the store is missing
     */
    public ApiKeys build() {
      if (prefix == null) {
        throw new IllegalStateException("prefix must be set, for example prefix(\"bk_live\")");
      }
      if (store == null) {
        throw new IllegalStateException(
            "store must be set, for example store(new InMemoryApiKeyStore())");
      }
      return new ApiKeys(this);
    }

    /** Never shows the pepper. */
    @Override
    public String toString() {
      return "ApiKeys.Builder{prefix="
          + prefix
          + ", pepper="
          + (pepper == null ? "none" : "<masked>")
          + "}";
    }
  }
}
