/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the links from published Javadoc into {@code internal} packages. The published Javadoc
 * documents only the exported packages, and javadoc renders a link into an internal package as
 * plain text without a warning: a reader would be sent to a class they cannot see or use. A link
 * ({@code {@link}}, {@code {@linkplain}}, {@code {@value}}, {@code @see}, {@code @throws}) counts
 * when it is in a comment that is published (on a public or protected declaration, a member of a
 * public interface, or a package's or module's own comment) and names a class in an {@code
 * internal} package, by its qualified name or by a simple name imported from one.
 */
public final class ApiJavadoc {

  private static final Pattern COMMENT = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
  private static final Pattern TARGET =
      Pattern.compile("(?:\\{@link(?:plain)?|\\{@value|@see|@throws|@exception)\\s+([\\w.$#]+)");
  private static final Pattern INTERNAL_IMPORT =
      Pattern.compile("(?m)^import\\s+([\\w.]*\\.internal\\.[\\w.]*?)(\\w+);");
  private static final Pattern TOP_LEVEL_PUBLIC =
      Pattern.compile(
          "(?m)^public\\s+(?:final\\s+|abstract\\s+|sealed\\s+)*"
              + "(?:class|interface|enum|record|@interface)\\s");
  private static final Pattern PUBLIC_INTERFACE =
      Pattern.compile("(?m)^public\\s+(?:sealed\\s+)?(?:interface|@interface)\\s");

  private ApiJavadoc() {}

  /**
   * The links into internal packages of the published comments of every source file under {@code
   * sources} outside an {@code internal} folder, each as the file, the comment's line and the
   * target.
   *
   * @throws IOException if the folder cannot be walked
   * @throws UncheckedIOException if a source file cannot be read
   */
  public static List<String> internalLinksUnder(Path sources) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !sources.relativize(f).toString().replace('\\', '/').contains("internal/"))
          .sorted()
          .forEach(f -> found.addAll(internalLinks(f)));
    }
    return found;
  }

  /**
   * The links into internal packages of one source file's published comments.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<String> internalLinks(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = file.getFileName().toString();
    boolean infoFile = name.equals("package-info.java") || name.equals("module-info.java");
    if (!infoFile && !TOP_LEVEL_PUBLIC.matcher(text).find()) {
      return List.of(); // a package-private type is not in the published Javadoc
    }
    boolean publicInterface = PUBLIC_INTERFACE.matcher(text).find();
    Set<String> internalNames = new HashSet<>();
    Matcher imports = INTERNAL_IMPORT.matcher(text);
    while (imports.find()) {
      internalNames.add(imports.group(2));
    }
    List<String> out = new ArrayList<>();
    Matcher comment = COMMENT.matcher(text);
    while (comment.find()) {
      String rest = text.substring(comment.end()).stripLeading();
      while (rest.startsWith("@")) { // annotations between the comment and the declaration
        int eol = rest.indexOf('\n');
        rest = eol < 0 ? "" : rest.substring(eol + 1).stripLeading();
      }
      // Published: a public or protected declaration, any non-private member of a public
      // top-level interface (implicitly public), or the package's or module's own comment.
      boolean published =
          infoFile
              || rest.startsWith("public ")
              || rest.startsWith("protected ")
              || (publicInterface && !rest.startsWith("private "));
      if (!published) {
        continue;
      }
      Matcher target = TARGET.matcher(comment.group(1));
      while (target.find()) {
        String t = target.group(1);
        String first = t.split("[.#]", 2)[0];
        if (t.contains(".internal.")
            || t.startsWith("internal.")
            || internalNames.contains(first)) {
          int line =
              1 + (int) text.substring(0, comment.start()).chars().filter(c -> c == '\n').count();
          out.add(file + ": the comment at line " + line + " links to " + t);
        }
      }
    }
    return out;
  }
}
