/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that counts the queries run on it, by table, and can be switched off (every
 * connection then fails, as a database that is down) or made to hold queries until released.
 * Thread-safe.
 */
final class CountingDataSource extends ForwardingDataSource {
  private final Map<String, AtomicInteger> queriesBySql = new ConcurrentHashMap<>();
  private final AtomicInteger queryTimeouts = new AtomicInteger(-1);
  private volatile boolean down;
  private volatile CountDownLatch gate;

  CountingDataSource(DataSource target) {
    super(target);
  }

  /** The SELECT statements run so far whose SQL mentions {@code table}. */
  int selectsOn(String table) {
    int n = 0;
    for (Map.Entry<String, AtomicInteger> e : queriesBySql.entrySet()) {
      String sql = e.getKey().toLowerCase(Locale.ROOT);
      if (sql.startsWith("select") && sql.contains(table)) {
        n += e.getValue().get();
      }
    }
    return n;
  }

  /** Every statement run so far. */
  int queries() {
    int n = 0;
    for (AtomicInteger c : queriesBySql.values()) {
      n += c.get();
    }
    return n;
  }

  /** The query timeout the last statement was given, in seconds (-1 before any). */
  int lastQueryTimeout() {
    return queryTimeouts.get();
  }

  /** Makes every new connection fail, as a database that does not answer. */
  void setDown(boolean down) {
    this.down = down;
  }

  /** Makes queries wait until {@link #release()} (to hold a load in flight). */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    CountDownLatch g = gate;
    gate = null;
    if (g != null) {
      g.countDown();
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (down) {
      throw new SQLException("connection refused (the test switched the database off)", "08001");
    }
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  private Connection wrap(Connection c) {
    InvocationHandler h =
        (proxy, m, args) -> {
          Object result = invoke(c, m, args);
          if (m.getName().equals("prepareStatement") && args != null && args[0] instanceof String) {
            return statement((PreparedStatement) result, (String) args[0]);
          }
          return result;
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  private PreparedStatement statement(PreparedStatement ps, String sql) {
    InvocationHandler h =
        (proxy, m, args) -> {
          String name = m.getName();
          if (name.equals("setQueryTimeout")) {
            queryTimeouts.set((Integer) args[0]);
          }
          if (name.equals("executeQuery")
              || name.equals("executeUpdate")
              || name.equals("execute")) {
            queriesBySql.computeIfAbsent(sql, k -> new AtomicInteger()).incrementAndGet();
            CountDownLatch g = gate;
            if (g != null && !g.await(10, TimeUnit.SECONDS)) {
              throw new SQLException("the test never released the held query");
            }
          }
          return invoke(ps, m, args);
        };
    return (PreparedStatement)
        Proxy.newProxyInstance(
            PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, h);
  }

  private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
