/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;

/** Reads the Wycheproof files where they lie, under {@code ${bulwark.shared.dir}/wycheproof}. */
final class WycheproofData {
  private WycheproofData() {}

  static Map<String, Object> load(String file) {
    String dir = System.getProperty("bulwark.shared.dir");
    if (dir == null || dir.isEmpty()) {
      throw new IllegalStateException("system property bulwark.shared.dir is not set; it must "
          + "point at the shared test data (surefire sets it to <checkout>/../shared)");
    }
    Path path = Path.of(dir, "wycheproof", file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(path + " not found: check -Dbulwark.shared.dir (was " + dir
          + ")");
    }
    try {
      return JSONObjectUtils.parse(Files.readString(path, StandardCharsets.UTF_8), -1);
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
