/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh;

import com.auth0.jwt.JWTVerifier;
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
 * auth0 java-jwt's uncached verification, with the settings and token shape of {@link JwtVerify}
 * (the same fixture makes an equal token in each fork). A class of its own because java-jwt has no
 * EdDSA: its algorithm list skips it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class JwtVerifyAuth0 {

  // No EdDSA: java-jwt 4.x implements HMAC, RSA and ECDSA only.
  @Param({"HS256", "RS256", "ES256"})
  public String alg;

  private String token;
  private JWTVerifier auth0;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    JwtFixture f = JwtFixture.create(alg);
    token = f.token();
    String tampered = JwtFixture.tampered(token);
    auth0 = Peers.auth0(f);
    Peers.requireVerifies("auth0 java-jwt", alg, () -> auth0.verify(token).getSubject(),
        () -> auth0.verify(tampered).getSubject());
  }

  @Benchmark
  public Object auth0() {
    return auth0.verify(token);
  }
}
