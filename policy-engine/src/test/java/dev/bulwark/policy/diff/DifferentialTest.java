/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.diff;

import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Bulwark decides exactly as Cedar does: random schemas' data, entities, policies, templates and
 * requests ({@link WorldGenerator}) are decided by Bulwark and by cedar-java (Cedar's Rust engine
 * over JNI), and any difference in decision, determining policies, erroring policies, or in whether
 * the input is refused at all, fails the property with the whole input printed.
 */
class DifferentialTest {

  @Property(tries = 120)
  void bulwark_randomWorld_decidesAsCedarJava(@ForAll long seed) {
    World w = new WorldGenerator(seed).generate();
    List<Outcome> cedar = CedarJavaOracle.decide(w);
    List<Outcome> bulwark = BulwarkSubject.decide(w);
    for (int i = 0; i < cedar.size(); i++) {
      if (!cedar.get(i).sameAs(bulwark.get(i))) {
        fail(
            "request "
                + w.requests().get(i)
                + "\n  cedar-java: "
                + cedar.get(i)
                + "\n  bulwark:    "
                + bulwark.get(i)
                + "\n"
                + w.describe());
      }
    }
  }
}
