/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void redactUrl_postgresqlPasswordParameter_isMasked() {
    assertThat(Secrets.redactUrl("jdbc:postgresql://db:5432/app?user=u&password=hunter2&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/app?user=u&password=<masked>&ssl=true");
  }

  @Test
  void redactUrl_h2PasswordSetting_isMasked() {
    assertThat(Secrets.redactUrl("jdbc:h2:mem:x;PASSWORD=hunter2;DB_CLOSE_DELAY=-1"))
        .isEqualTo("jdbc:h2:mem:x;PASSWORD=<masked>;DB_CLOSE_DELAY=-1");
  }

  @Test
  void redactUrl_userInfoPassword_isMasked() {
    assertThat(Secrets.redactUrl("jdbc:postgresql://u:hunter2@db/app"))
        .isEqualTo("jdbc:postgresql://u:<masked>@db/app");
  }

  @Test
  void redactUrl_noPassword_isUnchanged() {
    assertThat(Secrets.redactUrl("jdbc:postgresql://db:5432/app?ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/app?ssl=true");
  }

  @Test
  void sanitized_passwordInACauseDeepInTheChain_isMaskedKeepingStateAndClass() {
    SQLException root = new SQLException("login failed for hunter2", "28P01", 7);
    RuntimeException wrapper = new RuntimeException("pool: hunter2 rejected", root);

    SQLException s = Secrets.sanitized(wrapper, List.of("hunter2"));

    assertThat(s.getMessage()).doesNotContain("hunter2").contains("RuntimeException");
    SQLException cause = (SQLException) s.getCause();
    assertThat(cause.getMessage()).doesNotContain("hunter2").contains("login failed");
    assertThat(cause.getSQLState()).isEqualTo("28P01");
    assertThat(cause.getErrorCode()).isEqualTo(7);
  }
}
