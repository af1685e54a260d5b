/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.testsupport;

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

/**
 * Finds Cedar's conformance data where it lies (never copied into the repository) and reads its
 * corpus archive, for every test that needs them. Stateless; safe from any test thread.
 */
public final class SharedData {
  private SharedData() {}

  /** What to do with one regular file of the archive. */
  @FunctionalInterface
  private interface EntryHandler {
    void accept(String name, byte[] body) throws IOException;
  }

  /** The folder under {@code bulwark.shared.dir} that holds the data. */
  private static final String FOLDER = "cedar-conformance";

  private static final String DESCRIPTION = "Cedar conformance data";
  private static final String SOURCE =
      "Cedar's integration tests (tests/, sample-data/ and corpus-tests.tar.gz from "
          + "https://github.com/cedar-policy/cedar-integration-tests)";

  /**
   * The cedar-conformance folder, under the folder named by the {@code bulwark.shared.dir} system
   * property (the build sets it to {@code ../shared} beside the checkout; {@code
   * -Dbulwark.shared.dir=DIR} points it elsewhere). Where the data is missing the calling test is
   * skipped with a message saying where to get it, or fails when the environment variable {@code
   * CI} is {@code true}, so that a CI run can never skip it silently (see {@link
   * dev.bulwark.testkit.SharedData}).
   */
  public static Path conformanceDir() {
    return dev.bulwark.testkit.SharedData.folder(FOLDER, DESCRIPTION, SOURCE);
  }

  /**
   * Whether the cedar-conformance folder is there, for tests that can run on built-in inputs
   * without it. Where it is missing this prints the same message as a skip (once), and under {@code
   * CI=true} throws instead of answering {@code false}.
   */
  public static boolean conformanceAvailable() {
    return dev.bulwark.testkit.SharedData.available(FOLDER, DESCRIPTION, SOURCE);
  }

  /** The texts (UTF-8) of the corpus archive's regular files whose names match, by name. */
  public static Map<String, String> corpusFiles(Predicate<String> nameFilter) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    readCorpus(nameFilter, (name, body) -> out.put(name, new String(body, StandardCharsets.UTF_8)));
    return out;
  }

  /**
   * Unpacks {@code corpus-tests.tar.gz} into {@code target/cedar-corpus} (once; a marker file
   * records completion), so that the tests' relative paths resolve against that folder exactly as
   * against the original layout.
   */
  public static Path unpackedCorpus() throws IOException {
    Path base = Paths.get("target", "cedar-corpus").toAbsolutePath();
    Path marker = base.resolve(".complete");
    if (Files.exists(marker)) {
      return base;
    }
    readCorpus(
        name -> true,
        (name, body) -> {
          Path out = base.resolve(name).normalize();
          if (!out.startsWith(base)) {
            throw new IOException("archive entry escapes the target folder: " + name);
          }
          Files.createDirectories(out.getParent());
          Files.write(out, body);
        });
    Files.writeString(marker, "unpacked from " + conformanceDir() + "\n");
    return base;
  }

  /**
   * Walks the corpus archive without unpacking it to disk: a minimal ustar reader (512-byte
   * headers, octal sizes, GNU long names; other entry types skipped), handing each regular file
   * whose name matches to {@code handler}.
   */
  private static void readCorpus(Predicate<String> nameFilter, EntryHandler handler)
      throws IOException {
    Path archive = conformanceDir().resolve("corpus-tests.tar.gz");
    try (InputStream in =
        new BufferedInputStream(
            new GZIPInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
      byte[] header = new byte[512];
      String longName = null;
      while (in.readNBytes(header, 0, 512) == 512) {
        if (header[0] == 0) {
          break;
        }
        String name = cString(header, 0, 100);
        String prefix = cString(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        String sizeText = cString(header, 124, 12).trim();
        long size = sizeText.isEmpty() ? 0 : Long.parseLong(sizeText, 8);
        long padded = (size + 511) / 512 * 512;
        byte type = header[156];
        if (type == 'L') {
          longName = new String(in.readNBytes((int) size), StandardCharsets.UTF_8).trim();
          in.skipNBytes(padded - size);
          continue;
        }
        if (longName != null) {
          name = longName;
          longName = null;
        }
        if ((type == '0' || type == 0) && nameFilter.test(name)) {
          handler.accept(name, in.readNBytes((int) size));
          in.skipNBytes(padded - size);
        } else {
          in.skipNBytes(padded);
        }
      }
    }
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.US_ASCII);
  }
}
