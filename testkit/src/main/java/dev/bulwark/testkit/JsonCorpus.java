/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.testkit;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JSON corpus ({@code testdata/json}, see its README) that both JSON readers run: its cases,
 * their expectations and the pieces of its canonical text of a value that do not depend on a
 * reader's value model.
 */
public final class JsonCorpus {
  /** The system property naming the corpus folder; the build sets it. */
  public static final String PROPERTY = "bulwark.json.corpus.dir";

  private JsonCorpus() {}

  /**
   * The corpus, named by the {@value #PROPERTY} system property that the build sets; outside the
   * build (an IDE) it is looked for above the working directory.
   *
   * @throws IllegalStateException if the property is not set and no folder above has it
   */
  public static Path dir() {
    String dir = System.getProperty(PROPERTY);
    if (dir != null) {
      return Paths.get(dir);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("testdata/json");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no testdata/json above " + Paths.get("").toAbsolutePath() + "; set -D" + PROPERTY);
  }

  /**
   * The {@code .json} files of one folder of the corpus, sorted by name; never empty.
   *
   * @throws IOException if the folder cannot be listed
   * @throws AssertionError if the folder has no case
   */
  public static List<Path> cases(String folder) throws IOException {
    Path dir = dir().resolve(folder);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new AssertionError("no cases in " + dir);
    }
    return files;
  }

  /** A case's name: its file name without {@code .json}. */
  public static String name(Path file) {
    return file.getFileName().toString().replaceFirst("\\.json$", "");
  }

  /**
   * The text (UTF-8, stripped) of a case's sidecar file: the same name with {@code suffix} in place
   * of {@code .json} ({@code .expected}, or a reader's name for the cases where the readers
   * differ).
   *
   * @throws IOException if the sidecar cannot be read
   */
  public static String sidecar(Path file, String suffix) throws IOException {
    Path p = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", suffix));
    return Files.readString(p, StandardCharsets.UTF_8).strip();
  }

  /**
   * Appends a string in the corpus's canonical form: quoted, with '"' and '\\' escaped and every
   * char outside 0x20..0x7E as a lowercase {@code \}{@code uXXXX}.
   */
  public static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7E) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  /**
   * A number in the corpus's canonical form: its decimal value with trailing zeros dropped ({@link
   * BigDecimal#stripTrailingZeros()}), zero as {@code 0}.
   */
  public static String number(BigDecimal n) {
    return n.signum() == 0 ? "0" : n.stripTrailingZeros().toString();
  }
}
