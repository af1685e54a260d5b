/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void noArguments_printsUsageToStderr_exitsTwo() {
    Cli.Run r = Cli.run();
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("usage: bulwark", "token verify", "apikey generate", "keygen");
  }

  @Test
  void unknownCommand_namesItAndPrintsUsage_exitsTwo() {
    Cli.Run r = Cli.run("frobnicate", "--x", "1");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("unknown command 'frobnicate'", "usage: bulwark");
  }

  @Test
  void help_printsUsageToStdout_exitsZero() {
    Cli.Run r = Cli.run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("usage: bulwark");
  }

  @Test
  void subcommandHelp_printsThatCommandsUsage_exitsZero() {
    Cli.Run r = Cli.run("token", "verify", "--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("bulwark token verify").doesNotContain("apikey");
  }

  @Test
  void unknownSubcommand_namesIt_exitsTwo() {
    Cli.Run r = Cli.run("token", "decode", "x");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("'token decode'");
  }
}
