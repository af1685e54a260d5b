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
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A data source in front of a real one that a test can take down and bring back, stall, or make
 * lose the answer to a commit. Thread-safe.
 *
 * <p>While down, {@code getConnection}, {@code executeBatch} and {@code commit} throw as a network
 * failure does (SQLSTATE 08006). With {@link #loseNextCommitAnswers}, a commit is carried out and
 * then reported as failed: the ambiguous outcome a connection lost at commit time leaves.
 */
final class FlakyDataSource extends ForwardingDataSource {
  private volatile boolean down;
  private volatile String refused;
  private volatile CountDownLatch stall = new CountDownLatch(0);
  private final java.util.concurrent.atomic.AtomicInteger commitAnswersToLose =
      new java.util.concurrent.atomic.AtomicInteger();

  FlakyDataSource(DataSource real) {
    super(real);
  }

  /** Makes every call fail until {@link #up()}. */
  void down() {
    down = true;
  }

  void up() {
    down = false;
  }

  /** Makes {@code getConnection} wait until {@link #release()}. */
  void stall() {
    stall = new CountDownLatch(1);
  }

  void release() {
    stall.countDown();
  }

  /** The next {@code n} commits succeed in the database but throw to the caller. */
  void loseNextCommitAnswers(int n) {
    commitAnswersToLose.set(n);
  }

  /**
   * Makes a statement execution fail as a value too long for its column does (SQLSTATE 22001)
   * whenever {@code text} was bound in it.
   */
  void refuseText(String text) {
    refused = text;
  }

  private void check() throws SQLException {
    if (down) {
      throw new SQLTransientConnectionException("the database is down (test)", "08006");
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      if (!stall.await(60, TimeUnit.SECONDS)) {
        throw new SQLTransientConnectionException("stalled too long (test)", "08006");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("interrupted (test)", "08006", e);
    }
    check();
    Connection c = target.getConnection();
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            new Handler(c) {
              @Override
              Object before(Method m, Object[] args) throws Throwable {
                if (m.getName().equals("commit")) {
                  check();
                  if (commitAnswersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    c.commit();
                    throw new SQLTransientConnectionException("commit answer lost (test)", "08006");
                  }
                }
                if (m.getName().equals("prepareStatement")) {
                  check();
                  PreparedStatement ps = (PreparedStatement) invoke(m, args);
                  return Proxy.newProxyInstance(
                      FlakyDataSource.class.getClassLoader(),
                      new Class<?>[] {PreparedStatement.class},
                      new Handler(ps) {
                        private boolean boundRefused;

                        @Override
                        Object before(Method m2, Object[] args2) throws Throwable {
                          if (m2.getName().equals("setString")
                              && refused != null
                              && refused.equals(args2[1])) {
                            boundRefused = true;
                          }
                          if (m2.getName().startsWith("execute")) {
                            check();
                            if (boundRefused) {
                              boundRefused = false;
                              ps.clearBatch();
                              throw new SQLDataException("value too long (test)", "22001");
                            }
                          }
                          return null;
                        }
                      });
                }
                return null;
              }
            });
  }

  /** Calls {@link #before}, which may throw or answer; else forwards to the real object. */
  private abstract static class Handler implements InvocationHandler {
    private final Object target;

    Handler(Object target) {
      this.target = target;
    }

    abstract Object before(Method m, Object[] args) throws Throwable;

    Object invoke(Method m, Object[] args) throws Throwable {
      try {
        return m.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      Object answer = before(m, args);
      return answer != null ? answer : invoke(m, args);
    }
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }
}
