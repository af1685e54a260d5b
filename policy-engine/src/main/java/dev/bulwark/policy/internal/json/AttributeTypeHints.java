/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.json;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.internal.value.CedarRecord;
import java.util.Map;
import java.util.Set;

/**
 * What a schema tells the entity and context JSON readers; implementations must be immutable and
 * thread-safe, since one instance serves every parse.
 *
 * <h2>Contract (implemented by the schema, {@code dev.bulwark.policy.Schema})</h2>
 *
 * <p>{@code Schema} exposes this through a package-private method {@code AttributeTypeHints
 * typeHints()} in package {@code dev.bulwark.policy}; the engine, {@code EntityStore} loaders and
 * context parsing call it when a schema is given.
 *
 * <p>The readers work as Cedar's do with a schema ({@code entities/json/value.rs}, {@code
 * ValueParser::val_into_restricted_expr}): wherever a declared type is known, it decides how the
 * JSON is read:
 *
 * <ul>
 *   <li>{@link ValueType.Kind#ENTITY}: both {@code {"__entity": {"type":..,"id":..}}} and the bare
 *       {@code {"type":..,"id":..}} are an entity reference;
 *   <li>{@link ValueType.Kind#EXTENSION}: {@code {"__extn": {"fn":..,"arg":..}}}, the bare {@code
 *       {"fn":..,"arg":..}} and a plain string (the constructor's argument, e.g. {@code "10.0.0.1"}
 *       for {@code ipaddr}) are an extension value;
 *   <li>{@link ValueType.Kind#SET} and {@link ValueType.Kind#RECORD}: the element / attribute types
 *       are applied recursively;
 *   <li>otherwise, and wherever the type is unknown ({@code null}), the JSON is read as without a
 *       schema (explicit escapes only; an object is a record).
 * </ul>
 *
 * <p>Methods return {@code null} for "not declared"; they never throw for an unknown name.
 */
public interface AttributeTypeHints {

  /**
   * The declared type of one attribute of an entity type.
   *
   * @param entityType the fully qualified entity type name, e.g. {@code NS::User}
   * @param attribute the attribute name
   * @return the declared type, or null if the type or the attribute is not declared
   */
  ValueType attributeType(String entityType, String attribute);

  /**
   * The declared type of the tags of an entity type.
   *
   * @param entityType the fully qualified entity type name
   * @return the tag type, or null if the entity type declares no tags or is unknown
   */
  ValueType tagType(String entityType);

  /**
   * The declared type of the context of an action.
   *
   * @param action the action uid, e.g. {@code Action::"view"} or {@code NS::Action::"view"}
   * @return a {@link ValueType.Kind#RECORD} type, or null if the action is not declared
   */
  ValueType contextType(EntityUid action);

  /**
   * The action entities the schema declares, each with its direct parents (its {@code memberOf} /
   * {@code in} list, resolved to fully qualified uids). Cedar adds these to the entity store when
   * entities are parsed with a schema; the store computes the transitive closure.
   *
   * @return an unmodifiable map from action uid to its direct parents (empty set if none)
   */
  Map<EntityUid, Set<EntityUid>> actionEntities();

  /**
   * Validates a request as Cedar's {@code Request::new(.., Some(schema))} does: the action is
   * declared, the principal and resource types are in its {@code appliesTo} lists, and the context
   * conforms to the declared context type.
   *
   * @param principal the principal
   * @param action the action
   * @param resource the resource
   * @param context the parsed context, an internal record value ({@code
   *     dev.bulwark.policy.internal.value.CedarRecord})
   * @return null if the request is valid, otherwise a message naming what is wrong
   */
  String validateRequest(EntityUid principal, EntityUid action, EntityUid resource, Object context);

  /**
   * Checks a parsed entity against the schema as Cedar's {@code EntitySchemaConformanceChecker}
   * does when entities are read with a schema: its type is declared (an action is declared and has
   * the schema's parents), an enumerated type's id is one of its ids, required attributes are
   * present, no undeclared attribute in a closed shape, every attribute and tag has its declared
   * type, tags only where declared, and every parent's type is allowed.
   *
   * @param uid the entity's uid
   * @param attributes its attributes
   * @param tags its tags
   * @param parents its direct parents
   * @return null if it conforms, otherwise a message naming what is wrong
   */
  default String validateEntity(
      EntityUid uid, CedarRecord attributes, Map<String, Object> tags, Set<EntityUid> parents) {
    return null;
  }

  /**
   * Checks a context read with the types of {@link #contextType}, as Cedar's context parser does:
   * the action is declared, and every record the declared type describes has its required
   * attributes and, if closed, no others.
   *
   * @param action the action
   * @param context the parsed context
   * @return null if it is acceptable, otherwise a message naming what is wrong
   */
  default String validateContext(EntityUid action, CedarRecord context) {
    return null;
  }

  /**
   * Checks a context built from values of its own (not read with the declared types) as {@link
   * #validateRequest} checks the context of a request: the action is declared, and the context has
   * the declared type (every value of its declared type, required attributes present, no undeclared
   * attribute in a closed record, entity references valid).
   *
   * @param action the action
   * @param context the context
   * @return null if it conforms, otherwise a message naming what is wrong
   */
  default String checkContext(EntityUid action, CedarRecord context) {
    return null;
  }
}
