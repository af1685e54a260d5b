/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import java.util.List;

/**
 * {@code bulwark policy ...}: Cedar decisions, policy checks and Cedar's conformance tests.
 * Stateless and thread-safe. The work is {@link PolicyTool}'s; this class only gives it the
 * command line's streams and exit codes (0 allow or success, 1 deny or failures, 2 usage or parse
 * error).
 */
final class PolicyCommand implements Command {

  @Override
  public int run(List<String> args, Io io) {
    return PolicyTool.run(args.toArray(new String[0]), io.out(), io.err());
  }

  @Override
  public String usage() {
    return String.join("\n",
        "bulwark policy authorize --policies P --entities E [--schema S] --principal 'User::\"alice\"'",
        "    --action 'Action::\"view\"' --resource 'Photo::\"a.jpg\"' [--context JSON]",
        "                      prints the decision as one JSON line; exit 0 allow, 1 deny, 2 error",
        "bulwark policy check P [--schema S]",
        "                      reports parse errors with line and column",
        "bulwark policy conformance DIR...",
        "                      runs Cedar's integration tests under DIR; ends with 'N passed, N failed'");
  }
}
