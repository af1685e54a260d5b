/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.testsupport;

import java.nio.file.Path;

/**
 * Finds Wycheproof's test vectors where they lie (never copied into the repository). Stateless;
 * safe from any test thread.
 */
public final class SharedData {
  private SharedData() {}

  /** The folder under {@code bulwark.shared.dir} that holds the vectors. */
  private static final String FOLDER = "wycheproof";

  private static final String DESCRIPTION = "Wycheproof test vector";
  private static final String SOURCE =
      "Project Wycheproof's test vectors (testvectors_v1/ of https://github.com/C2SP/wycheproof)";

  /**
   * The Wycheproof file {@code name}, under {@code wycheproof/} in the folder named by the {@code
   * bulwark.shared.dir} system property (the build sets it to {@code ../shared} beside the
   * checkout; {@code -Dbulwark.shared.dir=DIR} points it elsewhere). Where the file is missing the
   * calling test is skipped with a message saying where to get it, or fails when the environment
   * variable {@code CI} is {@code true}, so that a CI run can never skip it silently (see {@link
   * dev.bulwark.testkit.SharedData}).
   */
  public static Path wycheproof(String name) {
    return dev.bulwark.testkit.SharedData.file(FOLDER, name, DESCRIPTION, SOURCE);
  }
}
