/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseH2Test extends DatabaseTest {
  @Override
  protected TestDatabase testDatabase() {
    return new H2TestDatabase();
  }

  @Test
  void build_driverEchoesTheUrlWithItsPassword_messageAndCausesAreMasked() {
    // H2 quotes the whole URL, PASSWORD setting included, when it refuses a relative path.
    String secret = "echoed-Secret-3141";
    Database.Builder b = Database.builder().jdbcUrl("jdbc:h2:relative/db;PASSWORD=" + secret);

    Throwable e = catchThrowable(b::build);

    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    assertThat(e).isInstanceOf(SQLException.class);
    assertThat(w.toString()).contains("relative/db").doesNotContain(secret);
  }
}
