/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.internal.Refusal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Integers at the edge of the long range: the right type and value, without exceptions. */
class StrictJsonNumbersTest {

  private static Object number(String literal) throws Refusal {
    byte[] b = ("{\"n\":" + literal + "}").getBytes(StandardCharsets.UTF_8);
    Map<String, Object> m = StrictJson.parseObject(b, 4, 1 << 16);
    return m.get("n");
  }

  @Test
  void parse_integersAtLongBounds_areLongs() throws Refusal {
    assertThat(number("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(number("9223372036854775806")).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(number("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(number("-9223372036854775807")).isEqualTo(Long.MIN_VALUE + 1);
    assertThat(number("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    assertThat(number("1000000000000000000")).isEqualTo(1_000_000_000_000_000_000L);
    assertThat(number("-0")).isEqualTo(0L);
  }

  @Test
  void parse_integersJustBeyondLongBounds_areDoubles() throws Refusal {
    assertThat(number("9223372036854775808")).isEqualTo(9.223372036854775808e18);
    assertThat(number("-9223372036854775809")).isEqualTo(-9.223372036854775809e18);
    assertThat(number("9999999999999999999")).isEqualTo(9.999999999999999999e18);
    assertThat(number("19223372036854775807")).isEqualTo(1.9223372036854775807e19);
  }

  @Test
  void parse_overflowingIntegers_throwNoExceptionInternally() throws Exception {
    StringBuilder json = new StringBuilder("{\"a\":[");
    for (int i = 0; i < 50; i++) {
      json.append(i == 0 ? "" : ",").append("9999999999999999999");
    }
    byte[] b = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    Path dump = Files.createTempFile("strict-json", ".jfr");
    long thrown;
    try (Recording recording = new Recording()) {
      recording.enable("jdk.JavaExceptionThrow");
      recording.start();
      StrictJson.parseObject(b, 4, 1 << 16);
      recording.stop();
      recording.dump(dump);
      thrown =
          RecordingFile.readAllEvents(dump).stream()
              .filter(e -> e.getEventType().getName().equals("jdk.JavaExceptionThrow"))
              .filter(StrictJsonNumbersTest::isNumberFormatException)
              .count();
    } finally {
      Files.deleteIfExists(dump);
    }
    assertThat(thrown).isZero();
  }

  private static boolean isNumberFormatException(RecordedEvent e) {
    return e.getClass("thrownClass") != null
        && e.getClass("thrownClass").getName().equals(NumberFormatException.class.getName());
  }
}
