/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.bulwark.auth.AuthMethod;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.Principal;
import dev.bulwark.auth.internal.jws.KeyLoader;
import dev.bulwark.auth.internal.jws.VerificationKey;
import java.nio.charset.StandardCharsets;

/** Entries, issuers and token bytes for the token caches' tests. Immutable; thread-safe. */
final class CacheEntries {
  /** An HMAC key the entries name; the cache never uses it, the engine checks it on a hit. */
  static final VerificationKey KEY =
      KeyLoader.load(new OctetSequenceKey.Builder(new byte[32]).keyID("k").build());

  /** The issuer the entries name; the cache only hands it back, the engine checks its keys. */
  static final Issuer ISSUER = issuer("iss");

  private CacheEntries() {}

  /** A distinct issuer named {@code iss}, with an HMAC key of its own. */
  static Issuer issuer(String iss) {
    byte[] secret = new byte[32];
    java.util.Arrays.fill(secret, (byte) 0x5A);
    return Issuer.builder(iss)
        .jwks(new JWKSet(new OctetSequenceKey.Builder(secret).keyID("k").build()))
        .audiences("aud")
        .algorithms("HS256")
        .build();
  }

  /** An entry for a verified JWT of {@code subject} that never expires. */
  static CachedToken entry(String subject) {
    return new CachedToken(
        AuthResult.success(Principal.builder(AuthMethod.JWT, "iss", subject).build()),
        ISSUER,
        KEY,
        Long.MAX_VALUE);
  }

  /** The token's bytes, as the engine hands them over (ASCII). */
  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
