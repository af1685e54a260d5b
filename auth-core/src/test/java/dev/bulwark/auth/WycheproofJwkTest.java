/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.auth.internal.Refusal;
import dev.bulwark.auth.internal.jws.JwsAlgorithm;
import dev.bulwark.auth.internal.jws.JwsVerifier;
import dev.bulwark.auth.testsupport.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every case of Wycheproof's {@code json_web_key_test.json}: the key set goes through {@link
 * Issuer.Builder#jwksJson} and {@link Issuer.Builder#build()} (the operator's path, which refuses a
 * bad key by failing the build), with the case's own {@code alg} allowed; the token is then checked
 * with that issuer's keys by the engine's JWS layer. An {@code invalid} case must be refused at one
 * of the two steps, a {@code valid} one accepted by both.
 */
class WycheproofJwkTest {

  @Test
  @SuppressWarnings("unchecked")
  void issuerKeyLoading_everyWycheproofKeyCase_matchesExpectedResult() throws Exception {
    Map<String, Object> file = load();
    List<String> wrong = new ArrayList<>();
    int total = 0;
    int refusedAtLoad = 0;
    int refusedAtVerify = 0;
    int accepted = 0;
    for (Object g : (List<Object>) file.get("testGroups")) {
      Map<String, Object> group = (Map<String, Object>) g;
      Map<String, Object> set =
          (Map<String, Object>)
              (group.containsKey("public") ? group.get("public") : group.get("private"));
      String json = JSONObjectUtils.toJSONString(set);
      for (Object t : (List<Object>) group.get("tests")) {
        Map<String, Object> test = (Map<String, Object>) t;
        total++;
        String jws = (String) test.get("jws");
        boolean valid = "valid".equals(test.get("result"));
        String alg = headerAlg(jws);
        Issuer issuer = null;
        try {
          issuer =
              Issuer.builder("https://wycheproof.example")
                  .jwksJson(json)
                  .audiences("any")
                  .algorithms(alg)
                  .build();
        } catch (IllegalArgumentException e) {
          if (valid) {
            wrong.add(
                test.get("tcId") + " " + test.get("comment") + ": key refused: " + e.getMessage());
          } else {
            refusedAtLoad++;
          }
          continue;
        }
        boolean ok;
        try {
          JwsVerifier.verify(
              JwsVerifier.parse(jws, 16),
              issuer.keySource().current(),
              issuer.algorithmSet(),
              null);
          ok = true;
        } catch (Refusal r) {
          ok = false;
        }
        if (ok == valid) {
          if (ok) {
            accepted++;
          } else {
            refusedAtVerify++;
          }
        } else {
          wrong.add(
              test.get("tcId")
                  + " "
                  + test.get("comment")
                  + ": expected "
                  + test.get("result")
                  + ", got "
                  + (ok ? "accepted" : "refused"));
        }
      }
    }
    System.out.printf(
        "Wycheproof JWK: %d cases, %d valid accepted, %d invalid refused when the "
            + "key set loads, %d invalid refused when verifying%n",
        total, accepted, refusedAtLoad, refusedAtVerify);
    assertThat(wrong).isEmpty();
    assertThat(total).isEqualTo(((Number) file.get("numberOfTests")).intValue());
  }

  private static String headerAlg(String jws) throws ParseException {
    String header =
        new String(
            Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))),
            StandardCharsets.UTF_8);
    String alg = JSONObjectUtils.getString(JSONObjectUtils.parse(header), "alg");
    assertThat(JwsAlgorithm.byName(alg))
        .as("Wycheproof key tests use known algorithms")
        .isNotNull();
    return alg;
  }

  private static Map<String, Object> load() throws IOException, ParseException {
    Path path = SharedData.wycheproof("json_web_key_test.json");
    return JSONObjectUtils.parse(Files.readString(path, StandardCharsets.UTF_8), -1);
  }
}
