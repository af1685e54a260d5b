/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One validated verification key with its JCA state prepared at load time. Immutable and
 * thread-safe: each thread gets its own initialised {@link Mac} or {@link Signature} (JCA engines
 * are not thread-safe, and {@code getInstance} plus {@code init} per token costs more than an HS256
 * MAC itself).
 *
 * <p>The key's type and the algorithms it may be used with are fixed here, from the configured JWK
 * ({@code kty}, {@code crv}, {@code alg}, key length), never from a token header: an RSA or EC key
 * has no HMAC path at all, so it can never be used as an HMAC secret. {@link #toString()} names the
 * kid and type, never the key material.
 */
public abstract class VerificationKey {
  private final String kid;
  private final Set<JwsAlgorithm> algorithms;

  VerificationKey(String kid, Set<JwsAlgorithm> algorithms) {
    this.kid = kid;
    this.algorithms = algorithms;
  }

  /** The key id, or {@code null}. */
  public String kid() {
    return kid;
  }

  /** The algorithms this key may verify, from its JWK alone. */
  public Set<JwsAlgorithm> algorithms() {
    return algorithms;
  }

  /** Whether this key may verify a signature made with {@code alg}. */
  public boolean permits(JwsAlgorithm alg) {
    return algorithms.contains(alg);
  }

  /**
   * Checks {@code signature} over {@code input[inputOffset, inputOffset + inputLength)} with {@code
   * alg}, which the caller has checked with {@link #permits}. Returns false for any malformed
   * signature.
   */
  public abstract boolean verify(
      JwsAlgorithm alg, byte[] input, int inputOffset, int inputLength, byte[] signature);

  abstract String type();

  /**
   * Puts a thread's {@link Signature} back in its just-initialised state after a verify that threw;
   * {@code initVerify} discards buffered input. If even that fails, the engine is dropped so that
   * the thread builds a fresh one for its next token.
   */
  static void reset(ThreadLocal<Signature> local, Signature s, PublicKey key) {
    try {
      s.initVerify(key);
    } catch (GeneralSecurityException | RuntimeException e) {
      local.remove();
    }
  }

  @Override
  public String toString() {
    return "VerificationKey{kid=" + kid + ", type=" + type() + ", algorithms=" + algorithms + "}";
  }

  static final class Hmac extends VerificationKey {
    private final Map<JwsAlgorithm, ThreadLocal<Mac>> macs = new EnumMap<>(JwsAlgorithm.class);

    Hmac(String kid, Set<JwsAlgorithm> algorithms, byte[] secret) {
      super(kid, algorithms);
      for (JwsAlgorithm alg : algorithms) {
        SecretKeySpec spec = new SecretKeySpec(secret, alg.jca());
        macs.put(
            alg,
            ThreadLocal.withInitial(
                () -> {
                  try {
                    Mac mac = Mac.getInstance(alg.jca());
                    mac.init(spec);
                    return mac;
                  } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(alg.jca() + " unavailable", e);
                  }
                }));
      }
    }

    @Override
    public boolean verify(
        JwsAlgorithm alg, byte[] input, int inputOffset, int inputLength, byte[] signature) {
      if (signature.length != alg.hashBytes()) {
        return false;
      }
      Mac mac = macs.get(alg).get();
      try {
        mac.update(input, inputOffset, inputLength);
        return MessageDigest.isEqual(mac.doFinal(), signature);
      } catch (RuntimeException e) {
        // The engine is reused by the next token on this thread: never leave input buffered in it.
        mac.reset();
        return false;
      }
    }

    @Override
    String type() {
      return "oct";
    }
  }

  /**
   * RSA PKCS#1 v1.5 and PSS, and EdDSA: a JCA {@link Signature} per thread and algorithm. For EdDSA
   * the public key was checked by {@link EdwardsCurve#publicKeyProblem} at load time, and per token
   * {@code S >= L} and a small-order {@code R} are refused before the JCA sees the signature
   * ({@link EdwardsCurve#isAdmissible}).
   */
  static final class Asymmetric extends VerificationKey {
    private final Map<JwsAlgorithm, ThreadLocal<Signature>> signatures =
        new EnumMap<>(JwsAlgorithm.class);
    private final int signatureLength;
    private final String type;
    private final PublicKey key;
    // The Edwards curve of an EdDSA key, null for RSA.
    private final EdwardsCurve curve;

    Asymmetric(
        String kid, Set<JwsAlgorithm> algorithms, PublicKey key, String type, int signatureLength) {
      this(kid, algorithms, key, type, signatureLength, null);
    }

    /** An EdDSA key on {@code curve}. */
    Asymmetric(String kid, EdwardsCurve curve, PublicKey key) {
      this(kid, EnumSet.of(JwsAlgorithm.EdDSA), key, "OKP", curve.signatureLength(), curve);
    }

    private Asymmetric(
        String kid,
        Set<JwsAlgorithm> algorithms,
        PublicKey key,
        String type,
        int signatureLength,
        EdwardsCurve curve) {
      super(kid, algorithms);
      this.type = type;
      this.key = key;
      this.signatureLength = signatureLength;
      this.curve = curve;
      for (JwsAlgorithm alg : algorithms) {
        signatures.put(alg, ThreadLocal.withInitial(() -> newSignature(alg, key, curve)));
      }
      // Fail at load time, not on the first request, if the JCA refuses the key.
      for (JwsAlgorithm alg : algorithms) {
        signatures.get(alg).get();
      }
    }

    private static Signature newSignature(JwsAlgorithm alg, PublicKey key, EdwardsCurve curve) {
      try {
        Signature s;
        if (curve != null) {
          s = Signature.getInstance(curve.jcaName());
        } else if (alg.family() == JwsAlgorithm.Family.RSA_PSS) {
          s = Signature.getInstance("RSASSA-PSS");
          s.setParameter(
              new PSSParameterSpec(
                  alg.jca(), "MGF1", new MGF1ParameterSpec(alg.jca()), alg.hashBytes(), 1));
        } else {
          s = Signature.getInstance(alg.jca());
        }
        s.initVerify(key);
        return s;
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(
            "the JCA refuses the key for " + alg + ": " + e.getClass().getSimpleName(), e);
      }
    }

    @Override
    public boolean verify(
        JwsAlgorithm alg, byte[] input, int inputOffset, int inputLength, byte[] signature) {
      if (signature.length != signatureLength
          || (curve != null && !curve.isAdmissible(signature))) {
        return false;
      }
      ThreadLocal<Signature> local = signatures.get(alg);
      if (local == null) {
        // An algorithm this key was not loaded for: callers check permits() first; fail closed.
        return false;
      }
      Signature s = local.get();
      try {
        s.update(input, inputOffset, inputLength);
        return s.verify(signature);
      } catch (java.security.SignatureException | RuntimeException e) {
        // A bad signature is just a "no", but the engine must be clean for the next token on this
        // thread: a verify that throws (the JDK's EdDSA when R is not a point) may keep the input,
        // which would make the next valid token fail.
        reset(local, s, key);
        return false;
      }
    }

    @Override
    String type() {
      return type;
    }
  }

  /** ECDSA: r and s are range-checked before the JCA sees them (CVE-2022-21449). */
  static final class Ecdsa extends VerificationKey {
    private final ThreadLocal<Signature> signature;
    private final JwsAlgorithm alg;
    private final BigInteger order;
    private final ECPublicKey key;

    Ecdsa(String kid, JwsAlgorithm alg, ECPublicKey key) {
      super(kid, EnumSet.of(alg));
      this.alg = alg;
      this.key = key;
      this.order = key.getParams().getOrder();
      this.signature =
          ThreadLocal.withInitial(
              () -> {
                try {
                  Signature s = Signature.getInstance(alg.jca());
                  s.initVerify(key);
                  return s;
                } catch (GeneralSecurityException e) {
                  throw new IllegalArgumentException(
                      "the JCA refuses the key for " + alg + ": " + e.getClass().getSimpleName(),
                      e);
                }
              });
      signature.get();
    }

    @Override
    public boolean verify(
        JwsAlgorithm alg, byte[] input, int inputOffset, int inputLength, byte[] sig) {
      int n = alg.coordinateBytes();
      if (alg != this.alg || sig.length != 2 * n) {
        return false;
      }
      if (!inRange(sig, 0, n) || !inRange(sig, n, n)) {
        return false;
      }
      Signature s = signature.get();
      try {
        s.update(input, inputOffset, inputLength);
        return s.verify(sig);
      } catch (java.security.SignatureException | RuntimeException e) {
        // Same reason as in Asymmetric: a throwing verify may leave input in the engine.
        reset(signature, s, key);
        return false;
      }
    }

    /** Whether the unsigned big-endian integer at sig[off, off+len) lies in [1, n-1]. */
    private boolean inRange(byte[] sig, int off, int len) {
      BigInteger v = new BigInteger(1, sig, off, len);
      return v.signum() > 0 && v.compareTo(order) < 0;
    }

    @Override
    String type() {
      return "EC";
    }
  }
}
