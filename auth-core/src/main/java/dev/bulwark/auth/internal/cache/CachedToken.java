/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.internal.jws.VerificationKey;
import java.util.Objects;

/**
 * What the engine remembers of a verified token. Immutable and thread-safe. It holds no token text
 * and no key material: the key is referenced only to check, on each hit, that it is still one of
 * its issuer's keys.
 */
public final class CachedToken {
  private final AuthResult result;
  private final Object issuer;
  private final VerificationKey key;
  private final long validUntilMillis;

  /**
   * @param result the successful result to answer with
   * @param issuer the engine's handle of the issuer that verified the token
   * @param key the key that verified the signature
   * @param validUntilMillis the epoch millisecond from which the entry must not be used: the
   *     earliest of the token's {@code exp} (with the clock skew) and the insertion time plus TTL
   */
  public CachedToken(AuthResult result, Object issuer, VerificationKey key, long validUntilMillis) {
    this.result = Objects.requireNonNull(result, "result");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.key = Objects.requireNonNull(key, "key");
    this.validUntilMillis = validUntilMillis;
  }

  /** The successful result to answer a hit with. */
  public AuthResult result() {
    return result;
  }

  /** The engine's handle of the issuer whose key verified the token. */
  public Object issuer() {
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

  @Override
  public String toString() {
    return "CachedToken{" + result + ", validUntilMillis=" + validUntilMillis + "}";
  }
}
