/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine and the run, for the report: what a reader needs to judge the figures. */
final class Environment {
  private Environment() {}

  /**
   * The JDK, the processors, the CPU model, the date, the commit and the command line.
   *
   * @param gitCommit the commit measured, as the caller knows it (or {@code "unknown"})
   * @param args the generator's arguments
   * @param serverJvmArgs the server JVM's options, empty when it runs in this JVM
   * @return the fields, in a stable order
   */
  static Map<String, Object> describe(
      String gitCommit, List<String> args, List<String> serverJvmArgs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    m.put("git_commit", gitCommit);
    m.put(
        "jdk",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("nproc", Runtime.getRuntime().availableProcessors());
    m.put("cpu_model", cpuModel());
    m.put("command_line", String.join(" ", args));
    m.put("generator_jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
    m.put("server_jvm_args", serverJvmArgs);
    return m;
  }

  /** The first {@code model name} of /proc/cpuinfo, else the architecture. */
  static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    try {
      for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux, or not readable: the architecture is all there is to say.
    }
    return System.getProperty("os.arch");
  }
}
