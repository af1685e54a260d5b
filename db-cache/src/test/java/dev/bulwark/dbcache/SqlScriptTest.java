/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.dbcache.internal.SqlScript;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void statements_splitAtSemicolons_dropCommentsAndBlanks() {
    assertThat(SqlScript.statements("-- a comment; with a semicolon\nCREATE A;\n\n  ;SELECT 1;"))
        .containsExactly("CREATE A", "SELECT 1");
  }

  @Test
  void statements_semicolonInQuotes_doesNotSplit() {
    assertThat(SqlScript.statements("INSERT INTO t VALUES ('a;b'); SELECT \"x;y\""))
        .containsExactly("INSERT INTO t VALUES ('a;b')", "SELECT \"x;y\"");
  }

  @Test
  void statements_dollarQuotedBody_staysWhole() {
    String fn = "CREATE FUNCTION f() AS $$ BEGIN PERFORM 1; RETURN NEW; END; $$ LANGUAGE plpgsql";
    assertThat(SqlScript.statements(fn + ";\nSELECT 2;")).containsExactly(fn, "SELECT 2");
  }

  @Test
  void statements_unterminatedQuote_isRefused() {
    assertThatThrownBy(() -> SqlScript.statements("SELECT 'abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unterminated quote");
  }
}
