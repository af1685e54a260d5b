/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An authenticated caller. Immutable and thread-safe; every collection it returns is unmodifiable.
 *
 * <p>For a JWT, {@link #credentialId()} is the token's {@code jti} (when present) and {@link
 * #claims()} holds every claim of the verified token as nimbus-jose-jwt parses JSON ({@code
 * String}, {@code Boolean}, {@code Long}, {@code Double}, {@code List}, {@code Map}; numeric dates
 * as {@code Long} seconds). For an API key, {@link #credentialId()} is the key id, {@link
 * #issuer()} is the key prefix (for example {@code bk_live}) and {@link #claims()} is empty.
 */
public final class Principal {
  private final String subject;
  private final String issuer;
  private final Set<String> audiences;
  private final Set<String> scopes;
  private final Set<String> roles;
  private final Map<String, Object> claims;
  private final Instant issuedAt;
  private final Instant expiresAt;
  private final String credentialId;
  private final AuthMethod method;

  private Principal(Builder b) {
    this.subject = Objects.requireNonNull(b.subject, "subject");
    this.issuer = Objects.requireNonNull(b.issuer, "issuer");
    this.method = Objects.requireNonNull(b.method, "method");
    this.audiences = immutableCopy(b.audiences);
    this.scopes = immutableCopy(b.scopes);
    this.roles = immutableCopy(b.roles);
    this.claims = b.claims; // already deep-unmodifiable, see Builder#claims
    this.issuedAt = b.issuedAt;
    this.expiresAt = b.expiresAt;
    this.credentialId = b.credentialId;
  }

  /**
   * An immutable copy. Small sets are the JDK's immutable sets ({@code Set.copyOf} keeps one as it
   * is, so a token's sets are not copied again); larger ones are an unmodifiable {@code HashSet},
   * because the JDK's immutable set probes linearly and strings crafted to share one hash code
   * would make building it quadratic, while {@code HashMap} keeps such keys in a tree.
   */
  private static Set<String> immutableCopy(Set<String> s) {
    return s.size() <= SMALL_SET ? Set.copyOf(s) : Collections.unmodifiableSet(new HashSet<>(s));
  }

  /** Sets up to this size are copied with {@code Set.copyOf}; see {@link #immutableCopy}. */
  private static final int SMALL_SET = 16;

  /** Returns a builder; used by the engine and by tests, not usually by applications. */
  public static Builder builder(AuthMethod method, String issuer, String subject) {
    return new Builder(method, issuer, subject);
  }

  /** The {@code sub} claim of a JWT, or the owner subject of an API key. */
  public String subject() {
    return subject;
  }

  /** The {@code iss} claim of a JWT, or the prefix of an API key. */
  public String issuer() {
    return issuer;
  }

  /** The token's audiences ({@code aud}); empty for an API key. */
  public Set<String> audiences() {
    return audiences;
  }

  /**
   * Granted scopes: the space-separated {@code scope} claim or the {@code scp} array; an API key's
   * scopes. A JWT's scopes are RFC 6749 section 3.3 scope-tokens (printable ASCII without space,
   * {@code "} or {@code \}): a token whose scopes break that grammar is refused, never split
   * another way.
   */
  public Set<String> scopes() {
    return scopes;
  }

  /**
   * Roles from the issuer's configured roles claim ({@code roles} by default, RFC 9068 section
   * 7.2.1).
   */
  public Set<String> roles() {
    return roles;
  }

  /** Every claim of the verified token; empty for an API key. */
  public Map<String, Object> claims() {
    return claims;
  }

  /** When the credential was issued ({@code iat}, or the API key's creation), if known. */
  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  /**
   * When the credential stops being accepted ({@code exp}, or the API key's expiry), if ever. A
   * JWT's {@code exp}, {@code nbf} and {@code iat} lie between 1970 and the end of 9999: a token
   * with a date outside that range is refused.
   */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** The token's {@code jti} or the API key's id, if any. */
  public Optional<String> credentialId() {
    return Optional.ofNullable(credentialId);
  }

  /** How this principal authenticated. */
  public AuthMethod method() {
    return method;
  }

  /** Returns whether {@link #scopes()} contains {@code scope}. */
  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }

  /** Returns whether {@link #roles()} contains {@code role}. */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** Lists the identity, never the claims' values (they may carry personal data). */
  @Override
  public String toString() {
    return "Principal{method="
        + method
        + ", issuer="
        + issuer
        + ", subject="
        + subject
        + ", scopes="
        + scopes
        + ", roles="
        + roles
        + ", expiresAt="
        + expiresAt
        + "}";
  }

  /**
   * Builds a {@link Principal}. Not thread-safe. A carrier of values the engine has already
   * verified, built once per authentication: it has no defaults beyond "none" (empty sets and
   * claims, absent times and id), no settings that can conflict, and checks nothing but nulls where
   * a value is required, so that building it adds no checks to the hot path.
   */
  public static final class Builder {
    private final AuthMethod method;
    private final String issuer;
    private final String subject;
    private Set<String> audiences = Set.of();
    private Set<String> scopes = Set.of();
    private Set<String> roles = Set.of();
    private Map<String, Object> claims = Map.of();
    private Instant issuedAt;
    private Instant expiresAt;
    private String credentialId;

    private Builder(AuthMethod method, String issuer, String subject) {
      this.method = method;
      this.issuer = issuer;
      this.subject = subject;
    }

    /**
     * The audiences the credential was issued for; none by default. Copied at {@link #build()} into
     * an immutable set (one the JDK made immutable is kept as it is).
     *
     * @throws NullPointerException if {@code audiences} is null
     */
    public Builder audiences(Set<String> audiences) {
      this.audiences = Objects.requireNonNull(audiences, "audiences");
      return this;
    }

    /**
     * The granted scopes; none by default. Copied at {@link #build()} as {@link #audiences} is.
     *
     * @throws NullPointerException if {@code scopes} is null
     */
    public Builder scopes(Set<String> scopes) {
      this.scopes = Objects.requireNonNull(scopes, "scopes");
      return this;
    }

    /**
     * The roles; none by default. Copied at {@link #build()} as {@link #audiences} is.
     *
     * @throws NullPointerException if {@code roles} is null
     */
    public Builder roles(Set<String> roles) {
      this.roles = Objects.requireNonNull(roles, "roles");
      return this;
    }

    /**
     * Sets the claims; the caller hands over a map that is unmodifiable all the way down. None by
     * default.
     *
     * @throws NullPointerException if {@code claims} is null
     */
    public Builder claims(Map<String, Object> claims) {
      this.claims = Objects.requireNonNull(claims, "claims");
      return this;
    }

    /** When the credential was issued, or null (the default) if unknown. */
    public Builder issuedAt(Instant issuedAt) {
      this.issuedAt = issuedAt;
      return this;
    }

    /** When the credential expires, or null (the default) if it does not. */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** The credential's id ({@code jti}, an API key's id), or null (the default) if none. */
    public Builder credentialId(String credentialId) {
      this.credentialId = credentialId;
      return this;
    }

    /**
     * Builds the principal.
     *
     * @throws NullPointerException if the method, issuer or subject given to {@link
     *     Principal#builder} was null
     */
    public Principal build() {
      return new Principal(this);
    }
  }
}
