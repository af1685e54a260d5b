/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.ApiJavadoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published Javadoc documents only the exported packages, and javadoc renders a link into an
 * internal package as plain text without a warning: a reader would be sent to a class they cannot
 * see or use. This refuses any link from a published comment of this module's sources to a class in
 * an {@code internal} package (see {@link ApiJavadoc} for what counts).
 */
class ApiJavadocTest {

  private static final Path SOURCES = Path.of("src", "main", "java");

  @Test
  void publishedJavadoc_linksToInternalPackages_none() throws IOException {
    assertThat(ApiJavadoc.internalLinksUnder(SOURCES)).isEmpty();
  }

  /** The check itself: both spellings of a link into an internal package are found. */
  @Test
  void internalLinks_qualifiedOrImportedTarget_bothFound(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("Api.java"),
            String.join(
                "\n",
                "import a.internal.Hidden;",
                "/** See {@link a.internal.Other#run()}. */",
                "public final class Api {",
                "  /** Uses {@link Hidden}. */",
                "  public void use() {}",
                "  /** Private, so not published: {@link Hidden}. */",
                "  private void helper() {}",
                "}"));
    assertThat(ApiJavadoc.internalLinks(file)).hasSize(2);
  }
}
