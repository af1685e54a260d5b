/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The lines one logger writes while this is open. Bulwark logs through {@link System.Logger}, which
 * the JDK sends to java.util.logging unless the application installs another backend, as the tests
 * do not. Thread-safe: records arrive from fetch threads.
 */
public final class CapturedLog implements AutoCloseable {
  private final Logger logger; // held: java.util.logging keeps loggers only weakly
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          lines.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedLog(String name) {
    logger = Logger.getLogger(name);
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  /** Starts capturing what the logger of {@code type} (its class name) writes. */
  public static CapturedLog of(Class<?> type) {
    return new CapturedLog(type.getName());
  }

  /** Starts capturing what the logger named {@code name} writes. */
  public static CapturedLog of(String name) {
    return new CapturedLog(name);
  }

  /** The lines so far, each its level and message. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
