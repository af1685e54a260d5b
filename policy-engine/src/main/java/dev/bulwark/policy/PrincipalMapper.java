/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps an authenticated caller (a subject and the claims of its token) to a Cedar entity, to be
 * passed with the request to {@link PolicyEngine#authorize(Request, Collection)}; immutable and
 * thread-safe once built.
 *
 * <p>The subject becomes the entity's id, under a configured entity type; chosen claims (roles,
 * groups, scopes) become its parents, each under an entity type of its own; other chosen claims
 * become its attributes. With a schema, the mapping is checked when it is built (the types and
 * attributes are declared, the parent types allowed) and each entity when it is made. With
 * auth-core's {@code Principal}:
 *
 * <pre>{@code
 * PrincipalMapper mapper = PrincipalMapper.builder("User")
 *     .parents("realm_access.roles", "Role")
 *     .attribute("email", "email")
 *     .schema(schema)
 *     .build();
 * Entity caller = mapper.toEntity(principal.subject(), principal.claims());
 * Decision d = engine.authorize(Request.of(caller.uid(), action, resource, context),
 *     List.of(caller));
 * }</pre>
 *
 * <h2>Claim paths</h2>
 *
 * A path names a claim ({@code "groups"}, {@code "cognito:groups"}) or, with dots, a claim inside
 * objects ({@code "realm_access.roles"}). A claim whose name has a dot in it (a namespaced claim
 * such as {@code https://example.com/roles}) is named by its segments instead: {@link
 * Builder#parents(List, String)}.
 *
 * <h2>The shapes of a parents claim</h2>
 *
 * <ul>
 *   <li>A JSON array of strings: each string is a parent's id.
 *   <li>A string: the ids separated by single spaces, as OAuth's {@code scope} claim ({@code "read
 *       write"} is two parents). Beware a single role that contains a space ({@code "Domain
 *       Admins"}): it becomes two parents; give such roles as an array.
 *   <li>Absent, or JSON null, or an object on the path absent: no parents from that claim. A token
 *       without the claim is common (an identity provider omits an empty list); it is read as
 *       "member of nothing", so a policy that forbids by membership in such a group does not apply
 *       to a token the provider issued without the claim.
 *   <li>Anything else is refused with an {@link InvalidRequestException} naming the claim and the
 *       shape found: a number, a boolean, an object, an array holding anything but strings
 *       (numbers, nested arrays, objects, null), a string with an empty id (two spaces, a leading
 *       or trailing space), a value on the path that is not an object. Reading such a claim as "no
 *       parents" would be safe only for policies that permit by membership: a policy that forbids
 *       by membership ({@code forbid (principal in Group::"suspended", ..)}) would stop applying to
 *       a caller whose provider sends the claim in an unexpected shape. An exception fails the
 *       request closed and surfaces the provider's misconfiguration.
 * </ul>
 *
 * <p>Attribute claims are mapped as {@link Context.Builder} maps Java values, strings read by the
 * schema's declared types (a string for a {@code datetime} attribute is a datetime); an absent or
 * null claim gives no attribute (which the schema refuses if the attribute is required), and a
 * claim with no Cedar counterpart (a floating-point number) is refused.
 *
 * <p>A subject is unique only within its issuer: an engine that accepts tokens of several issuers
 * should map each issuer to its own entity type, or prefix the id with the issuer. Exception
 * messages name claims and shapes, never claim values, which may be personal data.
 */
public final class PrincipalMapper {
  private final String entityType;
  private final List<ClaimParents> claimParents;
  private final String rolesType;
  private final String scopesType;
  private final Map<String, List<String>> attributes;
  private final Schema schema;

  /** A claim whose values are parents of one entity type. */
  private record ClaimParents(List<String> path, String entityType) {}

  private PrincipalMapper(Builder b) {
    this.entityType = b.entityType;
    this.claimParents = List.copyOf(b.claimParents);
    this.rolesType = b.rolesType;
    this.scopesType = b.scopesType;
    this.attributes = new LinkedHashMap<>(b.attributes);
    this.schema = b.schema;
  }

  /**
   * Returns a builder of a mapper to entities of one type.
   *
   * @param entityType the principal's entity type, e.g. {@code "User"} or {@code "App::User"}
   * @return the builder
   * @throws IllegalArgumentException if the type is not a Cedar name
   */
  public static Builder builder(String entityType) {
    Objects.requireNonNull(entityType, "entityType");
    if (!EntityUid.isValidName(entityType)) {
      throw new IllegalArgumentException(
          "entityType must be a Cedar name like A::B::C, was \"" + entityType + "\"");
    }
    return new Builder(entityType);
  }

  /**
   * Maps a caller to an entity: the subject is its id, the configured claims its parents and
   * attributes.
   *
   * @param subject the caller's subject ({@code sub})
   * @param claims the token's claims, as JSON values ({@code String}, {@code Boolean}, {@code
   *     Long}, {@code List}, {@code Map})
   * @return the entity, whose ancestors are its parents
   * @throws InvalidRequestException if a parents claim has a shape other than those the class
   *     Javadoc accepts, an attribute claim has no Cedar counterpart, or, with a schema, the entity
   *     does not conform
   */
  public Entity toEntity(String subject, Map<String, ?> claims) {
    return toEntity(subject, claims, List.of(), List.of());
  }

  /**
   * Maps a caller to an entity, its roles and scopes given apart from the claims (as auth-core's
   * {@code Principal.roles()} and {@code scopes()}; an API key has scopes but no claims).
   *
   * @param subject the caller's subject
   * @param claims the token's claims, as JSON values
   * @param roles the caller's roles: parents of the {@link Builder#rolesAs} type, ignored if none
   *     was set
   * @param scopes the caller's scopes: parents of the {@link Builder#scopesAs} type, ignored if
   *     none was set
   * @return the entity
   * @throws InvalidRequestException as {@link #toEntity(String, Map)} does
   */
  public Entity toEntity(
      String subject, Map<String, ?> claims, Collection<String> roles, Collection<String> scopes) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(scopes, "scopes");
    EntityUid uid = EntityUid.of(entityType, subject);
    Entity.Builder b = schema == null ? Entity.builder(uid) : Entity.builder(uid, schema);
    for (ClaimParents cp : claimParents) {
      for (String id : parentIds(claims, cp.path())) {
        b.parent(EntityUid.of(cp.entityType(), id));
      }
    }
    if (rolesType != null) {
      for (String r : roles) {
        b.parent(EntityUid.of(rolesType, r));
      }
    }
    if (scopesType != null) {
      for (String s : scopes) {
        b.parent(EntityUid.of(scopesType, s));
      }
    }
    for (Map.Entry<String, List<String>> a : attributes.entrySet()) {
      Object v = resolve(claims, a.getValue());
      if (v != null) {
        b.attribute(a.getKey(), v);
      }
    }
    return b.build();
  }

  /** The value at a path, or null if it or an object on the way is absent. */
  private static Object resolve(Map<String, ?> claims, List<String> path) {
    Object v = claims;
    for (int i = 0; i < path.size(); i++) {
      if (!(v instanceof Map)) {
        throw new InvalidRequestException(
            "claim "
                + String.join(".", path.subList(0, i))
                + " must be an object to hold "
                + String.join(".", path)
                + ", was "
                + shape(v));
      }
      v = ((Map<?, ?>) v).get(path.get(i));
      if (v == null) {
        return null;
      }
    }
    return v;
  }

  private static List<String> parentIds(Map<String, ?> claims, List<String> path) {
    Object v = resolve(claims, path);
    String name = String.join(".", path);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String) {
      String s = (String) v;
      if (s.isEmpty()) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      int start = 0;
      while (true) {
        int end = s.indexOf(' ', start);
        String id = end < 0 ? s.substring(start) : s.substring(start, end);
        if (id.isEmpty()) {
          throw new InvalidRequestException(
              "claim "
                  + name
                  + " must be ids separated by single"
                  + " spaces, was a string with an empty id");
        }
        out.add(id);
        if (end < 0) {
          return out;
        }
        start = end + 1;
      }
    }
    if (v instanceof List) {
      List<?> l = (List<?>) v;
      List<String> out = new ArrayList<>(l.size());
      for (Object o : l) {
        if (!(o instanceof String)) {
          throw new InvalidRequestException(
              "claim "
                  + name
                  + " must be an array of strings or"
                  + " one string, was an array holding "
                  + shape(o));
        }
        out.add((String) o);
      }
      return out;
    }
    throw new InvalidRequestException(
        "claim " + name + " must be an array of strings or one" + " string, was " + shape(v));
  }

  private static String shape(Object v) {
    if (v == null) {
      return "null";
    } else if (v instanceof Map) {
      return "an object";
    } else if (v instanceof List) {
      return "an array";
    } else if (v instanceof String) {
      return "a string";
    } else if (v instanceof Boolean) {
      return "a boolean";
    } else if (v instanceof Number) {
      return "a number";
    }
    return "a " + v.getClass().getName();
  }

  @Override
  public String toString() {
    return "PrincipalMapper["
        + entityType
        + ", parents="
        + claimParents
        + ", attributes="
        + attributes.keySet()
        + "]";
  }

  /**
   * Builds a {@link PrincipalMapper}; not thread-safe, use from one thread. Each attribute may be
   * mapped once; the schema, the roles type and the scopes type may be set once.
   */
  public static final class Builder {
    private final String entityType;
    private final List<ClaimParents> claimParents = new ArrayList<>();
    private String rolesType;
    private String scopesType;
    private final Map<String, List<String>> attributes = new LinkedHashMap<>();
    private Schema schema;

    private Builder(String entityType) {
      this.entityType = entityType;
    }

    /**
     * Makes the values of a claim parents of the entity (see the class Javadoc for the shapes).
     *
     * @param claimPath the claim, dotted for a claim inside objects ({@code realm_access.roles})
     * @param parentType the parents' entity type, e.g. {@code "Role"}
     * @return this
     * @throws IllegalArgumentException if the path has an empty segment or the type is not a Cedar
     *     name
     */
    public Builder parents(String claimPath, String parentType) {
      return parents(dotted("claimPath", claimPath), parentType);
    }

    /**
     * Makes the values of a claim named by its path segments parents of the entity, for claims
     * whose names contain dots ({@code List.of("https://example.com/roles")}).
     *
     * @param claimPath the claim's path, one segment per object
     * @param parentType the parents' entity type
     * @return this
     * @throws IllegalArgumentException if the path is empty or has an empty segment, or the type is
     *     not a Cedar name
     */
    public Builder parents(List<String> claimPath, String parentType) {
      claimParents.add(
          new ClaimParents(path("claimPath", claimPath), type("parentType", parentType)));
      return this;
    }

    /**
     * Makes the roles given to {@link PrincipalMapper#toEntity(String, Map, Collection,
     * Collection)} parents of this type.
     *
     * @param roleType the entity type, e.g. {@code "Role"}
     * @return this
     * @throws IllegalArgumentException if the type is not a Cedar name
     * @throws IllegalStateException if already set
     */
    public Builder rolesAs(String roleType) {
      if (rolesType != null) {
        throw new IllegalStateException(
            "rolesAs already set to " + rolesType + ", was given " + roleType);
      }
      rolesType = type("rolesAs", roleType);
      return this;
    }

    /**
     * Makes the scopes given to {@link PrincipalMapper#toEntity(String, Map, Collection,
     * Collection)} parents of this type.
     *
     * @param scopeType the entity type, e.g. {@code "Scope"}
     * @return this
     * @throws IllegalArgumentException if the type is not a Cedar name
     * @throws IllegalStateException if already set
     */
    public Builder scopesAs(String scopeType) {
      if (scopesType != null) {
        throw new IllegalStateException(
            "scopesAs already set to " + scopesType + ", was given " + scopeType);
      }
      scopesType = type("scopesAs", scopeType);
      return this;
    }

    /**
     * Makes a claim an attribute of the entity.
     *
     * @param claimPath the claim, dotted for a claim inside objects
     * @param attributeName the attribute's name
     * @return this
     * @throws IllegalArgumentException if the path has an empty segment
     * @throws IllegalStateException if the attribute is already mapped
     */
    public Builder attribute(String claimPath, String attributeName) {
      return attribute(dotted("claimPath", claimPath), attributeName);
    }

    /**
     * Makes a claim named by its path segments an attribute of the entity.
     *
     * @param claimPath the claim's path, one segment per object
     * @param attributeName the attribute's name
     * @return this
     * @throws IllegalArgumentException if the path is empty or has an empty segment
     * @throws IllegalStateException if the attribute is already mapped
     */
    public Builder attribute(List<String> claimPath, String attributeName) {
      Objects.requireNonNull(attributeName, "attributeName");
      List<String> p = path("claimPath", claimPath);
      if (attributes.containsKey(attributeName)) {
        throw new IllegalStateException(
            "attribute "
                + attributeName
                + " already mapped from "
                + String.join(".", attributes.get(attributeName)));
      }
      attributes.put(attributeName, p);
      return this;
    }

    /**
     * Sets the schema: {@link #build()} checks the mapping against it, and each entity is checked
     * as {@link Entity#fromJson(String, Schema)} checks one.
     *
     * @param schema the schema
     * @return this
     * @throws IllegalStateException if already set
     */
    public Builder schema(Schema schema) {
      Objects.requireNonNull(schema, "schema");
      if (this.schema != null) {
        throw new IllegalStateException(
            "schema was already set to " + this.schema + ", cannot set it again to " + schema);
      }
      this.schema = schema;
      return this;
    }

    /**
     * Builds the mapper.
     *
     * @return the mapper
     * @throws IllegalArgumentException if, with a schema, the entity type or a parent type is not
     *     declared, a parent type is not an allowed parent of the entity type, or an attribute is
     *     not declared for it
     */
    public PrincipalMapper build() {
      if (schema != null) {
        var model = schema.model();
        var def = model.entityTypes().get(entityType);
        if (def == null) {
          throw new IllegalArgumentException(
              "entityType " + entityType + " is not declared in the schema");
        }
        List<String> parentTypes = new ArrayList<>();
        for (ClaimParents cp : claimParents) {
          parentTypes.add(cp.entityType());
        }
        if (rolesType != null) {
          parentTypes.add(rolesType);
        }
        if (scopesType != null) {
          parentTypes.add(scopesType);
        }
        for (String t : parentTypes) {
          if (!def.allowedParentTypes().contains(t)) {
            throw new IllegalArgumentException(
                "parent type "
                    + t
                    + " is not an allowed parent"
                    + " type of "
                    + entityType
                    + " in the schema; allowed: "
                    + def.allowedParentTypes());
          }
        }
        for (String a : attributes.keySet()) {
          if (!def.shape().attributes().containsKey(a) && !def.shape().open()) {
            throw new IllegalArgumentException(
                "attribute " + a + " is not declared for " + entityType + " in the schema");
          }
        }
      }
      return new PrincipalMapper(this);
    }

    private static List<String> dotted(String setting, String claimPath) {
      Objects.requireNonNull(claimPath, setting);
      return path(setting, List.of(claimPath.split("\\.", -1)));
    }

    private static List<String> path(String setting, List<String> segments) {
      Objects.requireNonNull(segments, setting);
      if (segments.isEmpty() || segments.contains("")) {
        throw new IllegalArgumentException(
            setting
                + " must be a claim name or dotted path"
                + " without empty segments, was "
                + segments);
      }
      return List.copyOf(segments);
    }

    private static String type(String setting, String type) {
      Objects.requireNonNull(type, setting);
      if (!EntityUid.isValidName(type)) {
        throw new IllegalArgumentException(
            setting + " must be a Cedar name like A::B::C, was \"" + type + "\"");
      }
      return type;
    }
  }
}
