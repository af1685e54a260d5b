/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddrTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // text Cedar accepts | family | the address and prefix, in Cedar's canonical text
        "0.0.0.0 | 4 | 0.0.0.0/32",
        "255.255.255.255 | 4 | 255.255.255.255/32",
        "127.0.0.1 | 4 | 127.0.0.1/32",
        "10.0.0.0/8 | 4 | 10.0.0.0/8",
        "127.0.0.1/0 | 4 | 127.0.0.1/0",
        "127.0.0.1/32 | 4 | 127.0.0.1/32",
        ":: | 6 | ::/128",
        "::1 | 6 | ::1/128",
        "1:: | 6 | 1::/128",
        "1:2:3:4:5:6:7:8 | 6 | 1:2:3:4:5:6:7:8/128",
        "1:2:3:4:5:6:7:: | 6 | 1:2:3:4:5:6:7:0/128",
        "::2:3:4:5:6:7:8 | 6 | 0:2:3:4:5:6:7:8/128",
        "1::8 | 6 | 1::8/128",
        "0000:0000:0000:0000:0000:0000:0000:0000/128 | 6 | ::/128",
        "FFEE::1 | 6 | ffee::1/128",
        "fFeE::1 | 6 | ffee::1/128",
        "ffee::/0 | 6 | ffee::/0",
        "ffee::/64 | 6 | ffee::/64",
        "ffee::/128 | 6 | ffee::/128",
        "::ffff:ff00:1 | 6 | ::ffff:255.0.0.1/128"
      })
  void parse_literalCedarAccepts_yieldsThatAddressAndPrefix(
      String text, int family, String canonical) {
    IpAddr parsed = IpAddr.parse(text);
    assertThat(parsed.isIpv4()).as("IPv4").isEqualTo(family == 4);
    assertThat(parsed).hasToString(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "?",
        "380.0.0.1",
        "1.2.3.256",
        "ab.ab.ab.ab",
        "01.2.3.4",
        "1.2.3.04",
        "1.2.3.00",
        "0001.2.3.4",
        "1.2.3",
        "1.2.3.4.5",
        "1..2.3",
        " 1.2.3.4",
        "1.2.3.4 ",
        "1.2.3.4:80",
        "\uff11.2.3.4",
        "foo::1",
        "g::1",
        ":",
        ":::",
        "1:::2",
        "1::2::3",
        ":1::",
        "1:",
        "12345::",
        "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7:8::",
        "1:2:3:4:5:6:7::8",
        "fe80::1%eth0",
        "[::1]",
        "::1 ",
        "\u0661::1"
      })
  void parse_malformedAddress_throws(String text) {
    assertThatThrownBy(() -> IpAddr.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageStartingWith("ip: ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "::ffff:127.0.0.1",
        "::127.0.0.1",
        "1:2:3:4:5:6:1.2.3.4",
        "::ffff:127.0.0.1/128",
        "64:ff9b::192.0.2.33"
      })
  void parse_ipv4EmbeddedInIpv6_throwsNamingTheRule(String text) {
    assertThatThrownBy(() -> IpAddr.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageContaining("IPv4 embedded in IPv6");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.2.3.4/",
        "1.2.3.4/33",
        "1.2.3.4/64",
        "1.2.3.4/08",
        "1.2.3.4/00",
        "1.2.3.4/+8",
        "1.2.3.4/-1",
        "1.2.3.4/ 8",
        "1.2.3.4/8/24",
        "1.2.3.4/100",
        "ffee::/129",
        "ffee::/132",
        "ffee::/0128",
        "ffee::/01",
        "ffee::/+1",
        "ffee::/1234",
        "fee::/64::1",
        "/24"
      })
  void parse_badPrefix_throws(String text) {
    assertThatThrownBy(() -> IpAddr.parse(text)).isInstanceOf(ExtensionException.class);
  }

  @Test
  void parse_textLongerThan43Characters_throwsWithTruncatedEcho() {
    String text = "1".repeat(200);
    assertThatThrownBy(() -> IpAddr.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageContaining("longer than 43")
        .hasMessageContaining("(200 characters)")
        .hasMessageNotContaining("1".repeat(65));
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, 32",
    "10.0.0.0/8, 8",
    "0.0.0.0/0, 0",
    "::1, 128",
    "ffee::/64, 64",
    "::/0, 0"
  })
  void prefixLength_withAndWithoutSlash_isGivenOrFull(String text, int expected) {
    assertThat(IpAddr.parse(text).prefixLength()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, true",
    "10.0.0.0/8, true",
    "::1, false",
    "::ffff:ff00:1, false",
    "::ffff:7f00:1/96, false"
  })
  void isIpv4_eachFamily_reportsIpv4Only(String text, boolean expected) {
    IpAddr ip = IpAddr.parse(text);
    assertThat(ip.isIpv4()).isEqualTo(expected);
    assertThat(ip.isIpv6()).isEqualTo(!expected);
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, true",
    "127.0.0.2, true",
    "127.255.255.255, true",
    "127.0.0.1/8, true",
    "127.0.0.1/24, true",
    "127.0.0.1/7, false",
    "127.255.200.200/0, false",
    "126.255.255.255, false",
    "::1, true",
    "::1/127, false",
    "::2, false",
    "::, false",
    "::ffff:7f00:1, false"
  })
  void isLoopback_rangeWhollyInLoopback_isTrue(String text, boolean expected) {
    assertThat(IpAddr.parse(text).isLoopback()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "224.0.0.0, true",
    "228.228.228.0, true",
    "239.255.255.255, true",
    "223.255.255.255, false",
    "240.0.0.0, false",
    "224.0.0.0/3, false",
    "224.0.0.0/4, true",
    "224.0.0.0/5, true",
    "ff00::2, true",
    "ffff::, true",
    "fe00::, false",
    "ff00::/7, false",
    "ff00::/8, true",
    "ff00::/9, true",
    "::ffff:e000:1, false",
    "127.0.0.1, false"
  })
  void isMulticast_rangeWhollyInMulticast_isTrue(String text, boolean expected) {
    assertThat(IpAddr.parse(text).isMulticast()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    // host bits of either side do not matter, only the two blocks
    "10.0.0.0, 10.0.0.0/24, true",
    "10.0.0.0, 10.0.0.0/32, true",
    "10.0.0.0, 10.0.0.1/24, true",
    "10.0.0.0, 10.0.0.1/32, false",
    "10.0.0.1, 10.0.0.0/24, true",
    "10.0.0.0/24, 10.0.0.0/32, false",
    "10.0.0.0/32, 10.0.0.0/24, true",
    "10.0.0.1/24, 10.0.0.0/24, true",
    "10.0.0.0/24, 10.0.0.1/24, true",
    "10.0.0.0/24, 10.0.0.0/29, false",
    "10.0.0.0/29, 10.0.0.1/24, true",
    "10.0.0.1/29, 10.0.0.0/24, true",
    "192.168.0.75, 192.168.0.1/24, true",
    "192.168.0.75, 192.168.0.1/28, false",
    "192.168.0.10, 192.168.0.1/28, true",
    // /0 and /32 boundaries; high addresses compare unsigned
    "255.255.255.255, 0.0.0.0/0, true",
    "0.0.0.0/0, 255.255.255.255/0, true",
    "0.0.0.0/0, 0.0.0.0/1, false",
    "200.0.0.1, 128.0.0.0/1, true",
    "127.255.255.255, 128.0.0.0/1, false",
    "1.2.3.4/32, 1.2.3.4, true",
    // IPv6
    "1:2:3:4::, 1:2:3:4::/48, true",
    "1:2:3:6::, 1:2:3:4::/52, true",
    "1:2:3:ffff::, 1:2:3:4::/48, true",
    "1:2:3:ffff::, 1:2:3:4::/52, false",
    "ffff::1, ff00::/8, true",
    "8000::, ::/1, false",
    "8000::, 8000::/1, true",
    "7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ::/1, true",
    "::/0, ffff::/0, true",
    "1::1:0:0:0:1, 1::1:0:0:0:0/64, true",
    "1::2:0:0:0:1, 1::1:0:0:0:0/64, false",
    "1::1:0:0:0:1, 1::1:0:0:0:0/65, true",
    "1::1:8000:0:0:1, 1::1:0:0:0:0/65, false",
    "::1, ::1/128, true",
    "::2, ::1/128, false",
    // IPv4 and IPv6 never mix, not even IPv4-mapped ones
    "192.168.0.1, 1:2:3:4::/48, false",
    "1.2.3.4, ::/0, false",
    "::ffff:102:304, 0.0.0.0/0, false",
    "::ffff:102:304, 1.2.3.4, false",
    "::ffff:102:304, ::ffff:0:0/96, true"
  })
  void isInRange_table_matchesCedar(String inner, String outer, boolean expected) {
    assertThat(IpAddr.parse(inner).isInRange(IpAddr.parse(outer))).isEqualTo(expected);
  }

  @Test
  void isInRange_randomBlocks_agreesWithPrefixComparisonReference() {
    // Two CIDR blocks are nested or disjoint, so "inner within outer" holds exactly when the
    // outer prefix is not longer and both agree on the outer prefix's leading bits.
    Random random = new Random(20261130L);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      boolean v6 = random.nextBoolean();
      int bits = v6 ? 128 : 32;
      BigInteger outerAddr = new BigInteger(bits, random);
      int outerPrefix = random.nextInt(bits + 1);
      // Half the time, make the inner share the outer's network so that true cases are common.
      BigInteger innerAddr =
          random.nextBoolean()
              ? new BigInteger(bits, random)
              : withLowBits(outerAddr, bits, outerPrefix, new BigInteger(bits, random));
      int innerPrefix = random.nextInt(bits + 1);
      IpAddr inner = IpAddr.parse(text(innerAddr, v6) + "/" + innerPrefix);
      IpAddr outer = IpAddr.parse(text(outerAddr, v6) + "/" + outerPrefix);
      boolean expected =
          innerPrefix >= outerPrefix
              && innerAddr
                  .shiftRight(bits - outerPrefix)
                  .equals(outerAddr.shiftRight(bits - outerPrefix));
      if (inner.isInRange(outer) != expected) {
        mismatches.add(inner + " in " + outer + " expected " + expected);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0, 10.0.0.0, true",
    "10.0.0.0, 10.0.0.1, false",
    "10.0.0.0/32, 10.0.0.0, true",
    "10.0.0.0/24, 10.0.0.0, false",
    "10.0.0.0/24, 10.0.0.1/24, false",
    "10.0.0.1/24, 10.0.0.1/29, false",
    "127.0.0.1, ::1, false",
    "1.2.3.4, ::ffff:102:304, false",
    "FFEE::1, ffee:0:0:0:0:0:0:1, true",
    "::1/128, ::1, true",
    "0.0.0.0/0, 0.0.0.0/0, true"
  })
  void equals_addressAndPrefix_structural(String a, String b, boolean expected) {
    IpAddr x = IpAddr.parse(a);
    IpAddr y = IpAddr.parse(b);
    assertThat(x.equals(y)).isEqualTo(expected);
    assertThat(y.equals(x)).isEqualTo(expected);
    if (expected) {
      assertThat(x.hashCode()).isEqualTo(y.hashCode());
    }
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, 127.0.0.1/32",
    "10.0.0.1/8, 10.0.0.1/8",
    "0.0.0.0/0, 0.0.0.0/0",
    "FFEE::11, ffee::11/128",
    "::, ::/128",
    "::1, ::1/128",
    "1::, 1::/128",
    "0001:0db8::, 1:db8::/128",
    "1:0:0:2:0:0:0:3, 1:0:0:2::3/128",
    "1:0:0:2:0:0:3:4, 1::2:0:0:3:4/128",
    "1:0:2:3:4:5:6:7, 1:0:2:3:4:5:6:7/128",
    "1:2:3:4:5:6:7:0, 1:2:3:4:5:6:7:0/128",
    "::7f00:1, ::7f00:1/128",
    "::ffff:7f00:1, ::ffff:127.0.0.1/128",
    "::ffff:0:0/96, ::ffff:0.0.0.0/96",
    "ffee::/64, ffee::/64"
  })
  void toString_value_printsAsCedarDisplaysIt(String text, String expected) {
    assertThat(IpAddr.parse(text).toString()).isEqualTo(expected);
  }

  @Test
  void toCedarExpression_value_isIpCallOnCanonicalText() {
    assertThat(IpAddr.parse("10.0.0.1").toCedarExpression()).isEqualTo("ip(\"10.0.0.1/32\")");
  }

  @Test
  void toString_randomNonMappedValues_parsesBackToEqualValue() {
    Random random = new Random(42L);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      boolean v6 = random.nextBoolean();
      int bits = v6 ? 128 : 32;
      // Sparse groups so that runs of zeros, and their compression, are common.
      BigInteger addr = BigInteger.ZERO;
      for (int g = 0; g < bits / 16; g++) {
        int group = random.nextInt(3) == 0 ? random.nextInt(0x10000) : 0;
        addr = addr.shiftLeft(16).or(BigInteger.valueOf(group));
      }
      IpAddr ip = IpAddr.parse(text(addr, v6) + "/" + random.nextInt(bits + 1));
      if (ip.toString().contains(".") && v6) {
        continue; // IPv4-mapped: Cedar prints a form it refuses to read back (see toString).
      }
      if (!IpAddr.parse(ip.toString()).equals(ip)) {
        mismatches.add(ip.toString());
      }
    }
    assertThat(mismatches).isEmpty();
  }

  /** The full, uncompressed text of an address. */
  private static String text(BigInteger addr, boolean v6) {
    StringBuilder sb = new StringBuilder();
    if (!v6) {
      for (int i = 3; i >= 0; i--) {
        sb.append(addr.shiftRight(8 * i).intValue() & 0xff).append(i > 0 ? "." : "");
      }
    } else {
      for (int i = 7; i >= 0; i--) {
        sb.append(Integer.toHexString(addr.shiftRight(16 * i).intValue() & 0xffff))
            .append(i > 0 ? ":" : "");
      }
    }
    return sb.toString();
  }

  private static BigInteger withLowBits(BigInteger high, int bits, int prefix, BigInteger low) {
    BigInteger lowMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    return high.andNot(lowMask).or(low.and(lowMask));
  }
}
