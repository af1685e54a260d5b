/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/** Finds Cedar's conformance data where it lies and reads the corpus archive in memory. */
final class SharedData {
  private SharedData() {}

  /** The cedar-conformance folder, from the {@code bulwark.shared.dir} system property. */
  static Path conformanceDir() {
    String dir = System.getProperty("bulwark.shared.dir");
    if (dir == null) {
      throw new IllegalStateException("system property bulwark.shared.dir is not set; it must "
          + "name the folder holding cedar-conformance (surefire sets it to ../shared)");
    }
    Path p = Paths.get(dir, "cedar-conformance");
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("bulwark.shared.dir=" + dir
          + " holds no cedar-conformance folder");
    }
    return p;
  }

  /**
   * Reads the regular files of {@code corpus-tests.tar.gz} whose names match, without unpacking
   * to disk: a minimal ustar reader (512-byte headers, octal sizes, long-name and pax headers
   * skipped).
   */
  static Map<String, String> corpusFiles(Predicate<String> nameFilter) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Path archive = conformanceDir().resolve("corpus-tests.tar.gz");
    try (InputStream in = new BufferedInputStream(new GZIPInputStream(
        Files.newInputStream(archive), 1 << 16), 1 << 16)) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512) {
        if (header[0] == 0) {
          break;
        }
        String name = cString(header, 0, 100);
        String prefix = cString(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        long size = Long.parseLong(cString(header, 124, 12).trim().isEmpty() ? "0"
            : cString(header, 124, 12).trim(), 8);
        byte type = header[156];
        long padded = (size + 511) / 512 * 512;
        if ((type == '0' || type == 0) && nameFilter.test(name)) {
          byte[] body = in.readNBytes((int) size);
          out.put(name, new String(body, StandardCharsets.UTF_8));
          in.skipNBytes(padded - size);
        } else {
          in.skipNBytes(padded);
        }
      }
    }
    return out;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.US_ASCII);
  }
}
