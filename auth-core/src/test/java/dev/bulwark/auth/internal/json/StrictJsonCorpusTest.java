/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.internal.Refusal;
import dev.bulwark.testkit.JsonCorpus;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the JSON corpus that policy-engine's JsonReader runs too ({@code testdata/json}, see its
 * README): every accepted case gives the expected value, every refused case is refused, and where
 * the two readers' contracts differ this reader's own expectation holds. The invalid UTF-8 cases
 * are this reader's alone, as it is the one that reads bytes.
 */
class StrictJsonCorpusTest {
  /** Deeper than any corpus case nests; the JWT depth limit has its own tests in StrictJsonTest. */
  private static final int MAX_DEPTH = 64;

  private static final int MAX_BYTES = 1 << 20;
  private static final String READER = "strict-json";

  /** The {@code .json} files of one folder of the corpus, by name; never empty. */
  static Stream<Arguments> cases(String folder) throws IOException {
    return JsonCorpus.cases(folder).stream().map(f -> Arguments.of(JsonCorpus.name(f), f));
  }

  static Stream<Arguments> accept() throws IOException {
    return cases("accept");
  }

  static Stream<Arguments> reject() throws IOException {
    return cases("reject");
  }

  static Stream<Arguments> differ() throws IOException {
    return cases("differ");
  }

  static Stream<Arguments> utf8Reject() throws IOException {
    return cases("utf8-reject");
  }

  private static Map<String, Object> parse(Path file) throws IOException, Refusal {
    byte[] in = Files.readAllBytes(file);
    return StrictJson.parseObject(in, MAX_DEPTH, MAX_BYTES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accept")
  void parse_acceptedCase_givesTheExpectedValue(String name, Path file) throws Exception {
    assertThat(canonical(parse(file))).isEqualTo(JsonCorpus.sidecar(file, ".expected"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reject")
  void parse_refusedCase_isRefused(String name, Path file) {
    assertThatThrownBy(() -> parse(file)).isInstanceOf(Refusal.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("utf8Reject")
  void parse_invalidUtf8Case_isRefused(String name, Path file) {
    assertThatThrownBy(() -> parse(file)).isInstanceOf(Refusal.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("differ")
  void parse_caseWhereTheReadersDiffer_givesThisReadersExpectation(String name, Path file)
      throws Exception {
    String expected = JsonCorpus.sidecar(file, "." + READER);
    if (expected.equals("reject")) {
      assertThatThrownBy(() -> parse(file)).isInstanceOf(Refusal.class);
    } else {
      assertThat(canonical(parse(file))).isEqualTo(expected);
    }
  }

  /**
   * The corpus's canonical text of a value (its README): no whitespace, members in document order,
   * strings with '"' and '\\' escaped and every char outside 0x20..0x7E as a lowercase {@code
   * \}{@code uXXXX}, numbers by their decimal value with trailing zeros dropped ({@link
   * BigDecimal#stripTrailingZeros()}), zero as {@code 0}, an infinite double as {@code Infinity}.
   */
  static String canonical(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof String s) {
      JsonCorpus.appendString(sb, s);
    } else if (v instanceof Long l) {
      sb.append(JsonCorpus.number(BigDecimal.valueOf(l)));
    } else if (v instanceof Double d) {
      sb.append(
          d.isInfinite()
              ? (d > 0 ? "Infinity" : "-Infinity")
              : JsonCorpus.number(new BigDecimal(Double.toString(d))));
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(first ? "" : ",");
        first = false;
        write(sb, e.getKey());
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : ",");
        write(sb, l.get(i));
      }
      sb.append(']');
    } else {
      throw new AssertionError("not a StrictJson value: " + v.getClass().getName());
    }
  }
}
