/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One decision of a {@code PolicyEngine}, as a JDK Flight Recorder event; off unless a recording
 * enables {@value #NAME}. The engine fills it, and reads the clock for its stages, only after
 * {@link #isEnabled()} said so: with the event off a decision pays one check.
 *
 * <p>Records the types of the principal and resource and the action's id, not their ids: an entity
 * id may name a person.
 */
@Name(AuthorizationEvent.NAME)
@Label("Authorization")
@Category({"Bulwark", "Authorization"})
@Description("One decision of a Bulwark PolicyEngine")
@StackTrace(false)
public final class AuthorizationEvent extends jdk.jfr.Event {
  /** The event's name, to enable it in a recording. */
  public static final String NAME = "dev.bulwark.policy.Authorization";

  @Label("Principal Type")
  public String principalType = "";

  @Label("Action")
  public String action = "";

  @Label("Resource Type")
  public String resourceType = "";

  /** {@code allow}, {@code deny}, or {@code error} when the request was not decided. */
  @Label("Decision")
  public String decision = "";

  @Label("Policy Errors")
  @Description("Policies whose evaluation raised an error and were skipped")
  public int policyErrors;

  @Label("Lookup")
  @Description("Reading the principal, action and resource from the entity store")
  @Timespan(Timespan.NANOSECONDS)
  public long lookupDuration;

  @Label("Evaluate")
  @Description("Evaluating the policies that apply and combining their outcomes")
  @Timespan(Timespan.NANOSECONDS)
  public long evaluateDuration;
}
