/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code bulwark keygen}: makes a private signing JWK for {@code token mint} and, optionally, the
 * JWK set a verifier needs. Stateless.
 */
final class KeygenCommand implements Command {

  @Override
  public String usage() {
    return String.join(
        "\n",
        "bulwark keygen --kty EC|RSA|OKP|oct [--crv P-256|P-384|P-521] [--size BITS] [--kid KID]",
        "               [--public-jwks FILE]",
        "    Prints a new private JWK (use sig, alg set): EC P-256 (ES256) by default curve, RSA 2048",
        "    bits (RS256) by default size, OKP Ed25519 (EdDSA), oct 256 bits (HS256).",
        "    --public-jwks writes the JWK set a verifier needs (for oct: the secret itself).");
  }

  @Override
  public int run(List<String> args, Io io) throws UsageException {
    Args a =
        Args.parse(
            "keygen", args, Set.of("--kty", "--crv", "--size", "--kid", "--public-jwks"), Set.of());
    a.expectPositionals("keygen");
    String kty = a.require("--kty");
    String kid = a.get("--kid");
    JWK jwk;
    try {
      switch (kty) {
        case "EC":
          jwk = ec(a.get("--crv", "P-256"), kid);
          break;
        case "RSA":
          noCurve(a, kty);
          jwk = rsa(size(a, 2048, 2048, "RSA keys under 2048 bits are refused by verifiers"), kid);
          break;
        case "OKP":
          if (!a.get("--crv", "Ed25519").equals("Ed25519")) {
            throw new UsageException("--crv for OKP must be Ed25519, was '" + a.get("--crv") + "'");
          }
          jwk = ed25519(kid);
          break;
        case "oct":
          noCurve(a, kty);
          jwk = oct(size(a, 256, 256, "HMAC secrets under 256 bits are refused by verifiers"), kid);
          break;
        default:
          throw new UsageException("--kty must be EC, RSA, OKP or oct, was '" + kty + "'");
      }
    } catch (JOSEException | GeneralSecurityException e) {
      throw new UsageException("key generation failed: " + e.getMessage());
    }

    String publicJwks = a.get("--public-jwks");
    if (publicJwks != null) {
      JWK verifying = "oct".equals(kty) ? jwk : jwk.toPublicJWK();
      try {
        Files.writeString(
            Path.of(publicJwks),
            new JWKSet(verifying).toString(!"oct".equals(kty)) + "\n",
            StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        throw new UsageException(
            "--public-jwks file "
                + publicJwks
                + " cannot be written: "
                + e.getClass().getSimpleName());
      }
      if ("oct".equals(kty)) {
        io.err().println("Note: " + publicJwks + " holds the HMAC secret itself; protect it.");
      }
    }
    io.out().println(jwk.toJSONString());
    return 0;
  }

  private static void noCurve(Args a, String kty) throws UsageException {
    if (a.get("--crv") != null) {
      throw new UsageException("--crv does not apply to --kty " + kty);
    }
  }

  private static int size(Args a, int fallback, int minimum, String why) throws UsageException {
    String text = a.get("--size");
    if (text == null) {
      return fallback;
    }
    int bits;
    try {
      bits = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--size must be a number of bits, was '" + text + "'");
    }
    if (bits < minimum || bits > 16384 || bits % 8 != 0) {
      throw new UsageException(
          "--size must be a multiple of 8 from "
              + minimum
              + " to 16384 ("
              + why
              + "), was "
              + bits);
    }
    return bits;
  }

  private static JWK ec(String crv, String kid) throws UsageException, JOSEException {
    Curve curve = Curve.parse(crv);
    JWSAlgorithm alg;
    if (Curve.P_256.equals(curve)) {
      alg = JWSAlgorithm.ES256;
    } else if (Curve.P_384.equals(curve)) {
      alg = JWSAlgorithm.ES384;
    } else if (Curve.P_521.equals(curve)) {
      alg = JWSAlgorithm.ES512;
    } else {
      throw new UsageException("--crv for EC must be P-256, P-384 or P-521, was '" + crv + "'");
    }
    return finish(new ECKeyGenerator(curve).keyUse(KeyUse.SIGNATURE).algorithm(alg), kid);
  }

  private static JWK rsa(int bits, String kid) throws JOSEException {
    return finish(
        new RSAKeyGenerator(bits).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256), kid);
  }

  private static JWK oct(int bits, String kid) throws JOSEException {
    JWSAlgorithm alg =
        bits >= 512 ? JWSAlgorithm.HS512 : bits >= 384 ? JWSAlgorithm.HS384 : JWSAlgorithm.HS256;
    return finish(new OctetSequenceKeyGenerator(bits).keyUse(KeyUse.SIGNATURE).algorithm(alg), kid);
  }

  // Without --kid the key is named by its RFC 7638 thumbprint.
  private static JWK finish(JWKGenerator<? extends JWK> gen, String kid) throws JOSEException {
    return kid == null ? gen.keyIDFromThumbprint(true).generate() : gen.keyID(kid).generate();
  }

  // nimbus's OctetKeyPairGenerator needs Google Tink; the JDK makes Ed25519 keys itself.
  private static JWK ed25519(String kid) throws GeneralSecurityException, JOSEException {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] spki = pair.getPublic().getEncoded();
    // The SubjectPublicKeyInfo of Ed25519 ends with the 32-byte public key (RFC 8410 section 4).
    byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    byte[] d =
        ((EdECPrivateKey) pair.getPrivate())
            .getBytes()
            .orElseThrow(
                () -> new GeneralSecurityException("the JDK did not expose the Ed25519 seed"));
    OctetKeyPair.Builder builder =
        new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
            .d(Base64URL.encode(d))
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.EdDSA);
    if (kid != null) {
      return builder.keyID(kid).build();
    }
    return builder.keyIDFromThumbprint().build();
  }
}
