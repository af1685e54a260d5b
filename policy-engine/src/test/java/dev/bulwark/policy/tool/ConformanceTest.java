/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Runs Cedar's own integration tests, read where they lie ({@code bulwark.shared.dir}), and
 * requires every request's decision, reasons and erroring policies to match. Requests that are
 * known not to match would be listed, with the reason, in
 * {@code src/test/resources/conformance-known-failures.txt}; that list is empty and must stay so.
 */
class ConformanceTest {

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
   * Unpacks {@code corpus-tests.tar.gz} into {@code target/cedar-corpus/corpus-tests} (once; a
   * marker file records completion), so that the tests' relative paths resolve against
   * {@code target/cedar-corpus} exactly as against the original layout.
   */
  static Path unpackedCorpus() throws IOException {
    Path base = Paths.get("target", "cedar-corpus").toAbsolutePath();
    Path marker = base.resolve(".complete");
    if (Files.exists(marker)) {
      return base;
    }
    Path archive = conformanceDir().resolve("corpus-tests.tar.gz");
    try (InputStream in = new BufferedInputStream(new GZIPInputStream(
        Files.newInputStream(archive), 1 << 16), 1 << 16)) {
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
        if (type == '0' || type == 0) {
          Path out = base.resolve(name).normalize();
          if (!out.startsWith(base)) {
            throw new IOException("archive entry escapes the target folder: " + name);
          }
          Files.createDirectories(out.getParent());
          try (OutputStream os = Files.newOutputStream(out)) {
            os.write(in.readNBytes((int) size));
          }
          in.skipNBytes(padded - size);
        } else {
          in.skipNBytes(padded);
        }
      }
    }
    Files.writeString(marker, "unpacked from " + archive + "\n");
    return base;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.US_ASCII);
  }

  private static Set<String> knownFailures() throws IOException {
    Set<String> out = new TreeSet<>();
    try (InputStream in = ConformanceTest.class.getResourceAsStream(
        "/conformance-known-failures.txt")) {
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.trim();
        if (!l.isEmpty() && !l.startsWith("#")) {
          out.add(l.split("\\s+")[0]);
        }
      }
    }
    return out;
  }

  private static void runAndCheck(String label, Path root, Path relativeTo) throws IOException {
    List<Conformance.Outcome> outcomes = new Conformance().runAll(List.of(root));
    Set<String> known = knownFailures();
    List<Conformance.Outcome> failed = outcomes.stream().filter(o -> !o.passed())
        .collect(Collectors.toList());
    List<Conformance.Outcome> unexpected = failed.stream()
        .filter(o -> !known.contains(shortId(o.id, relativeTo)))
        .collect(Collectors.toList());
    System.out.println("[conformance] " + label + ": " + (outcomes.size() - failed.size())
        + " passed, " + failed.size() + " failed (" + unexpected.size() + " not in the known list)");
    unexpected.stream().limit(20).forEach(o -> System.out.println("  FAIL " + o.id + ": "
        + o.failure));
    assertThat(outcomes).as("requests found under " + root).isNotEmpty();
    assertThat(unexpected).extracting(o -> o.id + ": " + o.failure).isEmpty();
  }

  private static String shortId(String id, Path relativeTo) {
    String prefix = relativeTo.toString() + "/";
    String s = id.startsWith(prefix) ? id.substring(prefix.length()) : id;
    int sp = s.indexOf(' ');
    int paren = s.indexOf(" (");
    return paren > 0 ? s.substring(0, paren).replace(" ", "") : (sp > 0 ? s.replace(" ", "") : s);
  }

  @Test
  void handwrittenTests_everyRequest_matchesCedar() throws IOException {
    Path dir = conformanceDir();
    runAndCheck("handwritten", dir.resolve("tests"), dir);
  }

  @Test
  void corpusTests_everyRequest_matchesCedar() throws IOException {
    Path base = unpackedCorpus();
    runAndCheck("corpus", base.resolve("corpus-tests"), base);
  }
}
