/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PolicySet#read(Path...)}: several files as one set, positional ids numbered on across
 * them, ids unique across them, and errors that name the file.
 */
class PolicySetReadTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void read_twoFiles_positionalIdsContinueInArgumentOrder() throws Exception {
    Path a =
        file(
            "a.cedar",
            "permit(principal, action, resource);\n"
                + "@id(\"named\") forbid(principal, action, resource);\n");
    Path b = file("b.cedar", "permit(principal, action, resource) when { true };\n");

    PolicySet set = PolicySet.read(a, b);

    assertThat(set.policyIds()).containsExactly("policy0", "named", "policy2");
    assertThat(set.policy("policy2").orElseThrow().text())
        .contains("permit(principal, action, resource) when { true };");
  }

  @Test
  void read_templatesInAnEarlierFile_countTowardPositions() throws Exception {
    Path a = file("a.cedar", "permit(principal == ?principal, action, resource);\n");
    Path b = file("b.cedar", "permit(principal, action, resource);\n");

    PolicySet set = PolicySet.read(List.of(a, b));

    assertThat(set.templateIds()).containsExactly("policy0");
    assertThat(set.policyIds()).containsExactly("policy1");
  }

  @Test
  void read_sameIdInTwoFiles_isRefusedNamingBothFiles() throws Exception {
    Path a = file("a.cedar", "@id(\"p\") permit(principal, action, resource);\n");
    Path b =
        file(
            "b.cedar",
            "permit(principal, action, resource);\n"
                + "@id(\"p\") forbid(principal, action, resource);\n");

    assertThatThrownBy(() -> PolicySet.read(a, b))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining(b.toString() + ", line 2, column 1")
        .hasMessageContaining("duplicate policy id \"p\"")
        .hasMessageContaining(a.toString());
  }

  @Test
  void read_annotatedIdEqualToAPositionalIdOfAnotherFile_isRefused() throws Exception {
    Path a = file("a.cedar", "permit(principal, action, resource);\n");
    Path b = file("b.cedar", "@id(\"policy0\") forbid(principal, action, resource);\n");

    assertThatThrownBy(() -> PolicySet.read(a, b))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("duplicate policy id \"policy0\"");
  }

  @Test
  void read_syntaxErrorInSecondFile_namesFileLineAndColumn() throws Exception {
    Path a = file("a.cedar", "permit(principal, action, resource);\n");
    Path b = file("b.cedar", "permit(principal, action, resource);\npermit(principal, action)");

    assertThatThrownBy(() -> PolicySet.read(a, b))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageStartingWith(b + ", line 2, column ")
        .satisfies(e -> assertThat(((PolicyParseException) e).line()).isEqualTo(2));
  }

  @Test
  void read_missingFile_isIOException() {
    assertThatThrownBy(() -> PolicySet.read(dir.resolve("absent.cedar")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void read_notUtf8_isIOException() throws Exception {
    Path a = Files.write(dir.resolve("a.cedar"), new byte[] {(byte) 0xff, (byte) 0xfe});

    assertThatThrownBy(() -> PolicySet.read(a)).isInstanceOf(IOException.class);
  }

  @Test
  void read_noFiles_isIllegalArgument() {
    assertThatThrownBy(() -> PolicySet.read())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("files");
  }

  @Test
  void read_sameFileTwice_isIllegalArgument() throws Exception {
    Path a = file("a.cedar", "permit(principal, action, resource);\n");

    assertThatThrownBy(() -> PolicySet.read(a, dir.resolve(".").resolve("a.cedar")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }
}
