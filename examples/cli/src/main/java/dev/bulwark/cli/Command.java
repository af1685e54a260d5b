/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import java.util.List;

/** One top-level word of the {@code bulwark} command ({@code token}, {@code apikey}, ...). */
interface Command {

  /**
   * Runs the command with the arguments after its word.
   *
   * @return the exit status: 0 success, 1 a credential refused, 2 a usage error
   * @throws UsageException for a bad command line; the caller prints it with {@link #usage()}
   */
  int run(List<String> args, Io io) throws UsageException;

  /** The usage text, one or more lines starting with {@code bulwark <word>}. */
  String usage();
}
