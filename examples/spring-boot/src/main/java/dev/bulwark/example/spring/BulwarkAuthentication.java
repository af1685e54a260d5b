/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.spring;

import dev.bulwark.auth.Principal;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller Bulwark authenticated: its {@link Principal} (subject, issuer, claims, scopes, roles,
 * and whether a JWT or an API key), with each scope as a {@code SCOPE_} authority, as Spring's
 * resource server names them. Immutable once made; holds no credential.
 */
public final class BulwarkAuthentication extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;

  private final transient Principal principal;

  /** An authenticated token for {@code principal}. */
  BulwarkAuthentication(Principal principal) {
    super(authorities(principal));
    this.principal = principal;
    setAuthenticated(true);
  }

  private static List<GrantedAuthority> authorities(Principal principal) {
    return principal.scopes().stream()
        .sorted()
        .<GrantedAuthority>map(s -> new SimpleGrantedAuthority("SCOPE_" + s))
        .toList();
  }

  /** The credential was checked and is not kept: there is none to give. */
  @Override
  public Object getCredentials() {
    return "";
  }

  /** Bulwark's principal. */
  @Override
  public Principal getPrincipal() {
    return principal;
  }

  /** The subject. */
  @Override
  public String getName() {
    return principal.subject();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BulwarkAuthentication
        && ((BulwarkAuthentication) o).principal.equals(principal)
        && super.equals(o);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + principal.hashCode();
  }
}
