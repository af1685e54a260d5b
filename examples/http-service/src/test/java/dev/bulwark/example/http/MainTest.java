/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private static PhotoService service;

  @BeforeAll
  static void start() throws Exception {
    service = PhotoService.builder().port(0).start();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void writeApiKeys_newFile_holdsEachDemoKeyReadableByOwnerOnly(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("keys.txt");

    Main.writeApiKeys(service, file);

    assertThat(Files.readAllLines(file))
        .containsExactly(
            "alice " + service.demoApiKey("alice").plaintext(),
            "bob " + service.demoApiKey("bob").plaintext());
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void writeApiKeys_linkInPlace_refusesAndLeavesTheTargetAlone(@TempDir Path dir) throws Exception {
    // Someone who can write the folder plants a link to a file they can read: the keys must not
    // follow it.
    Path target = Files.writeString(dir.resolve("theirs.txt"), "");
    Path file = Files.createSymbolicLink(dir.resolve("keys.txt"), target);

    assertThatThrownBy(() -> Main.writeApiKeys(service, file))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(target)).isEmpty();
  }

  @Test
  void setting_unknownOption_throwsNamingIt() {
    assertThatThrownBy(() -> Main.setting(new String[] {"--prot", "1"}, "--port", "unused"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--prot");
  }

  @Test
  void setting_absentOption_readsTheSystemProperty() {
    System.setProperty("bulwark.example.test.setting", "8181");
    try {
      assertThat(Main.setting(new String[0], "--port", "bulwark.example.test.setting"))
          .isEqualTo("8181");
    } finally {
      System.clearProperty("bulwark.example.test.setting");
    }
  }
}
