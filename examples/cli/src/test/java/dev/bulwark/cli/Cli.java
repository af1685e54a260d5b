/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.Map;

/** Runs {@link Main} in-process with captured streams. */
final class Cli {
  private Cli() {}

  /** What one run printed and returned. */
  record Run(int status, String out, String err) {
    /** Standard output parsed as one JSON object. */
    Map<String, Object> json() throws ParseException {
      return JSONObjectUtils.parse(out);
    }

    /** Standard output without its trailing newline. */
    String line() {
      return out.strip();
    }
  }

  static Run run(String... args) {
    return run(Clock.systemUTC(), "", args);
  }

  static Run run(Clock clock, String... args) {
    return run(clock, "", args);
  }

  static Run runWithStdin(String stdin, String... args) {
    return run(Clock.systemUTC(), stdin, args);
  }

  private static Run run(Clock clock, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new Main(clock)
            .run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
