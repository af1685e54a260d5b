/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the validator on every Cedar integration test, read where it lies ({@code
 * bulwark.shared.dir}), and requires its verdict to be the test's {@code shouldValidate}: on every
 * test, with no list of known exceptions.
 */
class ValidationConformanceTest {

  private static void runAndCheck(String label, Path root) throws IOException {
    List<Conformance.Outcome> outcomes = new Conformance().validateAll(List.of(root));
    List<Conformance.Outcome> failed =
        outcomes.stream().filter(o -> !o.passed()).collect(Collectors.toList());
    System.out.println(
        "[validation] "
            + label
            + ": "
            + (outcomes.size() - failed.size())
            + " passed, "
            + failed.size()
            + " failed");
    failed.stream().limit(30).forEach(o -> System.out.println("  FAIL " + o.id + ": " + o.failure));
    assertThat(outcomes).as("tests with shouldValidate under " + root).isNotEmpty();
    assertThat(failed).extracting(o -> o.id + ": " + o.failure).isEmpty();
  }

  @Test
  void handwrittenTests_shouldValidate_matchesCedar() throws IOException {
    runAndCheck("handwritten", SharedData.conformanceDir().resolve("tests"));
  }

  @Test
  void corpusTests_shouldValidate_matchesCedar() throws IOException {
    runAndCheck("corpus", SharedData.unpackedCorpus().resolve("corpus-tests"));
  }
}
