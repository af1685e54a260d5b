/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wycheproof's signature-primitive vectors, one file per algorithm Bulwark verifies, through
 * Bulwark's own path: the vector's public key (or HMAC key) becomes a JWK, {@link KeyLoader} admits
 * it as it admits any configured or fetched key, and {@link VerificationKey#verify} checks the
 * vector's signature over its message, so every check Bulwark adds to the JCA's (key policy,
 * signature length, ECDSA r and s in [1, n-1], EdDSA S below L and no small-order R) is part of
 * what is tested. Every {@code invalid} vector must be refused and every {@code valid} one
 * accepted, except where Bulwark's policy refuses first:
 *
 * <ul>
 *   <li>HMAC keys under 256 bits, or shorter than the hash of the algorithm (RFC 7518 section 3.2):
 *       the key is refused at load, so its vectors count as refused and never verify (Wycheproof's
 *       128-bit-key groups).
 *   <li>HMAC tags shorter than the hash output: a JWS carries the full MAC (RFC 7518 section 3.2),
 *       so a truncated tag is refused whatever its value (Wycheproof's 128-bit-tag groups).
 * </ul>
 *
 * Any other key refused at load fails the test. The {@code acceptable} vectors, and Bulwark's
 * choice for each:
 *
 * <ul>
 *   <li>{@code MissingNull} (RSA PKCS#1 v1.5, one per file): the DigestInfo omits the NULL
 *       parameters of the hash algorithm. Accepted: the JDK's {@code SHA*withRSA} accepts it, as
 *       RFC 8017 section 9.2 note 2 allows for interoperability. It is no forgery: the encoding
 *       still binds the full hash, and only the holder of the private key can produce it, so a
 *       third party cannot turn a signed token into a second spelling. Refusing it would mean
 *       replacing the JCA's PKCS#1 v1.5 verification by an encode-and-compare of Bulwark's own.
 * </ul>
 *
 * Valid in Wycheproof, refused by the JDK 17 Bulwark runs on ({@link #JDK_REFUSES_VALID}): two
 * ECDSA vectors per curve whose point {@code kG} has an x-coordinate of at least n, so that {@code
 * r = x - n} (comments "k*G has a large x-coordinate" and "x = n + r is the smallest possible x
 * with a reduction"). The JDK's {@code SHA*withECDSAinP1363Format} answers false; Bulwark passes
 * them on unchanged, since it never accepts what the JCA refuses. It fails closed, and an honest
 * signer meets such an x with probability about (p - n) / p: 2^-128 on P-256, 2^-190 on P-384, less
 * on P-521. Either answer is taken for these, so that a JDK that fixes it passes too; the count is
 * printed.
 *
 * <p>The JDK's EdDSA verifies cofactorless, and Bulwark refuses small-order R and S at or above L
 * before it; no {@code valid} Ed25519 or Ed448 vector uses such an R, so none is lost.
 */
class WycheproofSignatureTest {

  /** Valid vectors the JDK's ECDSA refuses (x-coordinate of kG at least n), by file. */
  private static final Map<String, Set<Integer>> JDK_REFUSES_VALID =
      Map.of(
          "ecdsa_secp256r1_sha256_p1363_test.json", Set.of(115, 257),
          "ecdsa_secp384r1_sha384_p1363_test.json", Set.of(147, 275),
          "ecdsa_secp521r1_sha512_p1363_test.json", Set.of(184, 313));

  /** What Bulwark does with a file's {@code acceptable} vectors, by flag: accepted or not. */
  private static final Map<String, Boolean> ACCEPTABLE_ACCEPTED = Map.of("MissingNull", true);

  /**
   * The JWK of an ECDSA group that Wycheproof gives only as {@code wx}, {@code wy} (its edge-case
   * groups of one or two vectors each), with coordinates of the curve's full length.
   */
  private static JWK ecJwk(Map<String, Object> publicKey, JwsAlgorithm alg) {
    int n = alg.coordinateBytes();
    return new ECKey.Builder(
            Curve.parse(alg.curve()),
            Base64URL.encode(fixed(new BigInteger((String) publicKey.get("wx"), 16), n)),
            Base64URL.encode(fixed(new BigInteger((String) publicKey.get("wy"), 16), n)))
        .build();
  }

  private static byte[] fixed(BigInteger v, int length) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ed25519_test.json, EdDSA",
    "ed448_test.json, EdDSA",
    "ecdsa_secp256r1_sha256_p1363_test.json, ES256",
    "ecdsa_secp384r1_sha384_p1363_test.json, ES384",
    "ecdsa_secp521r1_sha512_p1363_test.json, ES512",
    "rsa_signature_2048_sha256_test.json, RS256",
    "rsa_signature_3072_sha384_test.json, RS384",
    "rsa_signature_4096_sha512_test.json, RS512",
    "rsa_pss_2048_sha256_mgf1_32_test.json, PS256",
    "rsa_pss_4096_sha384_mgf1_48_test.json, PS384",
    "rsa_pss_4096_sha512_mgf1_64_test.json, PS512",
    "hmac_sha256_test.json, HS256",
    "hmac_sha384_test.json, HS384",
    "hmac_sha512_test.json, HS512"
  })
  @SuppressWarnings("unchecked")
  void verificationKey_everyVectorOfFile_matchesExpectedResult(String fileName, String algName)
      throws ParseException {
    JwsAlgorithm alg = JwsAlgorithm.byName(algName);
    Map<String, Object> file = WycheproofData.load(fileName);
    List<String> wrong = new ArrayList<>();
    int total = 0;
    int validAccepted = 0;
    int invalidRefused = 0;
    int policyKey = 0;
    int policyTag = 0;
    int acceptableAccepted = 0;
    int acceptableRefused = 0;
    int jdkRefusesValid = 0;
    Set<Integer> jdkLimited = JDK_REFUSES_VALID.getOrDefault(fileName, Set.of());
    HexFormat hex = HexFormat.of();
    for (Object g : (List<Object>) file.get("testGroups")) {
      Map<String, Object> group = (Map<String, Object>) g;
      boolean hmac = alg.family() == JwsAlgorithm.Family.HMAC;
      VerificationKey groupKey = null;
      String groupRefusal = null;
      if (!hmac) {
        Map<String, Object> jwk =
            (Map<String, Object>)
                (group.containsKey("publicKeyJwk")
                    ? group.get("publicKeyJwk")
                    : group.get("keyJwk"));
        try {
          groupKey =
              KeyLoader.load(
                  jwk != null
                      ? JWK.parse(jwk)
                      : ecJwk((Map<String, Object>) group.get("publicKey"), alg));
        } catch (IllegalArgumentException e) {
          groupRefusal = e.getMessage();
        }
      }
      int keyBits = group.containsKey("keySize") ? ((Number) group.get("keySize")).intValue() : 0;
      int tagBits = group.containsKey("tagSize") ? ((Number) group.get("tagSize")).intValue() : 0;
      // Bulwark's policy: HMAC keys of at least 256 bits and the hash size, full-length tags.
      boolean keyBelowPolicy = hmac && keyBits < Math.max(256, 8 * alg.hashBytes());
      boolean tagTruncated = hmac && tagBits < 8 * alg.hashBytes();
      for (Object t : (List<Object>) group.get("tests")) {
        Map<String, Object> test = (Map<String, Object>) t;
        total++;
        int id = ((Number) test.get("tcId")).intValue();
        String result = (String) test.get("result");
        byte[] msg = hex.parseHex((String) test.get("msg"));
        byte[] sig = hex.parseHex((String) test.get(hmac ? "tag" : "sig"));
        VerificationKey key = groupKey;
        String refusedAtLoad = groupRefusal;
        if (hmac) {
          try {
            key =
                KeyLoader.load(
                    new OctetSequenceKey.Builder(hex.parseHex((String) test.get("key")))
                        .algorithm(JWSAlgorithm.parse(algName))
                        .build());
          } catch (IllegalArgumentException e) {
            refusedAtLoad = e.getMessage();
          }
        }
        String label = fileName + " tcId " + id + " (" + test.get("comment") + ", " + result + ")";
        if (refusedAtLoad != null) {
          if (keyBelowPolicy) {
            policyKey++;
          } else {
            wrong.add(label + ": key refused at load: " + refusedAtLoad);
          }
          continue;
        }
        if (keyBelowPolicy) {
          wrong.add(label + ": a " + keyBits + "-bit HMAC key was admitted");
          continue;
        }
        boolean accepted = key.permits(alg) && key.verify(alg, msg, 0, msg.length, sig);
        if (tagTruncated) {
          if (accepted) {
            wrong.add(label + ": a " + tagBits + "-bit tag verified");
          } else {
            policyTag++;
          }
        } else if ("valid".equals(result) && jdkLimited.contains(id)) {
          if (accepted) {
            validAccepted++;
          } else {
            jdkRefusesValid++;
          }
        } else if ("valid".equals(result)) {
          if (accepted) {
            validAccepted++;
          } else {
            wrong.add(label + ": refused");
          }
        } else if ("invalid".equals(result)) {
          if (accepted) {
            wrong.add(label + ": accepted");
          } else {
            invalidRefused++;
          }
        } else {
          List<String> flags = (List<String>) test.get("flags");
          Boolean expected = flags.size() == 1 ? ACCEPTABLE_ACCEPTED.get(flags.get(0)) : null;
          if (expected == null) {
            wrong.add(
                label
                    + ": acceptable vector with flags "
                    + flags
                    + " has no documented "
                    + "choice; Bulwark "
                    + (accepted ? "accepts" : "refuses")
                    + " it");
          } else if (expected != accepted) {
            wrong.add(
                label
                    + ": documented as "
                    + (expected ? "accepted" : "refused")
                    + ", but Bulwark "
                    + (accepted ? "accepts" : "refuses")
                    + " it");
          } else if (accepted) {
            acceptableAccepted++;
          } else {
            acceptableRefused++;
          }
        }
      }
    }
    System.out.printf(
        "Wycheproof %s: %d vectors, %d valid accepted, %d invalid refused, "
            + "%d refused at load by key policy, %d refused as truncated tags, %d acceptable "
            + "accepted, %d acceptable refused, %d valid refused by the JDK%n",
        fileName,
        total,
        validAccepted,
        invalidRefused,
        policyKey,
        policyTag,
        acceptableAccepted,
        acceptableRefused,
        jdkRefusesValid);
    assertThat(wrong).isEmpty();
    assertThat(total).isEqualTo(((Number) file.get("numberOfTests")).intValue());
    assertThat(validAccepted).as("valid vectors accepted").isPositive();
  }
}
