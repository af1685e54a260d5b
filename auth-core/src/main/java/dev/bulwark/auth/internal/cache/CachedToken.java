/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.Principal;
import dev.bulwark.auth.internal.jws.VerificationKey;
import java.time.Instant;
import java.util.Objects;

/**
 * What the engine remembers of a verified token. Immutable and thread-safe. It holds no token text
 * and no key material: the key is referenced only to check, on each hit, that it is still one of
 * its issuer's keys.
 */
public final class CachedToken {
  private final AuthResult result;
  private final Issuer issuer;
  private final VerificationKey key;
  private final long validUntilMillis;
  // What the revocation check reads on every hit, taken out of the principal's Optionals once here
  // so that a hit creates no Optional (an Optional of a present value is an allocation).
  private final String credentialId;
  private final String subject;
  private final Instant issuedAt;

  /**
   * @param result the successful result to answer with
   * @param issuer the issuer that verified the token
   * @param key the key that verified the signature
   * @param validUntilMillis the epoch millisecond from which the entry must not be used: the
   *     earliest of the token's {@code exp} (with the clock skew) and the insertion time plus TTL
   */
  public CachedToken(AuthResult result, Issuer issuer, VerificationKey key, long validUntilMillis) {
    this.result = Objects.requireNonNull(result, "result");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.key = Objects.requireNonNull(key, "key");
    this.validUntilMillis = validUntilMillis;
    Principal p = result.principal();
    this.credentialId = p.credentialId().orElse(null);
    this.subject = p.subject();
    this.issuedAt = p.issuedAt().orElse(null);
  }

  /** The successful result to answer a hit with. */
  public AuthResult result() {
    return result;
  }

  /** The issuer whose key verified the token. */
  public Issuer issuer() {
    return issuer;
  }

  /** The key that verified the signature; a hit counts only while the issuer's set holds it. */
  public VerificationKey key() {
    return key;
  }

  /** The epoch millisecond from which this entry must not answer any more. */
  public long validUntilMillis() {
    return validUntilMillis;
  }

  /** The principal's {@code jti}, or {@code null}: what a revocation by token id is checked on. */
  public String credentialId() {
    return credentialId;
  }

  /** The principal's subject: what a revocation by subject is checked on. */
  public String subject() {
    return subject;
  }

  /**
   * The principal's {@code iat}, or {@code null} if the token had none. Kept as the principal's own
   * {@link Instant} rather than epoch millis so that the comparison with a revocation instant is
   * exactly the one the uncached path makes ({@link Instant#isBefore}), sub-millisecond part
   * included.
   */
  public Instant issuedAt() {
    return issuedAt;
  }

  @Override
  public String toString() {
    return "CachedToken{" + result + ", validUntilMillis=" + validUntilMillis + "}";
  }
}
