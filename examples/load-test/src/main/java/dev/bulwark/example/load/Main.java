/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

/**
 * The end-to-end load test of examples/http-service: starts the service (by default in a JVM of its
 * own), searches each scenario's highest rate with P99 within the bound, optionally sustains
 * scenario (c), and writes the JSON and a summary. {@code --help} lists the options; {@code
 * docs/bench/e2e/run.sh} runs the full suite.
 *
 * <p>Why the server runs in another JVM by default: a deployment does, and it lets the report give
 * the server's CPU per request apart from the generator's (each process's CPU time, from the
 * operating system). Both still share the machine's cores, which the report says with {@code
 * nproc}; the generator is kept lean so that the server gets most of them.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the load test.
   *
   * @param args the options
   * @throws Exception if the server cannot start or be reached, or the JSON cannot be written
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(Options.USAGE);
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try (Target target =
        options.inProcess()
            ? InProcessTarget.start()
            : ChildProcessTarget.start(options.serverJvmArgs(), options.serverArgs())) {
      System.out.println(
          "server: " + target.layout() + " on " + target.host() + ":" + target.port());
      new LoadTest(options, target, System.out).runAll();
    }
  }
}
