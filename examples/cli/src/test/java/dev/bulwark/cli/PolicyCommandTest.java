/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark policy ...} reaches policy-engine's tool with the command line's exit codes. */
class PolicyCommandTest {
  private static final String POLICIES =
      "permit(principal == User::\"alice\", action == Action::\"view\", resource in Album::\"trip\");\n";
  private static final String ENTITIES =
      "[{\"uid\":{\"type\":\"Photo\",\"id\":\"a.jpg\"},"
          + "\"attrs\":{},\"parents\":[{\"type\":\"Album\",\"id\":\"trip\"}]}]";

  @TempDir Path dir;

  private Cli.Run authorize(String principal) throws IOException {
    Path policies = Files.writeString(dir.resolve("policies.cedar"), POLICIES);
    Path entities = Files.writeString(dir.resolve("entities.json"), ENTITIES);
    return Cli.run(
        "policy",
        "authorize",
        "--policies",
        policies.toString(),
        "--entities",
        entities.toString(),
        "--principal",
        principal,
        "--action",
        "Action::\"view\"",
        "--resource",
        "Photo::\"a.jpg\"");
  }

  @Test
  void authorize_permittedRequest_printsAllowJson_exitsZero() throws Exception {
    Cli.Run r = authorize("User::\"alice\"");
    assertThat(r.status()).isZero();
    assertThat(r.json()).containsEntry("decision", "allow");
  }

  @Test
  void authorize_requestNoPolicyPermits_printsDenyJson_exitsOne() throws Exception {
    Cli.Run r = authorize("User::\"bob\"");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.json()).containsEntry("decision", "deny");
  }

  @Test
  void check_policyWithSyntaxError_reportsPosition_exitsTwo() throws IOException {
    Path bad =
        Files.writeString(dir.resolve("bad.cedar"), "permit(principal,\n  action resource);");
    Cli.Run r = Cli.run("policy", "check", bad.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err() + r.out()).contains("line 2, column 10");
  }

  @Test
  void authorize_unquotedPrincipal_saysIdsMustBeQuoted_exitsTwo() throws Exception {
    Cli.Run r = authorize("User::alice");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("entity ids must be quoted: User::\"alice\"");
  }

  @Test
  void check_twoFiles_bothReported_exitsZero() throws IOException {
    Path a = Files.writeString(dir.resolve("a.cedar"), POLICIES);
    Path b = Files.writeString(dir.resolve("b.cedar"), POLICIES);
    Cli.Run r = Cli.run("policy", "check", a.toString(), b.toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains(a + ": ok").contains(b + ": ok");
  }

  @Test
  void usage_listsThePolicyCommands() {
    Cli.Run r = Cli.run("--help");
    assertThat(r.out())
        .contains(
            "bulwark policy authorize",
            "bulwark policy conformance",
            "bulwark policy check P...",
            "inline JSON");
  }
}
