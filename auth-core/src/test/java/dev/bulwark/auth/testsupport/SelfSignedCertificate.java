/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.testsupport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Makes a real self-signed X.509 v3 certificate (SHA256withRSA) for an attacker's key pair, DER
 * encoded by hand because the JDK has no public certificate builder. Stateless.
 */
public final class SelfSignedCertificate {
  private static final byte[] SHA256_WITH_RSA = {
    0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x0B
  };
  private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private SelfSignedCertificate() {}

  /** A certificate for {@code keys} (RSA), subject and issuer {@code CN=commonName}. */
  public static X509Certificate create(KeyPair keys, String commonName, Instant now) {
    try {
      byte[] algorithm = tlv(0x30, SHA256_WITH_RSA, new byte[] {0x05, 0x00});
      byte[] name =
          tlv(0x30, tlv(0x31, tlv(0x30, COMMON_NAME, tlv(0x0C, commonName.getBytes(UTF_8)))));
      byte[] validity =
          tlv(
              0x30,
              tlv(0x17, UTC_TIME.format(now.minusSeconds(86_400)).getBytes(US_ASCII)),
              tlv(0x17, UTC_TIME.format(now.plusSeconds(86_400 * 365L)).getBytes(US_ASCII)));
      byte[] tbs =
          tlv(
              0x30,
              tlv(0xA0, tlv(0x02, new byte[] {0x02})),
              tlv(0x02, BigInteger.valueOf(now.getEpochSecond()).toByteArray()),
              algorithm,
              name,
              validity,
              name,
              keys.getPublic().getEncoded());
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(keys.getPrivate());
      signer.update(tbs);
      byte[] signature = signer.sign();
      byte[] bitString = new byte[signature.length + 1];
      System.arraycopy(signature, 0, bitString, 1, signature.length);
      byte[] der = tlv(0x30, tbs, algorithm, tlv(0x03, bitString));
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      content.writeBytes(p);
    }
    int n = content.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n & 0xFF);
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }
}
