/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.ext;

import java.util.Objects;

/**
 * A value of Cedar's {@code ipaddr} extension type: an IPv4 or IPv6 address with a prefix length,
 * built by {@code ip("...")}. Instances are immutable and thread-safe.
 *
 * <h2>What Cedar accepts</h2>
 *
 * Cedar delegates to Rust's {@code std::net::IpAddr} parser plus its own prefix rules, and this
 * class reproduces that exactly:
 *
 * <ul>
 *   <li>IPv4 is four decimal octets {@code 0..255}, each of one to three ASCII digits, with no
 *       leading zero ({@code 01.2.3.4} is refused: no octal ambiguity).
 *   <li>IPv6 is eight groups of one to four hex digits (either case), with at most one {@code ::}
 *       standing for one or more zero groups.
 *   <li>IPv4 embedded in IPv6 ({@code ::ffff:1.2.3.4}, {@code ::1.2.3.4}) is refused: Cedar refuses
 *       any input with at least two {@code :} and two {@code .}. The same address written in hex
 *       ({@code ::ffff:102:304}) is accepted and is an IPv6 address, never equal to or in range of
 *       an IPv4 one.
 *   <li>An optional {@code /prefix}: decimal, no sign, no leading zero, at most {@code 32} (two
 *       digits) for IPv4 and {@code 128} (three digits) for IPv6. Without it the prefix is 32 or
 *       128.
 *   <li>No zone ids ({@code fe80::1%eth0}), no whitespace, no brackets, and at most 43 characters
 *       in all.
 * </ul>
 *
 * <h2>Equality</h2>
 *
 * Structural on (address, prefix), as Cedar's {@code ==}: the host bits are kept, so {@code
 * ip("10.0.0.1/24") != ip("10.0.0.0/24")}, while {@code ip("10.0.0.1/32") == ip("10.0.0.1")}.
 */
public final class IpAddr {

  private static final int MAX_TEXT_LENGTH = 43;
  private static final int V4_BITS = 32;
  private static final int V6_BITS = 128;

  private final boolean v6;

  /** IPv6: the high 64 bits. IPv4: zero. */
  private final long hi;

  /** IPv6: the low 64 bits. IPv4: the 32-bit address, zero-extended. */
  private final long lo;

  private final int prefix;

  private IpAddr(boolean v6, long hi, long lo, int prefix) {
    this.v6 = v6;
    this.hi = hi;
    this.lo = lo;
    this.prefix = prefix;
  }

  /**
   * Parses the argument of Cedar's {@code ip("...")}.
   *
   * @param text an address or CIDR range, such as {@code "10.0.0.0/8"} or {@code "ffee::1"}
   * @return the value
   * @throws ExtensionException (function {@code ip}) if Cedar refuses the text
   */
  public static IpAddr parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new ExtensionException(
          "ip",
          "IP address "
              + ExtensionException.echo(text)
              + " is longer than "
              + MAX_TEXT_LENGTH
              + " characters");
    }
    if (hasAtLeastTwo(text, ':') && hasAtLeastTwo(text, '.')) {
      throw new ExtensionException(
          "ip",
          "IPv4 embedded in IPv6 is not accepted (write it in hex, e.g. ::ffff:7f00:1), was "
              + ExtensionException.echo(text));
    }
    int slash = text.indexOf('/');
    String addr = slash < 0 ? text : text.substring(0, slash);
    long v4 = parseIpv4(addr);
    if (v4 >= 0) {
      int p = slash < 0 ? V4_BITS : parsePrefix(text.substring(slash + 1), V4_BITS, 2, text);
      return new IpAddr(false, 0, v4, p);
    }
    long[] v6 = parseIpv6(addr);
    if (v6 == null) {
      throw new ExtensionException("ip", "invalid IP address " + ExtensionException.echo(addr));
    }
    int p = slash < 0 ? V6_BITS : parsePrefix(text.substring(slash + 1), V6_BITS, 3, text);
    return new IpAddr(true, v6[0], v6[1], p);
  }

  /**
   * Returns whether this is an IPv4 address or range.
   *
   * @return {@code true} for IPv4
   */
  public boolean isIpv4() {
    return !v6;
  }

  /**
   * Returns whether this is an IPv6 address or range, including the IPv4-mapped ones.
   *
   * @return {@code true} for IPv6
   */
  public boolean isIpv6() {
    return v6;
  }

  /**
   * Returns the prefix length: 32 or 128 for a single address.
   *
   * @return the prefix length
   */
  public int prefixLength() {
    return prefix;
  }

  /**
   * Cedar's {@code isLoopback()}: the whole range lies in {@code 127.0.0.0/8}, or the value is
   * exactly {@code ::1/128}. {@code ::ffff:7f00:1} is not loopback.
   *
   * @return whether this is a loopback address or range
   */
  public boolean isLoopback() {
    if (v6) {
      return hi == 0 && lo == 1 && prefix == V6_BITS;
    }
    return (lo >>> 24) == 127 && prefix >= 8;
  }

  /**
   * Cedar's {@code isMulticast()}: the whole range lies in {@code 224.0.0.0/4} or {@code ff00::/8}.
   *
   * @return whether this is a multicast address or range
   */
  public boolean isMulticast() {
    if (v6) {
      return (hi >>> 56) == 0xff && prefix >= 8;
    }
    long first = lo >>> 24;
    return first >= 224 && first <= 239 && prefix >= 4;
  }

  /**
   * Cedar's {@code isInRange(range)}: every address of this range (its network to its broadcast
   * address) lies within {@code range}. An IPv4 value is never in an IPv6 range and vice versa.
   *
   * @param range the enclosing range
   * @return whether this lies within {@code range}
   */
  public boolean isInRange(IpAddr range) {
    if (v6 != range.v6) {
      return false;
    }
    if (!v6) {
      long mask = 0xFFFF_FFFFL;
      long selfNet = lo & netmask32(prefix);
      long otherNet = range.lo & netmask32(range.prefix);
      long selfBroadcast = (lo | ~netmask32(prefix)) & mask;
      long otherBroadcast = (range.lo | ~netmask32(range.prefix)) & mask;
      return otherNet <= selfNet && selfBroadcast <= otherBroadcast;
    }
    long selfNetHi = hi & netmaskHi(prefix);
    long selfNetLo = lo & netmaskLo(prefix);
    long otherNetHi = range.hi & netmaskHi(range.prefix);
    long otherNetLo = range.lo & netmaskLo(range.prefix);
    long selfBcHi = hi | ~netmaskHi(prefix);
    long selfBcLo = lo | ~netmaskLo(prefix);
    long otherBcHi = range.hi | ~netmaskHi(range.prefix);
    long otherBcLo = range.lo | ~netmaskLo(range.prefix);
    return compareU128(otherNetHi, otherNetLo, selfNetHi, selfNetLo) <= 0
        && compareU128(selfBcHi, selfBcLo, otherBcHi, otherBcLo) <= 0;
  }

  /**
   * Cedar's canonical text of the value ({@code IPAddr}'s {@code Display}): the address as Rust
   * prints it, then {@code /prefix} always. IPv6 is lower case with the longest run of two or more
   * zero groups (the first, on a tie) written {@code ::}; an IPv4-mapped IPv6 address prints as
   * {@code ::ffff:a.b.c.d}, a form that {@link #parse} (like Cedar) refuses to read back.
   *
   * @return for example {@code 10.0.0.1/32} or {@code ffee::11/128}
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(48);
    if (!v6) {
      appendIpv4(sb, lo);
    } else {
      appendIpv6(sb);
    }
    return sb.append('/').append(prefix).toString();
  }

  /**
   * The Cedar expression for this value as Cedar writes it canonically, such as {@code
   * ip("10.0.0.1/32")}. Cedar prints a value built from a literal with the literal it was built
   * from; callers that keep the literal print that instead.
   *
   * @return the expression text
   */
  public String toCedarExpression() {
    return "ip(\"" + this + "\")";
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof IpAddr)) {
      return false;
    }
    IpAddr other = (IpAddr) o;
    return v6 == other.v6 && hi == other.hi && lo == other.lo && prefix == other.prefix;
  }

  /**
   * Orders addresses for holding them in sets: IPv4 before IPv6, then by address bits (unsigned),
   * then by prefix length. Zero exactly when {@link #equals} holds. This is a storage order, not a
   * Cedar operator: Cedar has no {@code <} on IP addresses.
   *
   * @param other another address
   * @return negative, zero or positive
   */
  public int compareTo(IpAddr other) {
    if (v6 != other.v6) {
      return v6 ? 1 : -1;
    }
    int c = Long.compareUnsigned(hi, other.hi);
    if (c == 0) {
      c = Long.compareUnsigned(lo, other.lo);
    }
    return c != 0 ? c : Integer.compare(prefix, other.prefix);
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(hi);
    h = 31 * h + Long.hashCode(lo);
    h = 31 * h + prefix;
    return v6 ? ~h : h;
  }

  // ---- parsing -------------------------------------------------------------------------------

  private static boolean hasAtLeastTwo(String s, char c) {
    int first = s.indexOf(c);
    return first >= 0 && s.indexOf(c, first + 1) >= 0;
  }

  /** Cedar's prefix rules; {@code whole} is only for the message. */
  private static int parsePrefix(String s, int max, int maxDigits, String whole) {
    String problem = null;
    if (s.isEmpty()) {
      problem = "is empty";
    } else if (s.length() > maxDigits) {
      problem = "has more than " + maxDigits + " characters";
    } else {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          problem = "has a non-digit";
          break;
        }
      }
      if (problem == null && s.charAt(0) == '0' && s.length() > 1) {
        problem = "has a leading zero";
      }
      if (problem == null && Integer.parseInt(s) > max) {
        problem = "is larger than " + max;
      }
    }
    if (problem != null) {
      throw new ExtensionException(
          "ip", "prefix length " + problem + " in " + ExtensionException.echo(whole));
    }
    return Integer.parseInt(s);
  }

  /** Returns the address as an unsigned 32-bit value, or -1 if {@code s} is not exactly IPv4. */
  private static long parseIpv4(String s) {
    int n = s.length();
    int pos = 0;
    long value = 0;
    for (int octet = 0; octet < 4; octet++) {
      if (octet > 0) {
        if (pos >= n || s.charAt(pos) != '.') {
          return -1;
        }
        pos++;
      }
      int start = pos;
      int v = 0;
      while (pos < n && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        v = v * 10 + (s.charAt(pos) - '0');
        pos++;
        if (pos - start > 3) {
          return -1;
        }
      }
      int digits = pos - start;
      if (digits == 0 || v > 255 || (digits > 1 && s.charAt(start) == '0')) {
        return -1;
      }
      value = (value << 8) | v;
    }
    return pos == n ? value : -1;
  }

  /**
   * Returns {hi, lo} or null. Follows Rust's grammar: a head of up to eight groups; if fewer, a
   * {@code ::} and a tail of at most {@code 7 - head} groups. Embedded IPv4 is not handled because
   * Cedar has already refused every input that could contain it.
   */
  private static long[] parseIpv6(String s) {
    int[] head = new int[8];
    int[] cursor = {0};
    int headSize = readGroups(s, cursor, head, 8);
    int[] groups = new int[8];
    if (headSize == 8) {
      if (cursor[0] != s.length()) {
        return null;
      }
      System.arraycopy(head, 0, groups, 0, 8);
    } else {
      int pos = cursor[0];
      if (pos + 1 >= s.length() || s.charAt(pos) != ':' || s.charAt(pos + 1) != ':') {
        return null;
      }
      cursor[0] = pos + 2;
      int[] tail = new int[7];
      int tailSize = readGroups(s, cursor, tail, 8 - (headSize + 1));
      if (cursor[0] != s.length()) {
        return null;
      }
      System.arraycopy(head, 0, groups, 0, headSize);
      System.arraycopy(tail, 0, groups, 8 - tailSize, tailSize);
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 4; i++) {
      hi = (hi << 16) | groups[i];
      lo = (lo << 16) | groups[i + 4];
    }
    return new long[] {hi, lo};
  }

  /**
   * Reads up to {@code limit} colon-separated groups starting at {@code cursor[0]}; a separator is
   * consumed only together with the group after it, as in Rust's atomic reads.
   */
  private static int readGroups(String s, int[] cursor, int[] out, int limit) {
    int pos = cursor[0];
    for (int i = 0; i < limit; i++) {
      int p = pos;
      if (i > 0) {
        if (p >= s.length() || s.charAt(p) != ':') {
          cursor[0] = pos;
          return i;
        }
        p++;
      }
      int start = p;
      int v = 0;
      while (p < s.length()) {
        int d = hexValue(s.charAt(p));
        if (d < 0) {
          break;
        }
        v = (v << 4) | d;
        p++;
      }
      int digits = p - start;
      if (digits == 0 || digits > 4) {
        cursor[0] = pos;
        return i;
      }
      out[i] = v;
      pos = p;
    }
    cursor[0] = pos;
    return limit;
  }

  /** ASCII hex only: unlike {@link Character#digit}, which also takes non-ASCII digits. */
  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  // ---- range arithmetic ----------------------------------------------------------------------

  private static long netmask32(int prefix) {
    return prefix == 0 ? 0 : (0xFFFF_FFFFL << (V4_BITS - prefix)) & 0xFFFF_FFFFL;
  }

  private static long netmaskHi(int prefix) {
    if (prefix >= 64) {
      return -1L;
    }
    return prefix == 0 ? 0 : -1L << (64 - prefix);
  }

  private static long netmaskLo(int prefix) {
    if (prefix <= 64) {
      return 0;
    }
    return -1L << (128 - prefix);
  }

  private static int compareU128(long aHi, long aLo, long bHi, long bLo) {
    int c = Long.compareUnsigned(aHi, bHi);
    return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
  }

  // ---- printing ------------------------------------------------------------------------------

  private static void appendIpv4(StringBuilder sb, long v) {
    sb.append((v >>> 24) & 0xff)
        .append('.')
        .append((v >>> 16) & 0xff)
        .append('.')
        .append((v >>> 8) & 0xff)
        .append('.')
        .append(v & 0xff);
  }

  private void appendIpv6(StringBuilder sb) {
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xffff);
      g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xffff);
    }
    if (hi == 0 && (lo >>> 32) == 0xffffL) {
      sb.append("::ffff:");
      appendIpv4(sb, lo & 0xFFFF_FFFFL);
      return;
    }
    int bestStart = 0;
    int bestLen = 0;
    int curStart = 0;
    int curLen = 0;
    for (int i = 0; i < 8; i++) {
      if (g[i] == 0) {
        if (curLen == 0) {
          curStart = i;
        }
        curLen++;
        if (curLen > bestLen) {
          bestStart = curStart;
          bestLen = curLen;
        }
      } else {
        curLen = 0;
      }
    }
    if (bestLen > 1) {
      appendGroups(sb, g, 0, bestStart);
      sb.append("::");
      appendGroups(sb, g, bestStart + bestLen, 8);
    } else {
      appendGroups(sb, g, 0, 8);
    }
  }

  private static void appendGroups(StringBuilder sb, int[] g, int from, int to) {
    for (int i = from; i < to; i++) {
      if (i > from) {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
  }
}
