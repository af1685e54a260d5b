/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Cedar 4.x extension types as immutable values: {@link dev.bulwark.policy.internal.ext.IpAddr}
 * ({@code ipaddr}), {@link dev.bulwark.policy.internal.ext.Decimal} ({@code decimal}),
 * {@link dev.bulwark.policy.internal.ext.CedarDateTime} ({@code datetime}) and
 * {@link dev.bulwark.policy.internal.ext.CedarDuration} ({@code duration}), with the table of
 * extension functions in {@link dev.bulwark.policy.internal.ext.Extensions}. Not exported.
 *
 * <p>The semantics are those of Cedar's reference implementation ({@code cedar-policy-core},
 * {@code src/extensions/}, release 4.10, the one cedar-java 4.10 bundles; nothing in these files
 * changed behaviour up to 4.11), read and re-implemented, not translated. Where Cedar leans on a
 * Rust library (Rust's {@code std::net} address parser and printer, chrono's calendar), the
 * behaviour of that library is reproduced too. The points that surprise people:
 *
 * <ul>
 *   <li>{@code ip}: IPv4 embedded in IPv6 text ({@code ::ffff:1.2.3.4}) is refused outright, yet an
 *       IPv4-mapped address given in hex prints as {@code ::ffff:1.2.3.4/128}, which does not
 *       parse back. Equality keeps host bits: {@code ip("10.0.0.1/24") != ip("10.0.0.0/24")}.
 *       IPv4 and IPv6 never compare equal or in range of each other.
 *   <li>{@code isLoopback}/{@code isMulticast} ask whether the whole range lies inside the special
 *       block: {@code ip("127.0.0.1/7").isLoopback()} is false; for IPv6 only {@code ::1/128} is
 *       loopback.
 *   <li>{@code decimal}: at most four fractional digits, or an error, never rounding;
 *       {@code decimal("-0.5")} is negative (older Cedar releases got this wrong).
 *   <li>{@code duration}: one sign for the whole text ({@code -1d2h} is -26 hours);
 *       {@code -9223372036854775808ms} parses, {@code 9223372036854775808ms} does not.
 *   <li>{@code datetime}: four-digit years only, so 0000 to 9999, offsets {@code +hhmm} up to
 *       {@code +2359}; a time always needs {@code Z} or an offset. {@code toDate} and
 *       {@code toTime} floor toward the past before 1970.
 *   <li>Only datetime and duration take {@code < <= > >=}; decimal and ipaddr do not.
 * </ul>
 */
package dev.bulwark.policy.internal.ext;
