/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.json;

import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.internal.Refusal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader for JOSE headers and JWT claims sets, working on the decoded UTF-8
 * bytes. Stateless and thread-safe.
 *
 * <p>Why not Gson (what nimbus uses): this reader enforces the limits before anything is built
 * (nesting depth, input size), refuses duplicate member names (RFC 7515 section 4, RFC 7519 section
 * 4: a verifier and another parser must never see different claims), refuses anything outside the
 * grammar (comments, single quotes, trailing commas, leading zeros, control characters, invalid
 * UTF-8, trailing data) and unpaired surrogates (see {@link #pairedSurrogates}), and is several
 * times faster on the 50 to 500 byte objects of a JWT.
 *
 * <p>Values come out as nimbus-jose-jwt would give them, so that {@code Principal#claims()} reads
 * the same either way: {@code String}, {@code Boolean}, {@code Long} (an integer that fits), {@code
 * Double} (any other number), {@code List}, {@code Map} and {@code null}. Every map and list is
 * unmodifiable, all the way down.
 */
public final class StrictJson {
  /**
   * Names (and a few values) that nearly every JOSE header and JWT claims set holds. A string of
   * the input equal to one of them comes out as this shared constant instead of a new string: on an
   * uncached verification that saves an allocation per member and the hash of each name, which the
   * constant has cached. The result is equal either way; only identity differs.
   */
  private static final String[] KNOWN = {
    "alg",
    "kid",
    "typ",
    "cty",
    "crit",
    "b64",
    "jku",
    "jwk",
    "x5u",
    "x5c",
    "x5t",
    "x5t#S256",
    "iss",
    "sub",
    "aud",
    "exp",
    "nbf",
    "iat",
    "jti",
    "scope",
    "scp",
    "roles",
    "azp",
    "client_id",
    "auth_time",
    "acr",
    "amr",
    "groups",
    "email",
    "name",
    "nonce",
    "sid",
    "tid",
    "cnf",
    "JWT",
    "at+jwt",
    "HS256",
    "HS384",
    "HS512",
    "RS256",
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES256",
    "ES384",
    "ES512",
    "EdDSA",
  };

  /**
   * {@link #KNOWN} in an open-addressing table indexed by {@link #slot}: one probe and one
   * comparison for most strings, where a scan of every name of the same length cost more than the
   * allocation it saved.
   */
  private static final String[] KNOWN_TABLE = new String[128];

  private static final byte[][] KNOWN_TABLE_BYTES = new byte[128][];
  private static final int KNOWN_MAX_LENGTH;

  static {
    int max = 0;
    for (String k : KNOWN) {
      byte[] bytes = k.getBytes(StandardCharsets.ISO_8859_1);
      max = Math.max(max, bytes.length);
      int i = slot(bytes, 0, bytes.length);
      while (KNOWN_TABLE[i] != null) {
        i = (i + 1) & (KNOWN_TABLE.length - 1);
      }
      KNOWN_TABLE[i] = k;
      KNOWN_TABLE_BYTES[i] = bytes;
    }
    KNOWN_MAX_LENGTH = max;
  }

  /** {@code {}}; a SmallJsonObject rather than {@code Map.of()}, whose get(null) throws. */
  private static final Map<String, Object> EMPTY_OBJECT =
      new SmallJsonObject(new String[0], new int[0], new Object[0], 0);

  /** The bytes that end a string's plain run: '"', '\\', control characters and non-ASCII. */
  private static final boolean[] STRING_STOP = new boolean[256];

  static {
    for (int b = 0; b < 0x20; b++) {
      STRING_STOP[b] = true;
    }
    for (int b = 0x80; b < 0x100; b++) {
      STRING_STOP[b] = true;
    }
    STRING_STOP['"'] = true;
    STRING_STOP['\\'] = true;
  }

  private final byte[] in;
  private final int end;
  private final int maxDepth;
  private int pos;

  private StrictJson(byte[] in, int off, int len, int maxDepth) {
    this.in = in;
    this.pos = off;
    this.end = off + len;
    this.maxDepth = maxDepth;
  }

  /**
   * Parses {@code in[off, off+len)} as one JSON object.
   *
   * @throws Refusal {@code TOO_LARGE} when longer than {@code maxBytes} or nested deeper than
   *     {@code maxDepth} (the top-level object is depth 1); {@code MALFORMED} for anything else
   */
  public static Map<String, Object> parseObject(
      byte[] in, int off, int len, int maxDepth, int maxBytes) throws Refusal {
    if (len > maxBytes) {
      throw new Refusal(FailureReason.TOO_LARGE, "JSON is " + len + " bytes, limit is " + maxBytes);
    }
    StrictJson p = new StrictJson(in, off, len, maxDepth);
    p.skipWs();
    if (p.pos >= p.end || p.in[p.pos] != '{') {
      throw malformed("JSON is not an object");
    }
    Map<String, Object> result = p.readObject(1);
    p.skipWs();
    if (p.pos != p.end) {
      throw malformed("trailing data after JSON object");
    }
    return result;
  }

  /**
   * Parses a whole array as one JSON object; see {@link #parseObject(byte[], int, int, int, int)}.
   */
  public static Map<String, Object> parseObject(byte[] in, int maxDepth, int maxBytes)
      throws Refusal {
    return parseObject(in, 0, in.length, maxDepth, maxBytes);
  }

  private static Refusal malformed(String detail) {
    return new Refusal(FailureReason.MALFORMED, detail);
  }

  private void skipWs() {
    while (pos < end) {
      byte b = in[pos];
      // A JWT's JSON rarely has whitespace, and every JSON whitespace byte is <= ' ' (as signed
      // bytes, non-ASCII is negative and takes the full test): one comparison for the usual case.
      if (b > ' ') {
        return;
      }
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private Object readValue(int depth) throws Refusal {
    skipWs();
    if (pos >= end) {
      throw malformed("JSON ends early");
    }
    byte b = in[pos];
    switch (b) {
      case '{':
        return readObject(depth + 1);
      case '[':
        return readArray(depth + 1);
      case '"':
        return readString();
      case 't':
        expectLiteral("true");
        return Boolean.TRUE;
      case 'f':
        expectLiteral("false");
        return Boolean.FALSE;
      case 'n':
        expectLiteral("null");
        return null;
      default:
        if (b == '-' || (b >= '0' && b <= '9')) {
          return readNumber();
        }
        throw malformed("unexpected character in JSON at offset " + pos);
    }
  }

  private void expectLiteral(String lit) throws Refusal {
    int n = lit.length();
    if (end - pos < n) {
      throw malformed("JSON ends early");
    }
    for (int i = 0; i < n; i++) {
      if (in[pos + i] != lit.charAt(i)) {
        throw malformed("bad JSON literal at offset " + pos);
      }
    }
    pos += n;
  }

  private Map<String, Object> readObject(int depth) throws Refusal {
    if (depth > maxDepth) {
      throw new Refusal(FailureReason.TOO_LARGE, "JSON nesting exceeds depth " + maxDepth);
    }
    pos++; // '{'
    skipWs();
    if (pos < end && in[pos] == '}') {
      pos++;
      return EMPTY_OBJECT;
    }
    // Members go into arrays for a SmallJsonObject; past its size limit, into a LinkedHashMap.
    String[] names = new String[8];
    int[] hashes = new int[8];
    Object[] values = new Object[8];
    int n = 0;
    LinkedHashMap<String, Object> big = null;
    while (true) {
      skipWs();
      if (pos >= end || in[pos] != '"') {
        throw malformed("expected a member name in JSON at offset " + pos);
      }
      String name = readString();
      skipWs();
      if (pos >= end || in[pos] != ':') {
        throw malformed("expected ':' in JSON at offset " + pos);
      }
      pos++;
      Object value = readValue(depth);
      if (big == null && n < SmallJsonObject.MAX_MEMBERS) {
        if (SmallJsonObject.indexOf(names, hashes, n, name) >= 0) {
          throw malformed("duplicate JSON member name");
        }
        if (n == names.length) {
          names = Arrays.copyOf(names, SmallJsonObject.MAX_MEMBERS);
          hashes = Arrays.copyOf(hashes, SmallJsonObject.MAX_MEMBERS);
          values = Arrays.copyOf(values, SmallJsonObject.MAX_MEMBERS);
        }
        names[n] = name;
        hashes[n] = name.hashCode();
        values[n] = value;
        n++;
      } else {
        if (big == null) {
          big = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            big.put(names[i], values[i]);
          }
        }
        // One hash lookup instead of containsKey and put; the size tells whether the name was
        // new (put's return value cannot, as a member's value may be null).
        int before = big.size();
        big.put(name, value);
        if (big.size() == before) {
          throw malformed("duplicate JSON member name");
        }
      }
      skipWs();
      if (pos >= end) {
        throw malformed("JSON ends early");
      }
      byte b = in[pos++];
      if (b == '}') {
        return big != null
            ? Collections.unmodifiableMap(big)
            : new SmallJsonObject(names, hashes, values, n);
      }
      if (b != ',') {
        throw malformed("expected ',' or '}' in JSON at offset " + (pos - 1));
      }
    }
  }

  private List<Object> readArray(int depth) throws Refusal {
    if (depth > maxDepth) {
      throw new Refusal(FailureReason.TOO_LARGE, "JSON nesting exceeds depth " + maxDepth);
    }
    pos++; // '['
    ArrayList<Object> list = new ArrayList<>();
    skipWs();
    if (pos < end && in[pos] == ']') {
      pos++;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      list.add(readValue(depth));
      skipWs();
      if (pos >= end) {
        throw malformed("JSON ends early");
      }
      byte b = in[pos++];
      if (b == ']') {
        return Collections.unmodifiableList(list);
      }
      if (b != ',') {
        throw malformed("expected ',' or ']' in JSON at offset " + (pos - 1));
      }
    }
  }

  private String readString() throws Refusal {
    int start = ++pos; // after '"'
    // Skips the plain ASCII run with one table test per byte, then lets the loop below judge the
    // byte it stopped at: it would have skipped each of these bytes with no other effect.
    int p = start;
    int limit = end;
    byte[] bytes = in;
    while (p < limit && !STRING_STOP[bytes[p] & 0xFF]) {
      p++;
    }
    pos = p;
    boolean simple = true;
    // UTF-8 continuation and lead bytes are >= 0x80, so they never look like '"' or '\\'.
    while (true) {
      if (pos >= end) {
        throw malformed("unterminated JSON string");
      }
      int b = in[pos] & 0xFF;
      if (b == '"') {
        break;
      }
      if (b < 0x20) {
        throw malformed("control character in JSON string");
      }
      if (b == '\\') {
        simple = false;
        pos += 2;
        continue;
      }
      if (b >= 0x80) {
        simple = false;
      }
      pos++;
    }
    int stop = pos++;
    if (simple) {
      String known = known(in, start, stop - start);
      return known != null
          ? known
          : new String(in, start, stop - start, StandardCharsets.ISO_8859_1);
    }
    String raw;
    try {
      raw =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(in, start, stop - start))
              .toString();
    } catch (CharacterCodingException e) {
      throw malformed("invalid UTF-8 in JSON string");
    }
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder sb = new StringBuilder(raw.length());
    boolean surrogateEscape = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i >= raw.length()) {
        throw malformed("bad escape in JSON string");
      }
      char e = raw.charAt(i);
      switch (e) {
        case '"':
          sb.append('"');
          break;
        case '\\':
          sb.append('\\');
          break;
        case '/':
          sb.append('/');
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'u':
          if (i + 4 >= raw.length()) {
            throw malformed("bad \\u escape in JSON string");
          }
          int v = 0;
          for (int k = 1; k <= 4; k++) {
            int d = hexDigit(raw.charAt(i + k));
            if (d < 0) {
              throw malformed("bad \\u escape in JSON string");
            }
            v = (v << 4) | d;
          }
          surrogateEscape |= Character.isSurrogate((char) v);
          sb.append((char) v);
          i += 4;
          break;
        default:
          throw malformed("bad escape in JSON string");
      }
    }
    String out = sb.toString();
    // Only a u-escape (backslash, u, four hex digits) can make an unpaired surrogate: the strict
    // UTF-8 decoder above refuses an encoded surrogate (ED A0 80) and always yields a supplementary
    // character as a pair.
    if (surrogateEscape && !pairedSurrogates(out)) {
      throw malformed("unpaired surrogate in JSON string");
    }
    return out;
  }

  /**
   * Whether every surrogate in {@code s} is half of a high-then-low pair. Why refuse a string where
   * one is not: RFC 8259 section 8.2 leaves its meaning to each implementation, RFC 7493 (I-JSON)
   * section 2.1 forbids it, and it has no UTF-8 form (RFC 7515 and 7519 carry JSON as UTF-8), so
   * readers disagree on its value: nimbus-jose-jwt keeps the lone char, Go's encoding/json turns it
   * into U+FFFD, a Java {@code getBytes} into {@code '?'}, and serde_json refuses it. A claim two
   * readers see differently is the duplicate-name attack again, so the token is malformed.
   */
  private static boolean pairedSurrogates(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The value of an ASCII hex digit, or -1. Not {@link Character#digit(char, int)}: that also takes
   * the fullwidth and other Unicode digits and letters (U+FF10 is 0, U+FF21 is 10), which RFC
   * 8259's HEXDIG does not, and another reader would refuse or read differently.
   */
  private static int hexDigit(char c) {
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

  /** The {@link #KNOWN} string spelled by {@code in[off, off+len)}, or null. */
  private static String known(byte[] in, int off, int len) {
    if (len == 0 || len > KNOWN_MAX_LENGTH) {
      return null;
    }
    int mask = KNOWN_TABLE.length - 1;
    for (int i = slot(in, off, len); KNOWN_TABLE[i] != null; i = (i + 1) & mask) {
      byte[] k = KNOWN_TABLE_BYTES[i];
      if (k.length == len && Arrays.equals(k, 0, len, in, off, off + len)) {
        return KNOWN_TABLE[i];
      }
    }
    return null;
  }

  /** The home slot in {@link #KNOWN_TABLE} of the ASCII string {@code in[off, off+len)}. */
  private static int slot(byte[] in, int off, int len) {
    int h = len;
    for (int i = off; i < off + len; i++) {
      h = 31 * h + in[i];
    }
    return (h ^ (h >>> 7)) & (KNOWN_TABLE.length - 1);
  }

  private Object readNumber() throws Refusal {
    int start = pos;
    if (in[pos] == '-') {
      pos++;
    }
    if (pos >= end) {
      throw malformed("bad JSON number");
    }
    if (in[pos] == '0') {
      pos++;
    } else if (in[pos] >= '1' && in[pos] <= '9') {
      while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
        pos++;
      }
    } else {
      throw malformed("bad JSON number");
    }
    boolean integral = true;
    if (pos < end && in[pos] == '.') {
      integral = false;
      pos++;
      int digits = pos;
      while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
        pos++;
      }
      if (pos == digits) {
        throw malformed("bad JSON number");
      }
    }
    if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
      integral = false;
      pos++;
      if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
        pos++;
      }
      int digits = pos;
      while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
        pos++;
      }
      if (pos == digits) {
        throw malformed("bad JSON number");
      }
    }
    int len = pos - start;
    if (integral) {
      // Accumulated as a negative number, whose range is one larger, with the overflow found
      // digit by digit: an unauthenticated claim full of 19-digit numbers must not cost a
      // NumberFormatException (and its stack trace) each, as Long.parseLong's fallback did.
      boolean neg = in[start] == '-';
      long limit = neg ? Long.MIN_VALUE : -Long.MAX_VALUE;
      long v = 0;
      boolean fits = true;
      for (int i = neg ? start + 1 : start; i < pos; i++) {
        int digit = in[i] - '0';
        if (v < limit / 10 || v * 10 < limit + digit) {
          fits = false;
          break;
        }
        v = v * 10 - digit;
      }
      if (fits) {
        return neg ? v : -v;
      }
      // Larger than a long: nimbus (Gson LONG_OR_DOUBLE) gives a Double too.
    }
    return Double.parseDouble(new String(in, start, len, StandardCharsets.ISO_8859_1));
  }
}
