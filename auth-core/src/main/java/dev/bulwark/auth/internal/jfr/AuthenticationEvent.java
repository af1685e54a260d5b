/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One {@code AuthEngine.authenticate} call, as a JDK Flight Recorder event; off unless a recording
 * enables {@value #NAME}. The engine builds one only after {@link #isEnabled()} said so, and reads
 * the clock for the stages only then: with the event off a call pays one check.
 *
 * <p>Holds nothing secret: no token, no key, no claim but the issuer. Stages that did not run (a
 * cache hit is neither parsed nor verified) are 0.
 */
@Name(AuthenticationEvent.NAME)
@Label("Authentication")
@Category({"Bulwark", "Authentication"})
@Description("One authentication of an Authorization header by a Bulwark AuthEngine")
@StackTrace(false)
public final class AuthenticationEvent extends jdk.jfr.Event {
  /** The event's name, to enable it in a recording. */
  public static final String NAME = "dev.bulwark.auth.Authentication";

  /** {@code JWT}, {@code API_KEY}, or empty when the header said neither. */
  @Label("Method")
  public String method = "";

  @Label("Authenticated")
  public boolean authenticated;

  /** The {@code FailureReason} name, empty for a success. */
  @Label("Failure Reason")
  public String failureReason = "";

  @Label("Token Cache Hit")
  @Description("Whether the bearer JWT was answered from the verified-token cache")
  public boolean cacheHit;

  /** The issuer of an accepted JWT; empty otherwise (an unverified iss is not recorded). */
  @Label("Issuer")
  public String issuer = "";

  @Label("Parse")
  @Description("Decoding the JWS and its claims set")
  @Timespan(Timespan.NANOSECONDS)
  public long parseDuration;

  @Label("Verify")
  @Description("Choosing the issuer's key and checking the signature")
  @Timespan(Timespan.NANOSECONDS)
  public long verifyDuration;

  @Label("Claims")
  @Description("Checking exp, nbf, iat, aud and the required claims, and revocation")
  @Timespan(Timespan.NANOSECONDS)
  public long claimsDuration;
}
