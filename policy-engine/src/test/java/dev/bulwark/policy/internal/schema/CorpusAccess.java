/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import dev.bulwark.policy.testsupport.SharedData;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test access to the conformance corpus for tests in other packages. */
public final class CorpusAccess {
  private CorpusAccess() {}

  /**
   * Reads the first {@code limit} corpus schemas (by archive order).
   *
   * @param limit how many
   * @return file name to text
   * @throws IOException if the archive cannot be read
   */
  public static Map<String, String> corpusSchemas(int limit) throws IOException {
    return corpusFiles(".cedarschema", limit);
  }

  /**
   * Reads the first {@code limit} corpus files whose names end with {@code suffix}.
   *
   * @param suffix e.g. {@code .cedar} or {@code .entities.json}
   * @param limit how many
   * @return file name to text
   * @throws IOException if the archive cannot be read
   */
  public static Map<String, String> corpusFiles(String suffix, int limit) throws IOException {
    Map<String, String> all = SharedData.corpusFiles(n -> n.endsWith(suffix));
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : all.entrySet()) {
      if (out.size() >= limit) {
        break;
      }
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }
}
