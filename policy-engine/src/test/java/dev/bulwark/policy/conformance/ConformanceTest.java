/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.testsupport.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs Cedar's own integration tests, read where they lie ({@code bulwark.shared.dir}), and
 * requires every request's decision, reasons and erroring policies to match. Requests that are
 * known not to match would be listed, with the reason, in {@code
 * src/test/resources/conformance-known-failures.txt}; that list is empty and must stay so.
 */
class ConformanceTest {

  private static Set<String> knownFailures() throws IOException {
    Set<String> out = new TreeSet<>();
    try (InputStream in =
        ConformanceTest.class.getResourceAsStream("/conformance-known-failures.txt")) {
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.trim();
        if (!l.isEmpty() && !l.startsWith("#")) {
          out.add(l.split("\\s+")[0]);
        }
      }
    }
    return out;
  }

  private static void runAndCheck(String label, Path root, Path relativeTo) throws IOException {
    List<Conformance.Outcome> outcomes = new Conformance().runAll(List.of(root));
    Set<String> known = knownFailures();
    List<Conformance.Outcome> failed =
        outcomes.stream().filter(o -> !o.passed()).collect(Collectors.toList());
    List<Conformance.Outcome> unexpected =
        failed.stream()
            .filter(o -> !known.contains(shortId(o.id, relativeTo)))
            .collect(Collectors.toList());
    System.out.println(
        "[conformance] "
            + label
            + ": "
            + (outcomes.size() - failed.size())
            + " passed, "
            + failed.size()
            + " failed ("
            + unexpected.size()
            + " not in the known list)");
    unexpected.stream()
        .limit(20)
        .forEach(o -> System.out.println("  FAIL " + o.id + ": " + o.failure));
    assertThat(outcomes).as("requests found under " + root).isNotEmpty();
    assertThat(unexpected).extracting(o -> o.id + ": " + o.failure).isEmpty();
  }

  private static String shortId(String id, Path relativeTo) {
    String prefix = relativeTo.toString() + "/";
    String s = id.startsWith(prefix) ? id.substring(prefix.length()) : id;
    int sp = s.indexOf(' ');
    int paren = s.indexOf(" (");
    return paren > 0 ? s.substring(0, paren).replace(" ", "") : (sp > 0 ? s.replace(" ", "") : s);
  }

  @Test
  void handwrittenTests_everyRequest_matchesCedar() throws IOException {
    Path dir = SharedData.conformanceDir();
    runAndCheck("handwritten", dir.resolve("tests"), dir);
  }

  @Test
  void corpusTests_everyRequest_matchesCedar() throws IOException {
    Path base = SharedData.unpackedCorpus();
    runAndCheck("corpus", base.resolve("corpus-tests"), base);
  }
}
