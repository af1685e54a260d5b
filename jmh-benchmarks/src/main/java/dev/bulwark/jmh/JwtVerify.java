/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh;

import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import io.jsonwebtoken.JwtParser;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwt.consumer.JwtConsumer;
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
 * Per-thread JMH state ({@code Scope.Thread}, never shared): uncached verification of one token,
 * per algorithm, by Bulwark and its peers in the same run on the same token, against the raw-JCA
 * baseline (the signature check alone). Every verifier checks signature, issuer, audience and
 * expiry; the setup proves that each accepts the token with the right subject and refuses it with a
 * flipped signature bit.
 *
 * <p>nimbus's {@code DefaultJWTProcessor} (its {@code DefaultJWSVerifierFactory} makes no EdDSA
 * verifier, and its key selector cannot turn an OKP JWK into a key) and auth0 java-jwt (no EdDSA at
 * all) are measured in {@link JwtVerifyNoEdDSA}, on the same fixture, without EdDSA.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class JwtVerify {

  @Param({"HS256", "RS256", "ES256", "EdDSA"})
  public String alg;

  private String token;
  private String header;
  private byte[] signingInput;
  private byte[] signature;
  private Peers.RawJca rawJca;
  private AuthEngine bulwark;
  private JwtConsumer jose4j;
  private JwtParser jjwt;

  /** Makes the key and token and proves that every verifier accepts it and refuses it tampered. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    JwtFixture f = JwtFixture.create(alg);
    token = f.token();
    String tampered = JwtFixture.tampered(token);
    header = "Bearer " + token;
    signingInput = JwtFixture.signingInput(token);
    signature = JwtFixture.signature(token);

    rawJca = Peers.rawJca(f);
    Peers.requireVerifies(
        "raw JCA",
        alg,
        () -> rawJca.verify(signingInput, signature) ? JwtFixture.SUBJECT : null,
        () ->
            rawJca.verify(JwtFixture.signingInput(tampered), JwtFixture.signature(tampered))
                ? JwtFixture.SUBJECT
                : null);

    bulwark = Peers.bulwark(f, 0);
    Peers.requireVerifies(
        "Bulwark",
        alg,
        () -> Peers.subjectOf(bulwark.authenticate(header)),
        () -> Peers.subjectOf(bulwark.authenticate("Bearer " + tampered)));

    jose4j = Peers.jose4j(f);
    Peers.requireVerifies(
        "jose4j",
        alg,
        () -> jose4j.processToClaims(token).getSubject(),
        () -> jose4j.processToClaims(tampered).getSubject());

    jjwt = Peers.jjwt(f);
    Peers.requireVerifies(
        "jjwt",
        alg,
        () -> jjwt.parseSignedClaims(token).getPayload().getSubject(),
        () -> jjwt.parseSignedClaims(tampered).getPayload().getSubject());
  }

  /** The floor: the signature check alone, no parsing, no claims. */
  @Benchmark
  public boolean rawJca() throws Exception {
    return rawJca.verify(signingInput, signature);
  }

  /** Bulwark's {@code AuthEngine}, cache off. */
  @Benchmark
  public AuthResult bulwark() {
    return bulwark.authenticate(header);
  }

  /** jose4j's {@code JwtConsumer}. */
  @Benchmark
  public Object jose4j() throws Exception {
    return jose4j.processToClaims(token);
  }

  /** jjwt's {@code JwtParser}. */
  @Benchmark
  public Object jjwt() {
    return jjwt.parseSignedClaims(token);
  }
}
