/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code bulwark} command line, immutable and thread-safe (each {@link #run} call uses only the
 * streams it is given): dispatches its first word to a command.
 *
 * <p>Exit status: 0 success, 1 a credential was refused ({@code token verify}), 2 a usage error
 * (unknown command or option, bad value, unreadable file), 3 an unexpected internal error.
 */
public final class Main {
  private final Clock clock;
  private final Map<String, Command> commands = new LinkedHashMap<>();

  /** A command line that reads the time from {@code clock}. */
  public Main(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    commands.put("token", new TokenCommand());
    commands.put("apikey", new ApiKeyCommand());
    commands.put("keygen", new KeygenCommand());
    commands.put("policy", new PolicyCommand());
  }

  /** Runs {@code bulwark ARGS...} and exits with its status. */
  public static void main(String[] args) {
    int status = new Main(Clock.systemUTC()).run(args, System.out, System.err, System.in);
    System.out.flush();
    System.exit(status);
  }

  /**
   * Runs one command line, writing results to {@code out} and messages for a person to {@code err};
   * a token given as {@code -} is read from {@code in}.
   *
   * @return the exit status (see the class documentation)
   */
  public int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
    Io io = new Io(out, err, in, clock);
    if (args.length == 0 || isHelp(args[0])) {
      (args.length == 0 ? err : out).println(usage());
      return args.length == 0 ? 2 : 0;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      err.println("bulwark: unknown command '" + args[0] + "'");
      err.println(usage());
      return 2;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (rest.size() == 1 && isHelp(rest.get(0)) || rest.size() == 2 && isHelp(rest.get(1))) {
      out.println(command.usage());
      return 0;
    }
    try {
      return command.run(rest, io);
    } catch (UsageException e) {
      err.println("bulwark " + args[0] + ": " + e.getMessage());
      err.println();
      err.println(command.usage());
      return 2;
    } catch (RuntimeException e) {
      // Fail closed and say so; the exception class is enough to report a bug and leaks nothing.
      err.println("bulwark " + args[0] + ": internal error " + e.getClass().getName());
      return 3;
    }
  }

  private String usage() {
    StringBuilder sb = new StringBuilder("usage: bulwark COMMAND [OPTIONS]\n");
    for (Command c : commands.values()) {
      sb.append('\n').append(c.usage()).append('\n');
    }
    sb.append(
        "\nDurations are like 30s, 5m, 12h, 90d (or ISO-8601, PT30S). Exit status: 0 ok,"
            + " 1 refused, 2 usage error.");
    return sb.toString();
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }
}
