/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;

/**
 * What a command may touch: its streams and the clock. Tests pass captured streams and a fixed
 * clock.
 *
 * @param out where results go (one JSON line, a token, a key)
 * @param err where usage errors and notes for a person go
 * @param in where a token given as {@code -} is read from
 * @param clock the time for minting and verifying
 */
record Io(PrintStream out, PrintStream err, InputStream in, Clock clock) {}
