/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.auth.testsupport.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;

/**
 * Reads the Wycheproof files where they lie, under {@code ${bulwark.shared.dir}/wycheproof}; see
 * {@link SharedData#wycheproof} for what happens when they are missing.
 */
final class WycheproofData {
  private WycheproofData() {}

  static Map<String, Object> load(String file) {
    Path path = SharedData.wycheproof(file);
    try {
      return JSONObjectUtils.parse(Files.readString(path, StandardCharsets.UTF_8), -1);
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
