/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Bulwark's in-process authentication: bearer tokens (JWT) and API keys. The API is
 * {@code dev.bulwark.auth} and {@code dev.bulwark.auth.store}; everything under
 * {@code dev.bulwark.auth.internal} (the JWS verifier, the token caches, the JWKS client) is not
 * exported.
 *
 * <p>The off-heap verified-token cache runs on Agrona 2, which reads memory through
 * {@code jdk.internal.misc.Unsafe}: on the module path the JVM needs
 * {@code --add-exports java.base/jdk.internal.misc=org.agrona}, on the class path
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}.
 */
// Agrona has no module descriptor, only an Automatic-Module-Name; requiring it is deliberate.
@SuppressWarnings("requires-automatic")
module dev.bulwark.auth {
  // Issuer.Builder.jwks takes a Nimbus JWKSet, so users need Nimbus's types too.
  requires transitive com.nimbusds.jose.jwt;
  requires com.github.benmanes.caffeine;
  requires dev.bulwark.simd;
  // Transitive: tokenCacheMemory() reports the off-heap cache's memory as a memory PoolStats.
  requires transitive dev.bulwark.memory;
  requires org.agrona;
  // The Flight Recorder events; jdk.jfr is in every JDK image. The event
  // packages stay unexported: the Flight Recorder opens what it instruments to itself.
  requires jdk.jfr;

  exports dev.bulwark.auth;
  exports dev.bulwark.auth.store;
}
