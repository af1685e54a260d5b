/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A new named in-memory H2 database for each {@link #freshDataSource()}, kept until the JVM ends.
 */
final class H2TestDatabase implements TestDatabase {
  private static final String USER = "bulwark";
  // The first connection to a new H2 database creates its user with this password.
  private static final String PASSWORD = "h2-Test-Passw0rd-9c41";

  private String url;

  @Override
  public DataSource freshDataSource() throws SQLException {
    url = "jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    ds.setUser(USER);
    ds.setPassword(PASSWORD);
    BulwarkSchema.migrate(ds);
    return ds;
  }

  @Override
  public String jdbcUrl() {
    return url;
  }

  @Override
  public String username() {
    return USER;
  }

  @Override
  public String password() {
    return PASSWORD;
  }

  @Override
  public String unreachableUrl() {
    // H2's TCP client to a port where no server listens: refused at once.
    return "jdbc:h2:tcp://127.0.0.1:1/mem:nowhere";
  }
}
