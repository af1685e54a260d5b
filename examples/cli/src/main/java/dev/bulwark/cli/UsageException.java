/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

/**
 * The command line was wrong: an unknown option, a missing or malformed value, a file that cannot
 * be read. {@link Main} prints the message and the command's usage and exits with status 2. The
 * message names the option and the value, never a key or a token.
 */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
