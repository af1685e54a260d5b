/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line: {@code --name value} or {@code --name=value} options and positional
 * arguments. Not thread-safe; made and read by one command.
 *
 * <p>Hand-written on purpose: the CLI has no dependency beyond Bulwark and nimbus. Every option
 * takes a value (the commands have no flags); {@code --} ends the options, so a positional argument
 * may start with a dash.
 */
final class Args {
  private final Map<String, List<String>> options;
  private final List<String> positionals;

  private Args(Map<String, List<String>> options, List<String> positionals) {
    this.options = options;
    this.positionals = positionals;
  }

  /**
   * Parses {@code argv} for {@code command}, which accepts the options in {@code single} (at most
   * once) and {@code repeatable} (any number of times).
   *
   * @throws UsageException for an unknown option, a missing value or a single option given twice
   */
  static Args parse(String command, List<String> argv, Set<String> single, Set<String> repeatable)
      throws UsageException {
    Map<String, List<String>> options = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    boolean optionsEnded = false;
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (optionsEnded || !arg.startsWith("--") || arg.equals("-")) {
        positionals.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (eq >= 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else {
        name = arg;
        value = null;
      }
      if (!single.contains(name) && !repeatable.contains(name)) {
        throw new UsageException("unknown option " + name + " for '" + command + "'");
      }
      if (value == null) {
        if (i + 1 >= argv.size()) {
          throw new UsageException("option " + name + " needs a value");
        }
        value = argv.get(++i);
      }
      List<String> values = options.computeIfAbsent(name, k -> new ArrayList<>());
      if (!values.isEmpty() && single.contains(name)) {
        throw new UsageException(
            "option " + name + " given twice, was '" + values.get(0) + "' and '" + value + "'");
      }
      values.add(value);
    }
    return new Args(options, positionals);
  }

  /** The value of a single option, or {@code null} when absent. */
  String get(String name) {
    List<String> values = options.get(name);
    return values == null ? null : values.get(0);
  }

  /** The value of a single option, or {@code fallback} when absent. */
  String get(String name, String fallback) {
    String value = get(name);
    return value == null ? fallback : value;
  }

  /**
   * The value of a required option.
   *
   * @throws UsageException when it is absent or empty
   */
  String require(String name) throws UsageException {
    String value = get(name);
    if (value == null || value.isEmpty()) {
      throw new UsageException("option " + name + " is required");
    }
    return value;
  }

  /** Every value of a repeatable option, in order; empty when absent. */
  List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  /** The positional arguments, in order. */
  List<String> positionals() {
    return positionals;
  }

  /**
   * Checks that exactly {@code names.length} positional arguments were given.
   *
   * @throws UsageException naming what is missing or what is extra
   */
  void expectPositionals(String command, String... names) throws UsageException {
    if (positionals.size() < names.length) {
      throw new UsageException("'" + command + "' needs " + names[positionals.size()]);
    }
    if (positionals.size() > names.length) {
      String extra = positionals.get(names.length);
      // A stray argument may be a token or a secret pasted in the wrong place: echo it only when
      // it looks like a mistyped option.
      throw new UsageException(
          "unexpected argument for '"
              + command
              + "': "
              + (extra.startsWith("-")
                  ? "'" + extra + "' (options start with --)"
                  : "an extra " + extra.length() + "-character value"));
    }
  }
}
