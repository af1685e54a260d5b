/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.authz.CompiledPolicies;
import dev.bulwark.policy.internal.eval.Env;
import dev.bulwark.policy.internal.eval.PolicyDef;
import dev.bulwark.policy.internal.json.AttributeTypeHints;
import dev.bulwark.policy.internal.value.EntityData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A thread-safe Cedar authorizer: any thread may call {@link #authorize(Request)},
 * {@link #authorizeAll(List)} and {@link #updatePolicies(PolicySet)} concurrently.
 *
 * <p>Cedar's semantics: a forbid policy that is satisfied overrides every permit; otherwise a
 * satisfied permit allows; otherwise the request is denied. A policy whose evaluation raises an
 * error is skipped and reported in {@link Decision#errors()}.
 *
 * <p>The policy set is compiled once into an immutable snapshot (expression trees plus a scope
 * index) held in an {@link AtomicReference}; {@link #updatePolicies(PolicySet)} compiles the new
 * set first and then swaps the reference, so each request sees either the old set or the new
 * one, never a mix.
 */
public final class PolicyEngine {
  private static final class Snapshot {
    final PolicySet set;
    final CompiledPolicies compiled;

    Snapshot(PolicySet set) {
      this.set = set;
      this.compiled = new CompiledPolicies(set.definitions());
    }
  }

  private final AtomicReference<Snapshot> current;
  private final EntityStore store;
  private final Schema schema;
  private final boolean validateRequests;
  private final Function<EntityUid, EntityData> lookup;

  private PolicyEngine(Builder b) {
    this.current = new AtomicReference<>(new Snapshot(b.policies));
    this.store = b.entities == null ? InMemoryEntityStore.empty() : b.entities;
    this.schema = b.schema;
    this.validateRequests = b.validateRequests == null ? b.schema != null : b.validateRequests;
    EntityStore s = this.store;
    this.lookup = uid -> {
      Entity e = s.find(uid);
      return e == null ? null : e.data();
    };
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decides one request.
   *
   * @param request the request
   * @return the decision
   * @throws IllegalArgumentException if request validation is on and the request does not
   *     conform to the schema
   */
  public Decision authorize(Request request) {
    return decide(current.get(), request);
  }

  /**
   * Decides several requests against one snapshot of the policy set.
   *
   * @param requests the requests
   * @return the decisions, in the same order
   * @throws IllegalArgumentException if request validation is on and a request does not conform
   */
  public List<Decision> authorizeAll(List<Request> requests) {
    Snapshot s = current.get();
    List<Decision> out = new ArrayList<>(requests.size());
    for (Request r : requests) {
      out.add(decide(s, r));
    }
    return out;
  }

  /**
   * Replaces the policy set atomically: requests already running finish with the old set, later
   * ones use the new set.
   *
   * @param policies the new policy set
   */
  public void updatePolicies(PolicySet policies) {
    Objects.requireNonNull(policies, "policies");
    current.set(new Snapshot(policies));
  }

  /** @return the policy set in force */
  public PolicySet policies() {
    return current.get().set;
  }

  private Decision decide(Snapshot s, Request request) {
    Objects.requireNonNull(request, "request");
    if (validateRequests) {
      AttributeTypeHints hints = schema.typeHints();
      String problem = hints.validateRequest(request.principal(), request.action(),
          request.resource(), request.context().record());
      if (problem != null) {
        throw new IllegalArgumentException("request does not conform to the schema: " + problem);
      }
    }
    Env env = new Env(request.principal(), request.action(), request.resource(),
        request.context().record(), lookup);
    Entity pe = store.find(request.principal());
    Entity ae = store.find(request.action());
    Entity re = store.find(request.resource());
    env.prefetched(pe == null ? null : pe.data(), ae == null ? null : ae.data(),
        re == null ? null : re.data());
    Set<EntityUid> pAnc = pe == null ? Set.of() : pe.ancestors();
    Set<EntityUid> aAnc = ae == null ? Set.of() : ae.ancestors();
    Set<EntityUid> rAnc = re == null ? Set.of() : re.ancestors();
    Collector c = new Collector();
    s.compiled.evaluate(env, pAnc, aAnc, rAnc, array(pe), array(ae), array(re), c);
    return c.decision();
  }

  private static final EntityUid[] NO_UIDS = new EntityUid[0];

  private static EntityUid[] array(Entity e) {
    return e == null ? NO_UIDS : e.data().ancestorArray();
  }

  /** Gathers one request's outcomes; confined to the deciding thread. */
  private static final class Collector implements CompiledPolicies.Sink {
    List<String> permits;
    List<String> forbids;
    List<Decision.PolicyError> errors;

    @Override
    public void accept(PolicyDef policy, boolean satisfied, String error) {
      if (error != null) {
        if (errors == null) {
          errors = new ArrayList<>(2);
        }
        errors.add(new Decision.PolicyError(policy.id(), error));
      } else if (satisfied) {
        if (policy.isPermit()) {
          if (permits == null) {
            permits = new ArrayList<>(2);
          }
          permits.add(policy.id());
        } else {
          if (forbids == null) {
            forbids = new ArrayList<>(2);
          }
          forbids.add(policy.id());
        }
      }
    }

    static Set<String> ids(List<String> l) {
      // Policy ids are unique within a set, so the list has no duplicates.
      return l.size() == 1 ? Set.of(l.get(0)) : Set.copyOf(l);
    }

    Decision decision() {
      List<Decision.PolicyError> errs = errors == null ? List.of()
          : Collections.unmodifiableList(errors);
      if (forbids != null) {
        return new Decision(false, ids(forbids), errs);
      }
      if (permits != null) {
        return new Decision(true, ids(permits), errs);
      }
      return new Decision(false, Set.of(), errs);
    }
  }

  @Override
  public String toString() {
    return "PolicyEngine[" + current.get().set + ", " + store + "]";
  }

  /**
   * Builds a {@link PolicyEngine}; not thread-safe, use from one thread. Each setting may be made
   * once.
   */
  public static final class Builder {
    private PolicySet policies;
    private EntityStore entities;
    private Schema schema;
    private Boolean validateRequests;

    private Builder() {}

    /**
     * Sets the policy set (required).
     *
     * @param policies the policies
     * @return this
     * @throws IllegalStateException if already set
     */
    public Builder policies(PolicySet policies) {
      Objects.requireNonNull(policies, "policies");
      if (this.policies != null) {
        throw new IllegalStateException("policies already set");
      }
      this.policies = policies;
      return this;
    }

    /**
     * Sets the entity store (default: an empty store).
     *
     * @param entities the store
     * @return this
     * @throws IllegalStateException if already set
     */
    public Builder entities(EntityStore entities) {
      Objects.requireNonNull(entities, "entities");
      if (this.entities != null) {
        throw new IllegalStateException("entities already set");
      }
      this.entities = entities;
      return this;
    }

    /**
     * Sets the schema; requests are then validated against it unless
     * {@link #validateRequests(boolean)} turns that off.
     *
     * @param schema the schema
     * @return this
     * @throws IllegalStateException if already set
     */
    public Builder schema(Schema schema) {
      Objects.requireNonNull(schema, "schema");
      if (this.schema != null) {
        throw new IllegalStateException("schema already set");
      }
      this.schema = schema;
      return this;
    }

    /**
     * Turns request validation against the schema on or off (default: on when a schema is set).
     *
     * @param validate true to validate
     * @return this
     * @throws IllegalStateException if already set
     */
    public Builder validateRequests(boolean validate) {
      if (this.validateRequests != null) {
        throw new IllegalStateException("validateRequests already set");
      }
      this.validateRequests = validate;
      return this;
    }

    /**
     * Builds the engine.
     *
     * @return the engine
     * @throws IllegalStateException if no policy set was given, or request validation is on
     *     without a schema
     */
    public PolicyEngine build() {
      if (policies == null) {
        throw new IllegalStateException("policies must be set");
      }
      if (Boolean.TRUE.equals(validateRequests) && schema == null) {
        throw new IllegalStateException("validateRequests=true needs a schema");
      }
      return new PolicyEngine(this);
    }
  }
}
