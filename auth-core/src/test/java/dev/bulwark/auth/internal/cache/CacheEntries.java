/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import dev.bulwark.auth.AuthMethod;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.Principal;
import dev.bulwark.auth.internal.jws.KeyLoader;
import dev.bulwark.auth.internal.jws.VerificationKey;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import java.nio.charset.StandardCharsets;

/** Entries and token bytes for the on-heap cache's tests. Immutable; thread-safe. */
final class CacheEntries {
  /** An HMAC key the entries name; the cache never uses it, the engine checks it on a hit. */
  static final VerificationKey KEY =
      KeyLoader.load(new OctetSequenceKey.Builder(new byte[32]).keyID("k").build());

  private CacheEntries() {}

  /** An entry for a verified JWT of {@code subject} that never expires. */
  static CachedToken entry(String subject) {
    return new CachedToken(AuthResult.success(Principal.builder(AuthMethod.JWT, "iss", subject)
        .build()), "issuer", KEY, Long.MAX_VALUE);
  }

  /** The token's bytes, as the engine hands them over (ASCII). */
  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
