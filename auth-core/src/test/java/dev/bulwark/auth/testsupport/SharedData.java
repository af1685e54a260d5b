/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds Wycheproof's test vectors where they lie (never copied into the repository). Stateless;
 * safe from any test thread.
 */
public final class SharedData {
  private SharedData() {}

  /** Whether the skip message was printed; once per test JVM is enough. */
  private static volatile boolean warned;

  /**
   * The Wycheproof file {@code name}, under {@code wycheproof/} in the folder named by the {@code
   * bulwark.shared.dir} system property (the build sets it to {@code ../shared} beside the
   * checkout; {@code -Dbulwark.shared.dir=DIR} points it elsewhere). Where the file is missing the
   * calling test is skipped with a message saying where to get it, or fails when the environment
   * variable {@code CI} is {@code true}, so that a CI run can never skip it silently.
   */
  public static Path wycheproof(String name) {
    String dir = System.getProperty("bulwark.shared.dir", "../shared");
    Path p = Paths.get(dir, "wycheproof", name);
    if (Files.isRegularFile(p)) {
      return p;
    }
    String message =
        "Wycheproof test vector "
            + p.toAbsolutePath().normalize()
            + " not found. "
            + "The vectors are Project Wycheproof's (testvectors_v1/ of "
            + "https://github.com/C2SP/wycheproof); put the files in a folder named wycheproof and run "
            + "the build with -Dbulwark.shared.dir=<the folder holding it> (default: ../shared beside "
            + "the checkout).";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(message + " CI=true: missing data is a failure.");
    }
    if (!warned) {
      warned = true;
      System.err.println("[bulwark] tests skipped: " + message);
    }
    return Assumptions.abort(message);
  }
}
