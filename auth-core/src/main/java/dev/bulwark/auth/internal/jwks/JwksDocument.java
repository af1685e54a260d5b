/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwks;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.internal.Refusal;
import dev.bulwark.auth.internal.json.StrictJson;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a JWKS document key by key. Stateless and thread-safe. The document is read by {@link
 * StrictJson} (duplicate member names refused, depth limited) and each key is parsed by nimbus on
 * its own, so that a key nimbus cannot parse (unknown {@code kty}, missing members, a point off its
 * curve) is reported instead of silently skipped or taking the whole set down.
 */
public final class JwksDocument {
  private static final int MAX_DEPTH = 8;

  private JwksDocument() {}

  /**
   * Parses {@code json}.
   *
   * @param onBadKey receives one line per key that is not a valid JWK (it may throw to stop)
   * @throws IllegalArgumentException if the document is not a JSON object with a {@code keys} array
   */
  public static JWKSet parse(byte[] json, Consumer<String> onBadKey) {
    Map<String, Object> doc;
    try {
      doc = StrictJson.parseObject(json, MAX_DEPTH, json.length);
    } catch (Refusal r) {
      throw new IllegalArgumentException("not a JWK set: " + r.detail());
    }
    Object keys = doc.get("keys");
    if (!(keys instanceof List)) {
      throw new IllegalArgumentException("not a JWK set: no keys array");
    }
    List<JWK> parsed = new ArrayList<>();
    int index = 0;
    for (Object k : (List<?>) keys) {
      if (!(k instanceof Map)) {
        onBadKey.accept("key at index " + index + ": not a JSON object");
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) k;
        try {
          parsed.add(JWK.parse(m));
        } catch (ParseException | RuntimeException e) {
          // nimbus's message may quote key material: name the position and kid only.
          Object kid = m.get("kid");
          onBadKey.accept(
              "key at index "
                  + index
                  + (kid instanceof String ? " (kid '" + printable((String) kid) + "')" : "")
                  + ": not a valid JWK");
        }
      }
      index++;
    }
    return new JWKSet(parsed);
  }

  static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return s.length() > 64 ? sb.append("...").toString() : sb.toString();
  }
}
