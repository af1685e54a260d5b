/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.internal.Refusal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every case of Wycheproof's {@code json_web_signature_test.json} through {@link JwsVerifier}, the
 * layer {@code AuthEngine} verifies every JWT with, with the key admitted by {@link KeyLoader}, the
 * loader {@code Issuer} uses. Every algorithm Bulwark supports is allowed, so each {@code valid}
 * case must be accepted and each {@code invalid} one refused, except the documented deviations
 * below, where Bulwark is deliberately stricter and which must be refused with the stated reason.
 */
class WycheproofJwsTest {
  private static final Set<JwsAlgorithm> ALL = EnumSet.allOf(JwsAlgorithm.class);

  /**
   * Valid in Wycheproof, refused by Bulwark on purpose. Asserted refused, with this reason.
   *
   * <ul>
   *   <li>346, 350: a PS384 signature verified with a key whose JWK says {@code "alg":"PS256"}. A
   *       key's {@code alg} binds it to that algorithm (RFC 7517 section 4.4, RFC 8725 section
   *       3.1); the same rule refuses Wycheproof's invalid WrongPrimitive cases 331 to 340.
   *   <li>347, 351: the key says {@code "alg":"ES521"}, which is not a JWS algorithm (ES512 is); an
   *       unknown key {@code alg} gets the key refused rather than ignored.
   *   <li>372, 373: a {@code ?} inside a base64url segment; the MAC is over the literal text, but
   *       Bulwark decodes base64url strictly (a token has exactly one spelling).
   * </ul>
   */
  private static final Map<Integer, FailureReason> STRICTER =
      Map.of(
          346, FailureReason.DISALLOWED_ALGORITHM,
          350, FailureReason.DISALLOWED_ALGORITHM,
          347, FailureReason.UNKNOWN_KEY,
          351, FailureReason.UNKNOWN_KEY,
          372, FailureReason.MALFORMED,
          373, FailureReason.MALFORMED);

  /**
   * Marked invalid ("invalidBase64Padding", "invalidBase64PaddingInPayload"), but in this copy of
   * the file their {@code jws} is byte for byte the {@code jws} of case 357, which is marked valid:
   * the file contradicts itself (the padding the names speak of is absent). The test checks that
   * they are still identical to 357 and gives them 357's answer; if the data is ever fixed they
   * fall back to the normal rule.
   */
  private static final Set<Integer> SAME_AS_357 = Set.of(367, 370);

  @Test
  @SuppressWarnings("unchecked")
  void jwsVerifier_everyWycheproofCase_matchesExpectedResult() {
    Map<String, Object> file = WycheproofData.load("json_web_signature_test.json");
    List<String> wrong = new ArrayList<>();
    int validAccepted = 0;
    int invalidRefused = 0;
    int stricter = 0;
    int total = 0;
    int contradictory = 0;
    String jws357 = null;
    for (Object g : (List<Object>) file.get("testGroups")) {
      Map<String, Object> group = (Map<String, Object>) g;
      Map<String, Object> jwkJson =
          (Map<String, Object>)
              (group.containsKey("public") ? group.get("public") : group.get("private"));
      KeySet keys;
      try {
        keys = KeyLoader.loadStrict(new JWKSet(JWK.parse(jwkJson)));
      } catch (IllegalArgumentException | java.text.ParseException e) {
        keys = KeySet.empty(); // a refused key verifies nothing
      }
      for (Object t : (List<Object>) group.get("tests")) {
        Map<String, Object> test = (Map<String, Object>) t;
        total++;
        int id = ((Number) test.get("tcId")).intValue();
        boolean valid = "valid".equals(test.get("result"));
        if (id == 357) {
          jws357 = (String) test.get("jws");
        }
        if (SAME_AS_357.contains(id) && test.get("jws").equals(jws357)) {
          valid = true;
          contradictory++;
        }
        FailureReason refusal = null;
        try {
          JwsVerifier.verify(JwsVerifier.parse((String) test.get("jws"), 16), keys, ALL, null);
        } catch (Refusal r) {
          refusal = r.reason();
        }
        if (STRICTER.containsKey(id)) {
          if (STRICTER.get(id) == refusal) {
            stricter++;
          } else {
            wrong.add(
                id
                    + " "
                    + test.get("comment")
                    + ": expected refusal "
                    + STRICTER.get(id)
                    + ", got "
                    + refusal);
          }
        } else if (valid && refusal == null && SAME_AS_357.contains(id)) {
          continue;
        } else if (valid && refusal == null) {
          validAccepted++;
        } else if (!valid && refusal != null) {
          invalidRefused++;
        } else {
          wrong.add(
              id
                  + " "
                  + test.get("comment")
                  + ": expected "
                  + test.get("result")
                  + ", got "
                  + (refusal == null ? "accepted" : refusal));
        }
      }
    }
    System.out.printf(
        "Wycheproof JWS: %d cases, %d valid accepted, %d invalid refused, "
            + "%d valid refused by a stricter documented rule, %d invalid identical to valid case "
            + "357%n",
        total, validAccepted, invalidRefused, stricter, contradictory);
    assertThat(wrong).isEmpty();
    assertThat(total).isEqualTo(((Number) file.get("numberOfTests")).intValue());
  }
}
