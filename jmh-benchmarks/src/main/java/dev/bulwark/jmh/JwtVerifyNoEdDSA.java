/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh;

import com.auth0.jwt.JWTVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-thread JMH state ({@code Scope.Thread}, never shared) for the peers that cannot verify EdDSA
 * out of the box, with the settings and token shape of {@link JwtVerify} (the same fixture makes an
 * equal token, under a fresh key, in each fork):
 *
 * <ul>
 *   <li>nimbus-jose-jwt's {@code DefaultJWTProcessor}: its {@code DefaultJWSVerifierFactory} makes
 *       verifiers for HMAC, RSA and EC keys only, and {@code JWSVerificationKeySelector} cannot
 *       turn an OKP JWK into a {@code java.security.Key}; EdDSA would need custom glue and Google
 *       Tink.
 *   <li>auth0 java-jwt 4.x: HMAC, RSA and ECDSA only.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class JwtVerifyNoEdDSA {

  // EdDSA skipped: see the class comment.
  @Param({"HS256", "RS256", "ES256"})
  public String alg;

  private String token;
  private DefaultJWTProcessor<SecurityContext> nimbus;
  private JWTVerifier auth0;

  /** Makes the key and token and proves that both verifiers accept it and refuse it tampered. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    JwtFixture f = JwtFixture.create(alg);
    token = f.token();
    String tampered = JwtFixture.tampered(token);

    nimbus = Peers.nimbus(f);
    Peers.requireVerifies(
        "nimbus",
        alg,
        () -> nimbus.process(token, null).getSubject(),
        () -> nimbus.process(tampered, null).getSubject());

    auth0 = Peers.auth0(f);
    Peers.requireVerifies(
        "auth0 java-jwt",
        alg,
        () -> auth0.verify(token).getSubject(),
        () -> auth0.verify(tampered).getSubject());
  }

  /**
   * nimbus-jose-jwt's {@code DefaultJWTProcessor}, the reference the uncached figures are compared
   * with.
   */
  @Benchmark
  public Object nimbus() throws Exception {
    return nimbus.process(token, null);
  }

  /** auth0 java-jwt's {@code JWTVerifier}. */
  @Benchmark
  public Object auth0() {
    return auth0.verify(token);
  }
}
