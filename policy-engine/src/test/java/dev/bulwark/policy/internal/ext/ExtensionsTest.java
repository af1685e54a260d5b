/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.internal.ext.Extensions.CallStyle;
import dev.bulwark.policy.internal.ext.Extensions.Function;
import dev.bulwark.policy.internal.ext.Extensions.ValueType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ExtensionsTest {

  @Test
  void byName_everyCedar4Function_isFound() {
    List<String> names =
        List.of(
            "ip",
            "isIpv4",
            "isIpv6",
            "isLoopback",
            "isMulticast",
            "isInRange",
            "decimal",
            "lessThan",
            "lessThanOrEqual",
            "greaterThan",
            "greaterThanOrEqual",
            "datetime",
            "duration",
            "offset",
            "durationSince",
            "toDate",
            "toTime",
            "toMilliseconds",
            "toSeconds",
            "toMinutes",
            "toHours",
            "toDays");
    for (String name : names) {
      assertThat(Function.byName(name))
          .as(name)
          .hasValueSatisfying(f -> assertThat(f.cedarName()).isEqualTo(name));
    }
    assertThat(Function.values()).hasSize(names.size());
  }

  @Test
  void byName_unknownOrWrongCase_isEmpty() {
    assertThat(Function.byName("IP")).isEmpty();
    assertThat(Function.byName("isinrange")).isEmpty();
    assertThat(Function.byName("contains")).isEmpty();
    assertThat(Function.byName("")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Function.class)
  void function_constructorsAreFunctionStyleWithOneStringAndMethodsHaveAReceiver(Function f) {
    if (f.isConstructor()) {
      assertThat(f.style()).isEqualTo(CallStyle.FUNCTION);
      assertThat(f.parameterTypes()).containsExactly(ValueType.STRING);
      assertThat(f.returnType().constructor()).contains(f);
    } else {
      assertThat(f.style()).isEqualTo(CallStyle.METHOD);
      assertThat(f.arity()).isBetween(1, 2);
      assertThat(f.parameterTypes().get(0).isExtension()).isTrue();
    }
  }

  static Stream<Arguments> calls() {
    IpAddr loopback = IpAddr.parse("127.0.0.1");
    IpAddr net10 = IpAddr.parse("10.0.0.0/8");
    Decimal one = Decimal.parse("1.0");
    Decimal two = Decimal.parse("2.0");
    CedarDateTime day = CedarDateTime.parse("2024-10-15T11:38:02Z");
    CedarDuration hour = CedarDuration.parse("1h");
    CedarDuration dayAndHalf = CedarDuration.parse("1d12h");
    return Stream.of(
        Arguments.of(Function.IP, new Object[] {"10.0.0.0/8"}, net10),
        Arguments.of(Function.IS_IPV4, new Object[] {loopback}, true),
        Arguments.of(Function.IS_IPV6, new Object[] {loopback}, false),
        Arguments.of(Function.IS_LOOPBACK, new Object[] {loopback}, true),
        Arguments.of(Function.IS_MULTICAST, new Object[] {loopback}, false),
        Arguments.of(Function.IS_IN_RANGE, new Object[] {IpAddr.parse("10.1.2.3"), net10}, true),
        Arguments.of(Function.DECIMAL, new Object[] {"1.0"}, one),
        Arguments.of(Function.LESS_THAN, new Object[] {one, two}, true),
        Arguments.of(Function.LESS_THAN_OR_EQUAL, new Object[] {two, two}, true),
        Arguments.of(Function.GREATER_THAN, new Object[] {one, two}, false),
        Arguments.of(Function.GREATER_THAN_OR_EQUAL, new Object[] {one, two}, false),
        Arguments.of(Function.DATETIME, new Object[] {"2024-10-15T11:38:02Z"}, day),
        Arguments.of(Function.DURATION, new Object[] {"1h"}, hour),
        Arguments.of(
            Function.OFFSET, new Object[] {day, hour}, CedarDateTime.parse("2024-10-15T12:38:02Z")),
        Arguments.of(
            Function.DURATION_SINCE,
            new Object[] {day, CedarDateTime.parse("2024-10-15T10:38:02Z")},
            hour),
        Arguments.of(Function.TO_DATE, new Object[] {day}, CedarDateTime.parse("2024-10-15")),
        Arguments.of(Function.TO_TIME, new Object[] {day}, CedarDuration.parse("11h38m2s")),
        Arguments.of(Function.TO_MILLISECONDS, new Object[] {dayAndHalf}, 129_600_000L),
        Arguments.of(Function.TO_SECONDS, new Object[] {dayAndHalf}, 129_600L),
        Arguments.of(Function.TO_MINUTES, new Object[] {dayAndHalf}, 2_160L),
        Arguments.of(Function.TO_HOURS, new Object[] {dayAndHalf}, 36L),
        Arguments.of(Function.TO_DAYS, new Object[] {dayAndHalf}, 1L));
  }

  @ParameterizedTest
  @MethodSource("calls")
  void apply_wellTypedArguments_givesTheValueClassResult(
      Function f, Object[] args, Object expected) {
    Object result = f.apply(args);
    assertThat(result).isEqualTo(expected);
    assertThat(f.returnType().isInstance(result)).isTrue();
  }

  @Test
  void calls_coverEveryFunction() {
    EnumSet<Function> covered = EnumSet.noneOf(Function.class);
    calls().forEach(a -> covered.add((Function) a.get()[0]));
    assertThat(covered).containsExactlyInAnyOrder(Function.values());
  }

  @Test
  void apply_failingCall_throwsExtensionExceptionNamingTheFunction() {
    assertThatThrownBy(() -> Function.IP.apply("1.2.3.256"))
        .isInstanceOf(ExtensionException.class)
        .extracting(e -> ((ExtensionException) e).function())
        .isEqualTo("ip");
    CedarDateTime max = CedarDateTime.ofEpochMillis(Long.MAX_VALUE);
    assertThatThrownBy(() -> Function.OFFSET.apply(max, CedarDuration.ofMillis(1)))
        .isInstanceOf(ExtensionException.class)
        .extracting(e -> ((ExtensionException) e).function())
        .isEqualTo("offset");
  }

  @Test
  void apply_wrongCountOrType_throwsIllegalArgument() {
    assertThatThrownBy(() -> Function.IS_IN_RANGE.apply(IpAddr.parse("::1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("isInRange takes 2 arguments, was 1");
    assertThatThrownBy(() -> Function.LESS_THAN.apply(Decimal.parse("1.0"), "2.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lessThan argument 1 must be decimal, was String");
    assertThatThrownBy(() -> Function.IP.apply((Object) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ip argument 0 must be String, was null");
  }

  @Test
  void supportsComparisonOperators_onlyDatetimeAndDuration() {
    assertThat(Arrays.stream(ValueType.values()).filter(ValueType::supportsComparisonOperators))
        .containsExactlyInAnyOrder(ValueType.DATETIME, ValueType.DURATION);
  }

  @Test
  void extensionType_byCedarName_findsOnlyExtensionTypes() {
    assertThat(ValueType.extensionType("ipaddr")).contains(ValueType.IPADDR);
    assertThat(ValueType.extensionType("decimal")).contains(ValueType.DECIMAL);
    assertThat(ValueType.extensionType("datetime")).contains(ValueType.DATETIME);
    assertThat(ValueType.extensionType("duration")).contains(ValueType.DURATION);
    assertThat(ValueType.extensionType("ip")).isEmpty();
    assertThat(ValueType.extensionType("Long")).isEmpty();
  }
}
