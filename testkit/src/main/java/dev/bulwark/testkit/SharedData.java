/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds third-party test data where it lies, in a folder of its own under the folder named by the
 * {@code bulwark.shared.dir} system property (the build sets it to {@code ../shared} beside the
 * checkout; {@code -Dbulwark.shared.dir=DIR} points it elsewhere). The data is never copied into
 * the repository. Where it is missing the calling test is skipped with a message saying what the
 * data is and where to get it, or fails when the environment variable {@code CI} is {@code true},
 * so that a CI run can never skip it silently. Stateless but for the once-printed message; safe
 * from any test thread.
 */
public final class SharedData {
  /** The system property naming the folder that holds the data's folders. */
  public static final String PROPERTY = "bulwark.shared.dir";

  /** Where the data is looked for when {@value #PROPERTY} is not set. */
  public static final String DEFAULT_DIR = "../shared";

  /** Whether the skip message was printed; once per test JVM is enough. */
  private static volatile boolean warned;

  private SharedData() {}

  /** Where folder {@code name} is looked for, whether it exists or not. */
  public static Path location(String name) {
    return Paths.get(System.getProperty(PROPERTY, DEFAULT_DIR), name);
  }

  /**
   * Folder {@code name} of the shared data; where it is missing, the calling test is skipped.
   *
   * @param description what the data is, for the message ("Cedar conformance data")
   * @param source where to get it, for the message
   * @throws org.opentest4j.TestAbortedException if the folder is missing (the test is skipped)
   * @throws IllegalStateException if the folder is missing and {@code CI=true}
   */
  public static Path folder(String name, String description, String source) {
    Path p = location(name);
    if (!Files.isDirectory(p)) {
      Assumptions.abort(explainMissing(p, name, description, source));
    }
    return p;
  }

  /**
   * File {@code file} of folder {@code name} of the shared data; where it is missing, the calling
   * test is skipped.
   *
   * @throws org.opentest4j.TestAbortedException if the file is missing (the test is skipped)
   * @throws IllegalStateException if the file is missing and {@code CI=true}
   */
  public static Path file(String name, String file, String description, String source) {
    Path p = location(name).resolve(file);
    if (!Files.isRegularFile(p)) {
      Assumptions.abort(explainMissing(p, name, description, source));
    }
    return p;
  }

  /**
   * Whether folder {@code name} is there, for tests that can run on built-in inputs without it.
   * Where it is missing this prints the same message as a skip (once).
   *
   * @throws IllegalStateException if the folder is missing and {@code CI=true}
   */
  public static boolean available(String name, String description, String source) {
    Path p = location(name);
    if (Files.isDirectory(p)) {
      return true;
    }
    explainMissing(p, name, description, source);
    return false;
  }

  /** Fails under {@code CI=true}; otherwise prints the message once and returns it. */
  private static String explainMissing(Path p, String name, String description, String source) {
    String message =
        description
            + " not found at "
            + p.toAbsolutePath().normalize()
            + ". It is "
            + source
            + "; put it in a folder named "
            + name
            + " and run the build with -D"
            + PROPERTY
            + "=<the folder holding it> (default: "
            + DEFAULT_DIR
            + " beside the checkout).";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(message + " CI=true: missing data is a failure.");
    }
    if (!warned) {
      warned = true;
      System.err.println("[bulwark] tests skipped: " + message);
    }
    return message;
  }
}
