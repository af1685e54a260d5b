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
 * under 2048 bits or over the modulus cap ({@value #DEFAULT_MAX_RSA_MODULUS_BITS} bits unless the
 * issuer raises it), with a public exponent that is even, below 3 or not below 2^32, an even
 * modulus, or a modulus with the ROCA fingerprint (CVE-2017-15361); it is EC on an unsupported
 * curve, with a coordinate longer than the field or not below its prime, or with a point not on the
 * curve; it is an OKP key other than Ed25519/Ed448, or an EdDSA key that is not the canonical
 * encoding of a curve point or is a point of small order (see {@link EdwardsCurve}); it is an
 * {@code oct} key shorter than 256 bits or shorter than the hash of its {@code alg}; its {@code
 * alg} is not a JWS signature algorithm Bulwark knows, or does not fit its type or curve; the JCA
 * fails to convert it in any way, whatever it throws. Two keys with one {@code kid} are refused as
 * a pair, because which one a token meant is ambiguous; for the same reason a set that mixes {@code
 * oct} keys with public keys loses its {@code oct} keys.
 */
public final class KeyLoader {
  /** The largest RSA modulus admitted unless an issuer sets its own cap. */
  public static final int DEFAULT_MAX_RSA_MODULUS_BITS = 8192;

  /** The highest RSA modulus cap an issuer may set. */
  public static final int MAX_RSA_MODULUS_BITS_LIMIT = 16384;

  /** The smallest RSA modulus admitted, and the lowest cap an issuer may set. */
  public static final int MIN_RSA_MODULUS_BITS = 2048;

  /**
   * Public exponents must lie below 2^32. Verifying costs one modular multiplication of the modulus
   * size per bit of e and per set bit: 65537 needs 17, any e below 2^32 at most 63, so a forged
   * token costs at most about four times what one under 65537 does, whereas 2^256 allowed thirty
   * times that. Real keys use 65537 (sometimes 3); 32 bits is also the limit of Windows CryptoAPI's
   * public-exponent field, and Go refuses exponents of 2^31 and more, so no key such software made
   * is lost.
   */
  private static final BigInteger MAX_RSA_EXPONENT = BigInteger.ONE.shiftLeft(32);

  private static final BigInteger THREE = BigInteger.valueOf(3);

  private KeyLoader() {}

  /**
   * Loads a set strictly: the first bad key fails the whole set with an {@link
   * IllegalArgumentException} naming the kid and the problem (never the key material). For sets the
   * operator configured, where a bad key is a configuration error.
   */
  public static KeySet loadStrict(JWKSet set) {
    return loadStrict(set, DEFAULT_MAX_RSA_MODULUS_BITS);
  }

  /**
   * As {@link #loadStrict(JWKSet)}, with RSA moduli up to {@code maxRsaModulusBits} (checked by the
   * caller to lie in [{@value #MIN_RSA_MODULUS_BITS}, {@value #MAX_RSA_MODULUS_BITS_LIMIT}]).
   */
  public static KeySet loadStrict(JWKSet set, int maxRsaModulusBits) {
    return load(
        set,
        problem -> {
          throw new IllegalArgumentException(problem);
        },
        Map.of(),
        new HashMap<>(),
        maxRsaModulusBits);
  }

  /**
   * Loads a set leniently: each bad key is dropped and {@code onDrop} receives one line naming its
   * kid and the problem. For remote sets, where one bad key must not take down the issuer's good
   * ones.
   */
  public static KeySet loadLenient(JWKSet set, Consumer<String> onDrop) {
    return load(set, onDrop, Map.of(), new HashMap<>(), DEFAULT_MAX_RSA_MODULUS_BITS);
  }

  /**
   * As {@link #loadLenient(JWKSet, Consumer)}, but a JWK equal to a key of {@code previous} keeps
   * its {@link VerificationKey} object, so that a refresh that changes nothing keeps verified-token
   * cache entries valid and JCA state warm. {@code loaded} receives the mapping for the next call.
   */
  public static KeySet loadLenient(
      JWKSet set,
      Consumer<String> onDrop,
      Map<JWK, VerificationKey> previous,
      Map<JWK, VerificationKey> loaded) {
    return load(set, onDrop, previous, loaded, DEFAULT_MAX_RSA_MODULUS_BITS);
  }

  /**
   * As {@link #loadLenient(JWKSet, Consumer, Map, Map)}, with RSA moduli up to {@code
   * maxRsaModulusBits}. The caller keeps the cap fixed across calls: a key in {@code previous} is
   * not checked again.
   */
  public static KeySet loadLenient(
      JWKSet set,
      Consumer<String> onDrop,
      Map<JWK, VerificationKey> previous,
      Map<JWK, VerificationKey> loaded,
      int maxRsaModulusBits) {
    return load(set, onDrop, previous, loaded, maxRsaModulusBits);
  }

  private static KeySet load(
      JWKSet set,
      Consumer<String> onProblem,
      Map<JWK, VerificationKey> previous,
      Map<JWK, VerificationKey> loaded,
      int maxRsaModulusBits) {
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
          key = load(jwk, maxRsaModulusBits);
        }
        keys.add(key);
        loaded.put(jwk, key);
      } catch (IllegalArgumentException e) {
        onProblem.accept(describe(kid) + ": " + e.getMessage());
      } catch (RuntimeException e) {
        // Whatever the JCA or nimbus throws while converting one key (the JDK's EC key factory
        // throws a bare RuntimeException for a coordinate longer than the field) concerns that
        // key only: named by its kid, it is refused, and never takes the set down. The message is
        // not repeated: it may quote key material.
        onProblem.accept(
            describe(kid)
                + ": cannot be converted to a key ("
                + e.getClass().getSimpleName()
                + ")");
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
      onProblem.accept(
          "the set mixes symmetric (oct) and asymmetric keys; its oct keys are "
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
    return load(jwk, DEFAULT_MAX_RSA_MODULUS_BITS);
  }

  /**
   * As {@link #load(JWK)}, with RSA moduli up to {@code maxRsaModulusBits}.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static VerificationKey load(JWK jwk, int maxRsaModulusBits) {
    if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
      throw new IllegalArgumentException(
          "use is '" + jwk.getKeyUse().identifier() + "', must be 'sig'");
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
        throw new IllegalArgumentException(
            "alg '"
                + printable(declared.getName())
                + "' is not a supported JWS signature algorithm");
      }
    }
    if (KeyType.OCT.equals(kty)) {
      return hmac((OctetSequenceKey) jwk, alg);
    }
    if (jwk.isPrivate()) {
      throw new IllegalArgumentException(
          "holds private key material; a verification key set "
              + "must contain public keys only (use JWK.toPublicJWK())");
    }
    if (KeyType.RSA.equals(kty)) {
      return rsa((RSAKey) jwk, alg, maxRsaModulusBits);
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
        throw new IllegalArgumentException(
            "HMAC key is "
                + secret.length * 8
                + " bits, "
                + alg
                + " needs at least "
                + alg.hashBytes() * 8);
      }
      algs.add(alg);
    } else {
      if (secret.length < 32) {
        throw new IllegalArgumentException(
            "HMAC key is " + secret.length * 8 + " bits, at least 256 are needed");
      }
      for (JwsAlgorithm a :
          new JwsAlgorithm[] {JwsAlgorithm.HS256, JwsAlgorithm.HS384, JwsAlgorithm.HS512}) {
        if (secret.length >= a.hashBytes()) {
          algs.add(a);
        }
      }
    }
    return new VerificationKey.Hmac(jwk.getKeyID(), algs, secret);
  }

  private static VerificationKey rsa(RSAKey jwk, JwsAlgorithm alg, int maxModulusBits) {
    BigInteger n = jwk.getModulus().decodeToBigInteger();
    BigInteger e = jwk.getPublicExponent().decodeToBigInteger();
    if (n.bitLength() < MIN_RSA_MODULUS_BITS) {
      throw new IllegalArgumentException(
          "RSA modulus is "
              + n.bitLength()
              + " bits, at least "
              + MIN_RSA_MODULUS_BITS
              + " are needed");
    }
    if (n.bitLength() > maxModulusBits) {
      // Verification cost grows with the square of the modulus size: a huge modulus makes every
      // forged token expensive to refuse.
      throw new IllegalArgumentException(
          "RSA modulus is "
              + n.bitLength()
              + " bits, at most "
              + maxModulusBits
              + " are allowed (Issuer.Builder.maxRsaModulusBits)");
    }
    if (!n.testBit(0)) {
      throw new IllegalArgumentException("RSA modulus is even");
    }
    if (e.compareTo(THREE) < 0
        || !e.testBit(0)
        || e.compareTo(MAX_RSA_EXPONENT) >= 0
        || e.compareTo(n) >= 0) {
      throw new IllegalArgumentException(
          "RSA public exponent is not an odd number in [3, 2^32), "
              + "it has "
              + e.bitLength()
              + " bits");
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
      algs =
          EnumSet.of(
              JwsAlgorithm.RS256,
              JwsAlgorithm.RS384,
              JwsAlgorithm.RS512,
              JwsAlgorithm.PS256,
              JwsAlgorithm.PS384,
              JwsAlgorithm.PS512);
    }
    RSAPublicKey key;
    try {
      key = jwk.toRSAPublicKey();
    } catch (JOSEException ex) {
      throw new IllegalArgumentException(
          "RSA key cannot be built: " + ex.getClass().getSimpleName());
    }
    return new VerificationKey.Asymmetric(
        jwk.getKeyID(), algs, key, "RSA", (n.bitLength() + 7) / 8);
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
    // Before the JCA sees them: the JDK's key factory throws a bare RuntimeException for a
    // coordinate longer than the field, and a coordinate >= p is a second spelling of a point.
    BigInteger p = ((ECFieldFp) crv.toECParameterSpec().getCurve().getField()).getP();
    checkCoordinate("x", jwk.getX().decode(), p, forCurve.coordinateBytes());
    checkCoordinate("y", jwk.getY().decode(), p, forCurve.coordinateBytes());
    ECPublicKey key;
    try {
      key = jwk.toECPublicKey();
    } catch (JOSEException ex) {
      throw new IllegalArgumentException(
          "EC key cannot be built: " + ex.getClass().getSimpleName());
    }
    if (!onCurve(key)) {
      throw new IllegalArgumentException("EC point is not on curve " + crv);
    }
    return new VerificationKey.Ecdsa(jwk.getKeyID(), forCurve, key);
  }

  private static void checkCoordinate(String name, byte[] value, BigInteger p, int length) {
    if (value.length > length) {
      throw new IllegalArgumentException(
          "EC coordinate " + name + " is " + value.length + " bytes, the curve's are " + length);
    }
    if (new BigInteger(1, value).compareTo(p) >= 0) {
      throw new IllegalArgumentException("EC coordinate " + name + " is not below the field prime");
    }
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
    BigInteger rhs =
        x.multiply(x).multiply(x).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    return lhs.equals(rhs);
  }

  private static final byte[] ED25519_PREFIX = hex("302a300506032b6570032100");
  private static final byte[] ED448_PREFIX = hex("3043300506032b6571033a00");

  private static VerificationKey okp(OctetKeyPair jwk, JwsAlgorithm alg) {
    if (alg != null && alg != JwsAlgorithm.EdDSA) {
      throw new IllegalArgumentException("alg " + alg + " does not fit kty OKP");
    }
    Curve crv = jwk.getCurve();
    EdwardsCurve curve = crv == null ? null : EdwardsCurve.byJwkName(crv.getName());
    if (curve == null) {
      throw new IllegalArgumentException("OKP curve '" + crv + "' is not a signature curve");
    }
    byte[] x = jwk.getDecodedX();
    String name = curve.jcaName();
    String problem = curve.publicKeyProblem(x);
    if (problem != null) {
      throw new IllegalArgumentException(name + " public key " + problem);
    }
    byte[] prefix = curve == EdwardsCurve.ED25519 ? ED25519_PREFIX : ED448_PREFIX;
    byte[] der = new byte[prefix.length + x.length];
    System.arraycopy(prefix, 0, der, 0, prefix.length);
    System.arraycopy(x, 0, der, prefix.length, x.length);
    PublicKey key;
    try {
      // The JDK's own EdDSA (JDK 15+): nimbus's Ed25519Verifier needs Google Tink.
      key = KeyFactory.getInstance(name).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException ex) {
      throw new IllegalArgumentException(
          name + " key cannot be built: " + ex.getClass().getSimpleName());
    }
    return new VerificationKey.Asymmetric(jwk.getKeyID(), curve, key);
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
