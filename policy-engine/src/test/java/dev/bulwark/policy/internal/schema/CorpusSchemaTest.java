/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.Schema;
import dev.bulwark.policy.testsupport.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every schema of Cedar's own conformance data parses and resolves. */
class CorpusSchemaTest {

  @Test
  void corpusSchemas_allParse_noErrors() throws IOException {
    Map<String, String> schemas = SharedData.corpusFiles(n -> n.endsWith(".cedarschema"));
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> e : schemas.entrySet()) {
      try {
        Schema.parse(e.getValue());
      } catch (PolicyParseException | RuntimeException ex) {
        failures.add(e.getKey() + ": " + ex);
      }
    }
    assertThat(schemas).hasSizeGreaterThan(5_000);
    assertThat(failures).as("schemas that failed out of " + schemas.size()).isEmpty();
  }

  @Test
  void sampleDataSchemas_allParse_noErrors() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(SharedData.conformanceDir())) {
      files =
          s.filter(
                  p ->
                      p.toString().endsWith(".cedarschema")
                          || p.toString().endsWith(".cedarschema.json"))
              .collect(Collectors.toList());
    }
    List<String> failures = new ArrayList<>();
    for (Path p : files) {
      try {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        if (p.toString().endsWith(".json")) {
          Schema.parseJson(text);
        } else {
          Schema.parse(text);
        }
      } catch (PolicyParseException | RuntimeException ex) {
        failures.add(p + ": " + ex);
      }
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(3);
    assertThat(failures).isEmpty();
  }
}
