/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.EllipticCurve;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns JWKs into {@link VerificationKey}s, refusing weak or ill-fitting keys. Stateless and
 * thread-safe. This is the one place keys are admitted, for static sets, files and remote JWKS
 * alike.
 *
 * <p>A key is refused when: its {@code use} is present and not {@code sig}; its {@code key_ops} are
 * present and lack {@code verify}; it is an RSA, EC or OKP key carrying private material (a
 * verification set must hold public keys; a private key here means a mix-up upstream); it is RSA
 * under 2048 bits, with an even, too small or too large public exponent, an even modulus, or a
 * modulus with the ROCA fingerprint (CVE-2017-15361); it is EC on an unsupported curve or with a
 * point not on the curve; it is an OKP key other than Ed25519/Ed448; it is an {@code oct} key
 * shorter than 256 bits or shorter than the hash of its {@code alg}; its {@code alg} is not a JWS
 * signature algorithm Bulwark knows, or does not fit its type or curve. Two keys with one
 * {@code kid} are refused as a pair, because which one a token meant is ambiguous; for the same
 * reason a set that mixes {@code oct} keys with public keys loses its {@code oct} keys.
 */
public final class KeyLoader {
  private static final BigInteger MAX_RSA_EXPONENT = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger THREE = BigInteger.valueOf(3);

  private KeyLoader() {}

  /**
   * Loads a set strictly: the first bad key fails the whole set with an
   * {@link IllegalArgumentException} naming the kid and the problem (never the key material). For
   * sets the operator configured, where a bad key is a configuration error.
   */
  public static KeySet loadStrict(JWKSet set) {
    return load(set, problem -> {
      throw new IllegalArgumentException(problem);
    });
  }

  /**
   * Loads a set leniently: each bad key is dropped and {@code onDrop} receives one line naming its
   * kid and the problem. For remote sets, where one bad key must not take down the issuer's good
   * ones.
   */
  public static KeySet loadLenient(JWKSet set, Consumer<String> onDrop) {
    return load(set, onDrop, Map.of(), new HashMap<>());
  }

  /**
   * As {@link #loadLenient(JWKSet, Consumer)}, but a JWK equal to a key of {@code previous} keeps
   * its {@link VerificationKey} object, so that a refresh that changes nothing keeps verified-token
   * cache entries valid and JCA state warm. {@code loaded} receives the mapping for the next call.
   */
  public static KeySet loadLenient(JWKSet set, Consumer<String> onDrop,
      Map<JWK, VerificationKey> previous, Map<JWK, VerificationKey> loaded) {
    return load(set, onDrop, previous, loaded);
  }

  private static KeySet load(JWKSet set, Consumer<String> onProblem) {
    return load(set, onProblem, Map.of(), new HashMap<>());
  }

  private static KeySet load(JWKSet set, Consumer<String> onProblem,
      Map<JWK, VerificationKey> previous, Map<JWK, VerificationKey> loaded) {
    Map<String, Integer> kidCount = new HashMap<>();
    for (JWK jwk : set.getKeys()) {
      if (jwk.getKeyID() != null) {
        kidCount.merge(jwk.getKeyID(), 1, Integer::sum);
      }
    }
    List<VerificationKey> keys = new ArrayList<>();
    Set<String> reportedDuplicates = new HashSet<>();
    for (JWK jwk : set.getKeys()) {
      String kid = jwk.getKeyID();
      if (kid != null && kidCount.get(kid) > 1) {
        if (reportedDuplicates.add(kid)) {
          onProblem.accept(describe(kid) + ": duplicate kid, every key with it is refused");
        }
        continue;
      }
      try {
        VerificationKey key = previous.get(jwk);
        if (key == null) {
          key = load(jwk);
        }
        keys.add(key);
        loaded.put(jwk, key);
      } catch (IllegalArgumentException e) {
        onProblem.accept(describe(kid) + ": " + e.getMessage());
      }
    }
    boolean symmetric = false;
    boolean asymmetric = false;
    for (VerificationKey k : keys) {
      if (k instanceof VerificationKey.Hmac) {
        symmetric = true;
      } else {
        asymmetric = true;
      }
    }
    if (symmetric && asymmetric) {
      // Which kind a token meant is ambiguous, and a set of public keys is published: an HMAC
      // secret beside them is a mix-up. Keep the public keys only.
      onProblem.accept("the set mixes symmetric (oct) and asymmetric keys; its oct keys are "
          + "refused (configure HMAC keys as a set of their own)");
      keys.removeIf(k -> k instanceof VerificationKey.Hmac);
    }
    return new KeySet(keys);
  }

  private static String describe(String kid) {
    return kid == null ? "key without kid" : "key '" + printable(kid) + "'";
  }

  /** Keeps log lines one line and free of control characters, whatever a remote kid holds. */
  static String printable(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 64));
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return s.length() > 64 ? sb.append("...").toString() : sb.toString();
  }

  /**
   * Validates one JWK and prepares it.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static VerificationKey load(JWK jwk) {
    if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
      throw new IllegalArgumentException("use is '" + jwk.getKeyUse().identifier()
          + "', must be 'sig'");
    }
    Set<KeyOperation> ops = jwk.getKeyOperations();
    if (ops != null && !ops.contains(KeyOperation.VERIFY)) {
      throw new IllegalArgumentException("key_ops " + ops + " lack 'verify'");
    }
    KeyType kty = jwk.getKeyType();
    JwsAlgorithm alg = null;
    Algorithm declared = jwk.getAlgorithm();
    if (declared != null) {
      alg = JwsAlgorithm.byName(declared.getName());
      if (alg == null) {
        throw new IllegalArgumentException("alg '" + printable(declared.getName())
            + "' is not a supported JWS signature algorithm");
      }
    }
    if (KeyType.OCT.equals(kty)) {
      return hmac((OctetSequenceKey) jwk, alg);
    }
    if (jwk.isPrivate()) {
      throw new IllegalArgumentException("holds private key material; a verification key set "
          + "must contain public keys only (use JWK.toPublicJWK())");
    }
    if (KeyType.RSA.equals(kty)) {
      return rsa((RSAKey) jwk, alg);
    }
    if (KeyType.EC.equals(kty)) {
      return ec((ECKey) jwk, alg);
    }
    if (KeyType.OKP.equals(kty)) {
      return okp((OctetKeyPair) jwk, alg);
    }
    throw new IllegalArgumentException("kty '" + kty + "' is not a signature key type");
  }

  private static VerificationKey hmac(OctetSequenceKey jwk, JwsAlgorithm alg) {
    byte[] secret = jwk.toByteArray();
    Set<JwsAlgorithm> algs = EnumSet.noneOf(JwsAlgorithm.class);
    if (alg != null) {
      if (alg.family() != JwsAlgorithm.Family.HMAC) {
        throw new IllegalArgumentException("alg " + alg + " does not fit kty oct");
      }
      if (secret.length < alg.hashBytes()) {
        throw new IllegalArgumentException("HMAC key is " + secret.length * 8 + " bits, " + alg
            + " needs at least " + alg.hashBytes() * 8);
      }
      algs.add(alg);
    } else {
      if (secret.length < 32) {
        throw new IllegalArgumentException("HMAC key is " + secret.length * 8
            + " bits, at least 256 are needed");
      }
      for (JwsAlgorithm a : new JwsAlgorithm[] {JwsAlgorithm.HS256, JwsAlgorithm.HS384,
          JwsAlgorithm.HS512}) {
        if (secret.length >= a.hashBytes()) {
          algs.add(a);
        }
      }
    }
    return new VerificationKey.Hmac(jwk.getKeyID(), algs, secret);
  }

  private static VerificationKey rsa(RSAKey jwk, JwsAlgorithm alg) {
    BigInteger n = jwk.getModulus().decodeToBigInteger();
    BigInteger e = jwk.getPublicExponent().decodeToBigInteger();
    if (n.bitLength() < 2048) {
      throw new IllegalArgumentException("RSA modulus is " + n.bitLength()
          + " bits, at least 2048 are needed");
    }
    if (!n.testBit(0)) {
      throw new IllegalArgumentException("RSA modulus is even");
    }
    if (e.compareTo(THREE) < 0 || !e.testBit(0) || e.compareTo(MAX_RSA_EXPONENT) >= 0
        || e.compareTo(n) >= 0) {
      throw new IllegalArgumentException("RSA public exponent is not an odd number in [3, 2^256)");
    }
    if (Roca.isFingerprinted(n)) {
      throw new IllegalArgumentException("RSA modulus has the ROCA fingerprint (CVE-2017-15361)");
    }
    Set<JwsAlgorithm> algs;
    if (alg != null) {
      if (alg.family() != JwsAlgorithm.Family.RSA && alg.family() != JwsAlgorithm.Family.RSA_PSS) {
        throw new IllegalArgumentException("alg " + alg + " does not fit kty RSA");
      }
      algs = EnumSet.of(alg);
    } else {
      algs = EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.RS384, JwsAlgorithm.RS512,
          JwsAlgorithm.PS256, JwsAlgorithm.PS384, JwsAlgorithm.PS512);
    }
    RSAPublicKey key;
    try {
      key = jwk.toRSAPublicKey();
    } catch (JOSEException ex) {
      throw new IllegalArgumentException("RSA key cannot be built: " + ex.getClass().getSimpleName());
    }
    return new VerificationKey.Asymmetric(jwk.getKeyID(), algs, key, "RSA",
        (n.bitLength() + 7) / 8, null);
  }

  private static VerificationKey ec(ECKey jwk, JwsAlgorithm alg) {
    Curve crv = jwk.getCurve();
    JwsAlgorithm forCurve;
    if (Curve.P_256.equals(crv)) {
      forCurve = JwsAlgorithm.ES256;
    } else if (Curve.P_384.equals(crv)) {
      forCurve = JwsAlgorithm.ES384;
    } else if (Curve.P_521.equals(crv)) {
      forCurve = JwsAlgorithm.ES512;
    } else {
      throw new IllegalArgumentException("EC curve '" + crv + "' is not supported");
    }
    if (alg != null && alg != forCurve) {
      throw new IllegalArgumentException("alg " + alg + " does not fit curve " + crv);
    }
    ECPublicKey key;
    try {
      key = jwk.toECPublicKey();
    } catch (JOSEException ex) {
      throw new IllegalArgumentException("EC key cannot be built: " + ex.getClass().getSimpleName());
    }
    if (!onCurve(key)) {
      throw new IllegalArgumentException("EC point is not on curve " + crv);
    }
    return new VerificationKey.Ecdsa(jwk.getKeyID(), forCurve, key);
  }

  /** y^2 == x^3 + ax + b (mod p), and both coordinates reduced: refuses invalid-curve points. */
  private static boolean onCurve(ECPublicKey key) {
    EllipticCurve curve = key.getParams().getCurve();
    ECField field = curve.getField();
    if (!(field instanceof ECFieldFp)) {
      return false;
    }
    BigInteger p = ((ECFieldFp) field).getP();
    BigInteger x = key.getW().getAffineX();
    BigInteger y = key.getW().getAffineY();
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger lhs = y.multiply(y).mod(p);
    BigInteger rhs = x.multiply(x).multiply(x).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    return lhs.equals(rhs);
  }

  private static final byte[] ED25519_PREFIX = hex("302a300506032b6570032100");
  private static final byte[] ED448_PREFIX = hex("3043300506032b6571033a00");

  private static VerificationKey okp(OctetKeyPair jwk, JwsAlgorithm alg) {
    if (alg != null && alg != JwsAlgorithm.EdDSA) {
      throw new IllegalArgumentException("alg " + alg + " does not fit kty OKP");
    }
    Curve crv = jwk.getCurve();
    byte[] x = jwk.getDecodedX();
    byte[] prefix;
    String name;
    int keyLength;
    int sigLength;
    if (Curve.Ed25519.equals(crv)) {
      prefix = ED25519_PREFIX;
      name = "Ed25519";
      keyLength = 32;
      sigLength = 64;
    } else if (Curve.Ed448.equals(crv)) {
      prefix = ED448_PREFIX;
      name = "Ed448";
      keyLength = 57;
      sigLength = 114;
    } else {
      throw new IllegalArgumentException("OKP curve '" + crv + "' is not a signature curve");
    }
    if (x.length != keyLength) {
      throw new IllegalArgumentException(name + " public key is " + x.length + " bytes, must be "
          + keyLength);
    }
    byte[] der = new byte[prefix.length + x.length];
    System.arraycopy(prefix, 0, der, 0, prefix.length);
    System.arraycopy(x, 0, der, prefix.length, x.length);
    PublicKey key;
    try {
      // The JDK's own EdDSA (JDK 15+): nimbus's Ed25519Verifier needs Google Tink.
      key = KeyFactory.getInstance(name).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException ex) {
      throw new IllegalArgumentException(name + " key cannot be built: "
          + ex.getClass().getSimpleName());
    }
    return new VerificationKey.Asymmetric(jwk.getKeyID(), EnumSet.of(JwsAlgorithm.EdDSA), key,
        "OKP", sigLength, name);
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
