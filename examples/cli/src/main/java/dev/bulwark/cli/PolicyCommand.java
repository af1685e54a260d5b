/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import java.util.List;

/**
 * {@code bulwark policy ...}: Cedar decisions, policy checks and Cedar's conformance tests.
 * Stateless and thread-safe. The work is {@link PolicyTool}'s; this class only gives it the command
 * line's streams and exit codes (0 allow or success, 1 deny or failures, 2 usage or parse error).
 */
final class PolicyCommand implements Command {

  @Override
  public int run(List<String> args, Io io) {
    return PolicyTool.run(args.toArray(new String[0]), io.out(), io.err());
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "bulwark policy authorize --policies P [--entities E] [--schema S] --principal 'User::\"alice\"'",
        "    --action 'Action::\"view\"' --resource 'Photo::\"a.jpg\"' [--context C]",
        "                      prints the decision as one JSON line; exit 0 allow, 1 deny, 2 error;",
        "                      E and C: a file, or inline JSON when they start with { or [",
        "bulwark policy check P... [--schema S]",
        "                      reports parse errors with file, line and column; @id ids unique across files",
        "bulwark policy validate --schema S [--level N] P...",
        "                      prints Cedar validation findings as file:line:col: error: ...",
        "bulwark policy conformance DIR...",
        "                      runs Cedar's integration tests under DIR; ends with 'N passed, N failed'");
  }
}
