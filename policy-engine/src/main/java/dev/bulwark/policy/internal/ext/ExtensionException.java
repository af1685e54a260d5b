/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.ext;

/**
 * An extension function failed on well-typed arguments, as Cedar's {@code
 * FailedExtensionFunctionExecution}: a literal that does not parse ({@code ip("1.2.3.256")}), or an
 * arithmetic overflow ({@code offset}, {@code durationSince}, {@code toDate}). Instances are
 * immutable and thread-safe.
 *
 * <p>The message starts with the Cedar function name, for example {@code ip: invalid IP address
 * `1.2.3.256`}. Inputs are policy or request data, never secrets, so they are echoed, but at most
 * {@value #MAX_ECHO} characters of each and with control characters escaped, so that a hostile
 * literal can neither flood a log nor forge log lines.
 *
 * <p>Type errors (an argument of the wrong Cedar type) are not reported with this exception: the
 * evaluator checks argument types against {@link Extensions.Function#parameterTypes()} first.
 */
public final class ExtensionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** How many characters of an offending input a message echoes at most. */
  public static final int MAX_ECHO = 64;

  private final String function;

  /**
   * Creates an exception for a failed call of the Cedar function {@code function}.
   *
   * @param function the Cedar function name, such as {@code "ip"} or {@code "offset"}
   * @param detail what was wrong, already including any echoed input
   */
  public ExtensionException(String function, String detail) {
    // No stack trace: a bad literal or an overflow is an expected outcome of evaluating data, it
    // is raised on the evaluator's hot path, and the message says all there is to say.
    super(function + ": " + detail, null, false, false);
    this.function = function;
  }

  /**
   * Returns the Cedar name of the function whose call failed, such as {@code "decimal"}.
   *
   * @return the function name
   */
  public String function() {
    return function;
  }

  /**
   * Renders an input for a message: quoted with backticks, control characters escaped, and cut to
   * {@value #MAX_ECHO} characters with the full length noted.
   *
   * @param input the offending input
   * @return the text to put in a message
   */
  static String echo(String input) {
    int shown = Math.min(input.length(), MAX_ECHO);
    StringBuilder sb = new StringBuilder(shown + 24).append('`');
    for (int i = 0; i < shown; i++) {
      char c = input.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('`');
    if (shown < input.length()) {
      sb.append("... (").append(input.length()).append(" characters)");
    }
    return sb.toString();
  }
}
