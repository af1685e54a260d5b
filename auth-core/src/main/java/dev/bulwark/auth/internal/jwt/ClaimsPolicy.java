/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwt;

import java.util.List;
import java.util.Set;

/** What one issuer requires of a token's claims. Immutable and thread-safe. */
public final class ClaimsPolicy {
  final String iss;
  final Set<String> audiences;
  final boolean requireExpiry;
  final List<String> requiredClaims;
  final String[] rolesPath;

  /**
   * @param iss the exact issuer
   * @param audiences accepted audiences; a token's {@code aud} must contain one
   * @param requireExpiry whether {@code exp} must be present
   * @param requiredClaims claims that must be present and not null
   * @param rolesClaim the roles claim, a dotted path into nested objects
   */
  public ClaimsPolicy(
      String iss,
      Set<String> audiences,
      boolean requireExpiry,
      List<String> requiredClaims,
      String rolesClaim) {
    this.iss = iss;
    this.audiences = Set.copyOf(audiences);
    this.requireExpiry = requireExpiry;
    this.requiredClaims = List.copyOf(requiredClaims);
    this.rolesPath = rolesClaim.split("\\.", -1);
  }
}
