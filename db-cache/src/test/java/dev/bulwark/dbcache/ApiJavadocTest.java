/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.ApiJavadoc;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The published Javadoc documents only {@code dev.bulwark.dbcache}: no published comment of this
 * module may link into {@code dev.bulwark.dbcache.internal} (see {@link ApiJavadoc}).
 */
class ApiJavadocTest {
  private static final Path SOURCES = Path.of("src", "main", "java");

  @Test
  void publishedJavadoc_linksToInternalPackages_none() throws IOException {
    assertThat(ApiJavadoc.internalLinksUnder(SOURCES)).isEmpty();
  }
}
