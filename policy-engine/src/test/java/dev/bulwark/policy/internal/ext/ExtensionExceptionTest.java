/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class ExtensionExceptionTest {

  @Test
  void message_startsWithFunctionName() {
    ExtensionException e =
        catchThrowableOfType(ExtensionException.class, () -> IpAddr.parse("1.2.3.256"));
    assertThat(e.getMessage()).isEqualTo("ip: invalid IP address `1.2.3.256`");
    assertThat(e.function()).isEqualTo("ip");
  }

  @Test
  void message_hugeInput_echoesAtMost64Characters() {
    String huge = "9".repeat(1_000_000) + ".0";
    ExtensionException e =
        catchThrowableOfType(ExtensionException.class, () -> Decimal.parse(huge));
    assertThat(e.getMessage()).hasSizeLessThan(200);
    assertThat(e.getMessage()).contains("`" + "9".repeat(64) + "`... (1000002 characters)");
  }

  @Test
  void message_inputWithLineBreaks_cannotForgeLogLines() {
    String forged = "1h\n2026-11-30 INFO authorization granted to admin\r";
    ExtensionException e =
        catchThrowableOfType(ExtensionException.class, () -> CedarDuration.parse(forged));
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
    assertThat(e.getMessage()).contains("1h\\u000a2026-11-30 INFO");
  }

  @Test
  void exception_carriesNoStackTrace() {
    ExtensionException e =
        catchThrowableOfType(ExtensionException.class, () -> CedarDateTime.parse("x"));
    assertThat(e.getStackTrace()).isEmpty();
  }
}
