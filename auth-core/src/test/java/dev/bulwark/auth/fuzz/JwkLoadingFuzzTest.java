/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.util.Base64URL;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Issuer;
import dev.bulwark.testkit.InputBudget;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes JWK and JWKS loading through {@link Issuer.Builder#jwksJson(String)} and {@link
 * Issuer.Builder#build()}: {@link #jwk} wraps one key in a set, {@link #jwks} takes a whole set.
 * Each input (UTF-8, at most {@value InputBudget#MAX_INPUT_BYTES} bytes) is loaded twice, once with
 * every asymmetric algorithm allowed and once with the HMAC ones.
 *
 * <p>For each input it checks:
 *
 * <ul>
 *   <li>{@code build()} ends in an issuer or its documented {@link IllegalArgumentException} or
 *       {@link IllegalStateException}, never another exception;
 *   <li>a loaded public key accepts no token whose signature needs no private key: for each key,
 *       tokens signed with all-zero bytes, with the value 1 and, for EdDSA, with the identity point
 *       and a zero scalar (which every small-order key accepts) must all be refused, and the
 *       refusal must not be {@link FailureReason#INTERNAL_ERROR};
 *   <li>loading plus those verifications cost at most {@link InputBudget#limit()}: 100 ms while
 *       fuzzing, 2 s when replayed by {@code ./mvnw verify}.
 * </ul>
 */
class JwkLoadingFuzzTest {
  private static final String ISSUER = "https://jwks.fuzz.example";
  private static final String[] ASYMMETRIC = {
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"
  };
  private static final String[] HMAC = {"HS256", "HS384", "HS512"};
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String CLAIMS =
      Base64URL.encode(
              "{\"iss\":\"" + ISSUER + "\",\"aud\":\"api\",\"sub\":\"mallory\",\"exp\":4102444800}")
          .toString();

  @FuzzTest(maxDuration = "10m")
  void jwk(byte[] input) throws Exception {
    if (input.length > InputBudget.MAX_INPUT_BYTES) {
      return;
    }
    load("{\"keys\":[" + new String(input, StandardCharsets.UTF_8) + "]}");
  }

  @FuzzTest(maxDuration = "10m")
  void jwks(byte[] input) throws Exception {
    if (input.length > InputBudget.MAX_INPUT_BYTES) {
      return;
    }
    load(new String(input, StandardCharsets.UTF_8));
  }

  private static void load(String json) throws Exception {
    InputBudget.within(
        "loading and probing the key set",
        () -> {
          for (String[] algorithms : new String[][] {ASYMMETRIC, HMAC}) {
            Issuer issuer;
            try {
              issuer =
                  Issuer.builder(ISSUER)
                      .jwksJson(json)
                      .audiences("api")
                      .algorithms(algorithms)
                      .build();
            } catch (IllegalArgumentException | IllegalStateException refused) {
              continue; // the documented refusal of a bad key set
            }
            if (algorithms == ASYMMETRIC) {
              probeForgeries(json, issuer);
            }
          }
        });
  }

  /** Every key the issuer loaded must refuse signatures that anyone can make. */
  private static void probeForgeries(String json, Issuer issuer) {
    AuthEngine engine =
        AuthEngine.builder().issuer(issuer).clock(CLOCK).tokenCacheMaximumSize(0).build();
    List<JWK> keys;
    try {
      keys = JWKSet.parse(json).getKeys();
    } catch (java.text.ParseException | RuntimeException e) {
      // Bulwark loaded what nimbus's whole-set parser refuses (it reads key by key): probe
      // without kids, against whatever the set holds.
      keys = List.of();
    }
    List<String> kids = new ArrayList<>();
    kids.add(null);
    for (JWK k : keys) {
      if (k.getKeyID() != null && !KeyType.OCT.equals(k.getKeyType())) {
        kids.add(k.getKeyID());
      }
    }
    for (String kid : kids) {
      for (String alg : ASYMMETRIC) {
        for (byte[] signature : trivialSignatures(alg)) {
          String header =
              "{\"alg\":\"" + alg + "\"" + (kid == null ? "" : ",\"kid\":" + jsonString(kid)) + "}";
          String token =
              Base64URL.encode(header) + "." + CLAIMS + "." + Base64URL.encode(signature);
          AuthResult r = engine.authenticate("Bearer " + token);
          if (r.isAuthenticated()) {
            throw new AssertionError(
                "a loaded key (kid "
                    + kid
                    + ") accepts a "
                    + alg
                    + " signature made without any private key: "
                    + token);
          }
          if (r.failureReason() == FailureReason.INTERNAL_ERROR) {
            throw new AssertionError(
                "verifying with a loaded key (kid "
                    + kid
                    + ", "
                    + alg
                    + ") swallowed an unexpected exception");
          }
        }
      }
    }
  }

  /** Signatures that need no private key, in the lengths the algorithm expects. */
  private static List<byte[]> trivialSignatures(String alg) {
    List<byte[]> out = new ArrayList<>();
    switch (alg) {
      case "EdDSA":
        out.add(new byte[64]);
        byte[] identity = new byte[64];
        identity[0] = 1; // R = the neutral point (y = 1), S = 0
        out.add(identity);
        out.add(new byte[114]);
        break;
      case "ES256":
        out.add(new byte[64]);
        break;
      case "ES384":
        out.add(new byte[96]);
        break;
      case "ES512":
        out.add(new byte[132]);
        break;
      default: // RSA: s = 0 and s = 1 as one byte; the verifier pads or refuses the length
        out.add(new byte[] {0});
        out.add(new byte[] {1});
    }
    return out;
  }

  private static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
