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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * Validating the policies of Cedar's sample applications against their schemas, by Bulwark ({@code
 * Schema.validate}) and by cedar-java ({@code validate}, Cedar's Rust validator over JNI), the same
 * applications {@link PolicySampleApps} decides on. Policies and schema are parsed once for both;
 * time per validation of an application's whole policy set. The data is read from {@code
 * -Dbulwark.shared.dir} (default {@code ../shared}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class SampleAppValidation {
  /** The test, by id under {@code tests/}, as in {@link PolicySampleApps}. */
  @Param({
    "example_use_cases/1a",
    "example_use_cases/3b",
    "example_use_cases/4e",
    "example_use_cases/5b",
    "ip/2",
    "decimal/2",
    "multi/3",
    "multi/5"
  })
  public String app;

  private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
  private Schema bulwarkSchema;
  private PolicySet bulwarkPolicies;
  private ValidationRequest cedarRequest;

  /** Parses the inputs once and checks that both validators give the same verdict. */
  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setUp() throws Exception {
    Path base = SampleApp.conformanceDir();
    Map<String, Object> test =
        (Map<String, Object>)
            dev.bulwark.policy.internal.json.JsonReader.parse(
                read(base.resolve("tests/" + app + ".json")));
    String policyText = read(base.resolve((String) test.get("policies")));
    String schemaText = read(base.resolve((String) test.get("schema")));
    bulwarkSchema = Schema.parse(schemaText);
    bulwarkPolicies = PolicySet.parse(policyText);
    List<String> texts = SampleApp.splitPolicies(policyText);
    Set<Policy> set = new LinkedHashSet<>();
    for (int i = 0; i < texts.size(); i++) {
      set.add(new Policy(texts.get(i), "policy" + i));
    }
    cedarRequest =
        new ValidationRequest(
            com.cedarpolicy.model.schema.Schema.parse(
                com.cedarpolicy.model.schema.Schema.JsonOrCedar.Cedar, schemaText),
            new com.cedarpolicy.model.policy.PolicySet(set));
    boolean b = bulwarkSchema.validate(bulwarkPolicies).isValid();
    ValidationResponse c = engine.validate(cedarRequest);
    if (c.success.isEmpty() || b != c.validationPassed()) {
      throw new IllegalStateException(
          app + ": the validators disagree: Bulwark " + b + ", cedar-java " + c);
    }
  }

  private static String read(Path p) throws Exception {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /**
   * @return Bulwark's verdict on the application's policies
   */
  @Benchmark
  public boolean bulwark() {
    return bulwarkSchema.validate(bulwarkPolicies).isValid();
  }

  /**
   * @return cedar-java's verdict on the same policies
   */
  @Benchmark
  public boolean cedarJava() throws Exception {
    return engine.validate(cedarRequest).validationPassed();
  }
}
