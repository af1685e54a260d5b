/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.policy;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.ValidationRequest;
import com.cedarpolicy.model.ValidationResponse;
import com.cedarpolicy.model.policy.Policy;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Schema;
import dev.bulwark.policy.ValidationResult;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validating a policy set against its schema, by Bulwark ({@code Schema.validate}) and by
 * cedar-java ({@code validate}, Cedar's Rust validator over JNI), on the same policies: those of
 * {@link PolicyScale}, 10 to 10,000 of them, all valid. The policies and the schema are parsed once
 * for both; cedar-java's with its native caches ({@code PolicySet.cache()}, {@code Schema.cache()})
 * where {@code cached}. Time per validation of the whole set; divided by the number of policies it
 * shows whether the cost is linear.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class PolicyValidation {
  /** Number of policies in the set. */
  @Param({"10", "100", "1000", "10000"})
  public int policies;

  private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
  private Schema bulwarkSchema;
  private PolicySet bulwarkPolicies;
  private ValidationRequest cedarRequest;
  private ValidationRequest cedarCachedRequest;

  /** Parses the inputs once and checks that both validators find them valid. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    List<String> texts = PolicyScale.policyTexts(policies);
    bulwarkSchema = Schema.parse(PolicyScale.SCHEMA);
    bulwarkPolicies = PolicySet.parse(String.join("\n", texts));
    Set<Policy> set = new LinkedHashSet<>();
    for (int i = 0; i < texts.size(); i++) {
      set.add(new Policy(texts.get(i), "policy" + i));
    }
    com.cedarpolicy.model.schema.Schema schema =
        com.cedarpolicy.model.schema.Schema.parse(
            com.cedarpolicy.model.schema.Schema.JsonOrCedar.Cedar, PolicyScale.SCHEMA);
    com.cedarpolicy.model.policy.PolicySet ps = new com.cedarpolicy.model.policy.PolicySet(set);
    cedarRequest = new ValidationRequest(schema, ps);
    com.cedarpolicy.model.schema.Schema cachedSchema =
        com.cedarpolicy.model.schema.Schema.parse(
            com.cedarpolicy.model.schema.Schema.JsonOrCedar.Cedar, PolicyScale.SCHEMA);
    com.cedarpolicy.model.policy.PolicySet cachedPolicies =
        new com.cedarpolicy.model.policy.PolicySet(set);
    cachedSchema.cache();
    cachedPolicies.cache();
    cedarCachedRequest = new ValidationRequest(cachedSchema, cachedPolicies);
    ValidationResult b = bulwarkSchema.validate(bulwarkPolicies);
    ValidationResponse c = engine.validate(cedarRequest);
    ValidationResponse cc = engine.validate(cedarCachedRequest);
    if (!b.isValid() || !c.validationPassed() || !cc.validationPassed()) {
      throw new IllegalStateException(
          "the policies must be valid for both: Bulwark "
              + b
              + ", cedar-java "
              + c
              + ", cedar-java cached "
              + cc);
    }
  }

  /**
   * @return Bulwark's verdict on the whole set
   */
  @Benchmark
  public boolean bulwark() {
    return bulwarkSchema.validate(bulwarkPolicies).isValid();
  }

  /**
   * @return cedar-java's verdict on the whole set, everything serialised per call
   */
  @Benchmark
  public boolean cedarJava() throws Exception {
    return engine.validate(cedarRequest).validationPassed();
  }

  /**
   * @return cedar-java's verdict, policy set and schema cached on the native side
   */
  @Benchmark
  public boolean cedarJavaCached() throws Exception {
    return engine.validate(cedarCachedRequest).validationPassed();
  }
}
