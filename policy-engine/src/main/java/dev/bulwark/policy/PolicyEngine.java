/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.authz.CompiledPolicies;
import dev.bulwark.policy.internal.eval.Env;
import dev.bulwark.policy.internal.eval.PolicyDef;
import dev.bulwark.policy.internal.jfr.AuthorizationEvent;
import dev.bulwark.policy.internal.json.AttributeTypeHints;
import dev.bulwark.policy.internal.value.EntityData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A thread-safe Cedar authorizer: any thread may call {@link #authorize(Request)}, {@link
 * #authorizeAll(List)} and {@link #updatePolicies(PolicySet)} concurrently.
 *
 * <p>Cedar's semantics: a forbid policy that is satisfied overrides every permit; otherwise a
 * satisfied permit allows; otherwise the request is denied. A policy whose evaluation raises an
 * error is skipped and reported in {@link Decision#errors()}.
 *
 * <p>The policy set is compiled once into an immutable snapshot (expression trees plus a scope
 * index) held in an {@link AtomicReference}; {@link #updatePolicies(PolicySet)} compiles the new
 * set first and then swaps the reference, so each request sees either the old set or the new one,
 * never a mix. Likewise each request reads its entities from one {@link EntityStore#snapshot()} of
 * the store, so a {@link MutableEntityStore} changed while it runs is seen either before the change
 * or after it.
 *
 * <p>The engine counts its decisions by outcome ({@link #stats()}) with striped counters that exist
 * whether or not anything reads them. A {@link PolicyTimingListener} added with {@link
 * #addTimingListener} is told the duration of every decision, or of a random sample of them; a
 * decision no listener samples reads no clock. The JDK Flight Recorder event {@code
 * dev.bulwark.policy.Authorization} records each decision with its stages when a recording enables
 * it.
 */
public final class PolicyEngine {
  private static final class Snapshot {
    final PolicySet set;
    final CompiledPolicies compiled;
    // The decision determined by policy i alone with no errors, the common outcome, built once
    // so that such a decision allocates nothing; Decision is immutable, so sharing is safe.
    final Decision[] sole;
    // Deny with nothing satisfied and no errors; one per set, since a decision names its set.
    final Decision defaultDeny;

    Snapshot(PolicySet set) {
      this.defaultDeny = new Decision(false, Set.of(), List.of(), set);
      this.set = set;
      this.compiled = new CompiledPolicies(set.definitions());
      this.sole = new Decision[compiled.size()];
      for (int i = 0; i < sole.length; i++) {
        PolicyDef d = compiled.policy(i);
        sole[i] = new Decision(d.isPermit(), Set.of(d.id()), List.of(), set);
      }
    }
  }

  /** The largest sample interval of a timing listener: one decision in about a million. */
  public static final int MAX_TIMING_SAMPLE_INTERVAL = 1 << 20;

  private final AtomicReference<Snapshot> current;
  private final EntityStore store;
  private final Schema schema;
  private final boolean validateRequests;
  private final boolean validatePolicies;
  private final Function<EntityUid, EntityData> lookup;
  // Striped, so that threads deciding at once do not contend on one cache line.
  private final LongAdder allowed = new LongAdder();
  private final LongAdder denied = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder withPolicyErrors = new LongAdder();

  /** The timing listeners, or null for none (the common case, one read per decision). */
  private volatile Timings timings;

  private PolicyEngine(Builder b) {
    this.current = new AtomicReference<>(new Snapshot(b.policies));
    this.store = b.entities == null ? InMemoryEntityStore.empty() : b.entities;
    this.schema = b.schema;
    this.validateRequests = b.validateRequests == null ? b.schema != null : b.validateRequests;
    this.validatePolicies =
        b.validatePolicies == null ? Builder.DEFAULT_VALIDATE_POLICIES : b.validatePolicies;
    EntityStore s = this.store;
    this.lookup =
        uid -> {
          Entity e = s.find(uid);
          return e == null ? null : e.data();
        };
  }

  /**
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decides one request.
   *
   * @param request the request
   * @return the decision
   * @throws InvalidRequestException if request validation is on and the request does not conform to
   *     the schema (the action is not declared, the principal or resource is of a type the action
   *     does not apply to, the context does not have the declared type)
   * @throws EntityStoreUnavailableException if the entity store cannot answer: the request is not
   *     decided (a service answers 503), never allowed
   */
  public Decision authorize(Request request) {
    Timings t = timings;
    // Built only to ask. With the event off it is optimised away, but only because the branch that
    // hands it on is never taken: an event that could escape on any path a decision takes would be
    // allocated for every decision.
    AuthorizationEvent event = new AuthorizationEvent();
    // One random draw decides which listeners hear of this decision; a decision no listener
    // samples reads no clock.
    int draw = Timings.draw(t);
    boolean timed = t != null && t.timesClock(draw);
    if (event.isEnabled()) {
      return observed(request, null, timed ? t : null, draw, event);
    }
    if (timed) {
      return observed(request, null, t, draw, null);
    }
    try {
      return counted(authorize(request, (AuthorizationEvent) null));
    } catch (RuntimeException e) {
      errors.increment();
      throw e;
    }
  }

  private Decision authorize(Request request, AuthorizationEvent event) {
    Objects.requireNonNull(request, "request");
    validate(request);
    return decide(current.get(), request, lookup(snapshot(store)), event);
  }

  /** Counts a decision by its outcome and returns it. */
  private Decision counted(Decision d) {
    (d.isAllowed() ? allowed : denied).increment();
    if (!d.errors().isEmpty()) {
      withPolicyErrors.increment();
    }
    return d;
  }

  /**
   * Decides with a sampled listener or the JFR event on: times the decision, counts it, and tells
   * them. {@code requestEntities} is null for {@link #authorize(Request)}; {@code t} is null unless
   * the decision is timed, {@code event} null unless a recording wants it.
   */
  private Decision observed(
      Request request,
      Collection<Entity> requestEntities,
      Timings t,
      int draw,
      AuthorizationEvent event) {
    boolean recording = event != null;
    if (recording) {
      event.begin();
    }
    long start = t == null ? 0 : System.nanoTime();
    Decision d = null;
    try {
      AuthorizationEvent e = recording ? event : null;
      d =
          counted(
              requestEntities == null
                  ? authorize(request, e)
                  : authorize(request, requestEntities, e));
      return d;
    } catch (RuntimeException e) {
      errors.increment();
      throw e;
    } finally {
      long took = t == null ? 0 : System.nanoTime() - start;
      if (recording) {
        event.end();
        if (event.shouldCommit()) {
          if (request != null) {
            event.principalType = request.principal().type();
            event.action = request.action().toString();
            event.resourceType = request.resource().type();
          }
          event.decision = d == null ? "error" : d.isAllowed() ? "allow" : "deny";
          event.policyErrors = d == null ? 0 : d.errors().size();
          event.commit();
        }
      }
      tell(t, draw, d, took);
    }
  }

  /** Tells the listeners that sample {@code draw}; {@code t} null for none. */
  private static void tell(Timings t, int draw, Decision d, long took) {
    if (t == null) {
      return;
    }
    for (int i = 0; i < t.listeners.length; i++) {
      if (t.samples(i, draw)) {
        try {
          t.listeners[i].decided(d, took);
        } catch (RuntimeException e) {
          // A broken listener must not change the answer; the caller has its decision.
        }
      }
    }
  }

  /**
   * Adds a listener told the duration of every later decision: {@link
   * #addTimingListener(PolicyTimingListener, int)} with a sample interval of 1.
   *
   * @throws NullPointerException if {@code listener} is null
   */
  public void addTimingListener(PolicyTimingListener listener) {
    addTimingListener(listener, 1);
  }

  /**
   * Adds a listener told the duration of about one in {@code sampleInterval} later decisions,
   * chosen at random per decision. The engine holds it strongly until {@link
   * #removeTimingListener}; it must not hold the engine. A sampled decision reads {@link
   * System#nanoTime()} twice; the others only draw a thread-local random number. Sampling keeps a
   * latency histogram's shape at a fraction of the cost; counts of decisions come from {@link
   * #stats()}, which counts every one.
   *
   * @param listener the listener
   * @param sampleInterval 1 to time every decision, or a larger power of two up to {@value
   *     #MAX_TIMING_SAMPLE_INTERVAL}
   * @throws NullPointerException if {@code listener} is null
   * @throws IllegalArgumentException if {@code sampleInterval} is not a power of two from 1 to
   *     {@value #MAX_TIMING_SAMPLE_INTERVAL}
   */
  public synchronized void addTimingListener(PolicyTimingListener listener, int sampleInterval) {
    Objects.requireNonNull(listener, "listener");
    Timings.checkInterval(sampleInterval);
    timings = Timings.with(timings, listener, sampleInterval);
  }

  /**
   * Removes a listener added with {@link #addTimingListener} (the same instance); does nothing if
   * it is not there.
   */
  public synchronized void removeTimingListener(PolicyTimingListener listener) {
    Timings t = timings;
    if (t != null) {
      timings = t.without(listener);
    }
  }

  /**
   * The engine's counters now: requests allowed, denied, and not decided. Thread-safe; sums a few
   * striped counters and allocates the snapshot, so it is meant for a metrics scrape.
   */
  public PolicyStats stats() {
    return new PolicyStats(allowed.sum(), denied.sum(), errors.sum(), withPolicyErrors.sum());
  }

  /**
   * Decides one request with entities of its own (the caller and its groups, built for this
   * request) layered over the engine's store, as cedar-java's {@code isAuthorized(request,
   * entities)} decides over the entities it is given. Every entity's ancestors are closed over
   * both: a request entity whose parent is a group of the store inherits that group's ancestors,
   * and a store entity whose parent is a request entity inherits that entity's. The store is only
   * read; the request's entities are gone when the decision is made.
   *
   * <p>A request entity may not share its uid with another or with an entity of the store: Cedar
   * refuses two entities with one uid, and which definition won would decide the request. When
   * request validation is on, each request entity is checked against the schema as {@link
   * InMemoryEntityStore#fromJson(String, Schema)} checks an entity.
   *
   * @param request the request
   * @param requestEntities the request's own entities; their ancestors need not be set
   * @return the decision
   * @throws InvalidRequestException if request validation is on and the request or one of its
   *     entities does not conform to the schema, two request entities share a uid, a request entity
   *     is also in the store, or the hierarchy over both has a cycle
   * @throws EntityStoreUnavailableException if the entity store cannot answer
   */
  public Decision authorize(Request request, Collection<Entity> requestEntities) {
    Timings t = timings;
    AuthorizationEvent event = new AuthorizationEvent(); // as in authorize(Request)
    int draw = Timings.draw(t);
    boolean timed = t != null && t.timesClock(draw);
    if (event.isEnabled()) {
      Objects.requireNonNull(requestEntities, "requestEntities");
      return observed(request, requestEntities, timed ? t : null, draw, event);
    }
    if (timed) {
      Objects.requireNonNull(requestEntities, "requestEntities");
      return observed(request, requestEntities, t, draw, null);
    }
    try {
      return counted(authorize(request, requestEntities, null));
    } catch (RuntimeException e) {
      errors.increment();
      throw e;
    }
  }

  private Decision authorize(
      Request request, Collection<Entity> requestEntities, AuthorizationEvent event) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(requestEntities, "requestEntities");
    if (requestEntities.isEmpty()) {
      return authorize(request, event);
    }
    validate(request);
    RequestEntities layer =
        RequestEntities.of(
            snapshot(store), requestEntities, validateRequests ? schema.typeHints() : null);
    return decide(current.get(), request, layer::find, event);
  }

  /**
   * Decides several requests against one snapshot of the policy set and one of the entity store
   * ({@link EntityStore#snapshot()}).
   *
   * @param requests the requests
   * @return the decisions, in the same order
   * @throws InvalidRequestException if request validation is on and a request does not conform
   * @throws EntityStoreUnavailableException if the entity store cannot answer
   */
  public List<Decision> authorizeAll(List<Request> requests) {
    Timings t = timings;
    Snapshot s = current.get();
    Function<EntityUid, EntityData> find;
    try {
      find = lookup(snapshot(store));
    } catch (RuntimeException e) {
      errors.increment();
      throw e;
    }
    List<Decision> out = new ArrayList<>(requests.size());
    for (Request r : requests) {
      // Each request is counted and timed as one decision; the JFR event is authorize's only.
      int draw = Timings.draw(t);
      boolean timed = t != null && t.timesClock(draw);
      long start = timed ? System.nanoTime() : 0;
      Decision d = null;
      try {
        Objects.requireNonNull(r, "request");
        validate(r);
        d = counted(decide(s, r, find, null));
      } catch (RuntimeException e) {
        errors.increment();
        throw e;
      } finally {
        if (timed) {
          tell(t, draw, d, System.nanoTime() - start);
        }
      }
      out.add(d);
    }
    return out;
  }

  /**
   * Replaces the policy set atomically: requests already running finish with the old set, later
   * ones use the new set.
   *
   * <p>Where the engine validates policies ({@link Builder#validatePolicies}), an invalid set is
   * refused and the engine keeps its old one.
   *
   * @param policies the new policy set
   * @throws PolicyValidationException if the engine validates policies and these are invalid
   */
  public void updatePolicies(PolicySet policies) {
    Objects.requireNonNull(policies, "policies");
    if (validatePolicies) {
      requireValid(schema, policies);
    }
    current.set(new Snapshot(policies));
  }

  private static void requireValid(Schema schema, PolicySet policies) {
    ValidationResult r = schema.validate(policies);
    if (!r.isValid()) {
      throw new PolicyValidationException(r);
    }
  }

  /**
   * The lookup over one state of the store, which the whole request reads: the prebuilt one when
   * the store does not change, the snapshot's own when it is an {@link InMemoryEntityStore} (a
   * {@link MutableEntityStore}'s), so that neither allocates.
   */
  private Function<EntityUid, EntityData> lookup(EntityStore snap) {
    if (snap == store) {
      return lookup;
    }
    if (snap instanceof InMemoryEntityStore) {
      return ((InMemoryEntityStore) snap).lookup();
    }
    return uid -> {
      Entity e = snap.find(uid);
      return e == null ? null : e.data();
    };
  }

  private static EntityStore snapshot(EntityStore store) {
    // A store that returned null would otherwise fail later, inside policy evaluation.
    return Objects.requireNonNull(store.snapshot(), "EntityStore.snapshot() returned null");
  }

  /**
   * @return the policy set in force
   */
  public PolicySet policies() {
    return current.get().set;
  }

  private void validate(Request request) {
    if (validateRequests) {
      AttributeTypeHints hints = schema.typeHints();
      String problem;
      try {
        problem =
            hints.validateRequest(
                request.principal(),
                request.action(),
                request.resource(),
                request.context().record());
      } catch (StackOverflowError e) {
        // Validation recurses along the context's values; on a thread with a small stack a deep
        // (but accepted) context can overflow it. It changes no state, so the request is refused.
        problem = "the context is nested too deeply for this thread's stack to validate";
      }
      if (problem != null) {
        throw new InvalidRequestException("request does not conform to the schema: " + problem);
      }
    }
  }

  /** Decides; {@code event}, when not null, is given the stages' durations. */
  private Decision decide(
      Snapshot s, Request request, Function<EntityUid, EntityData> find, AuthorizationEvent event) {
    long mark = event == null ? 0 : System.nanoTime();
    EntityData pe = find.apply(request.principal());
    EntityData ae = find.apply(request.action());
    EntityData re = find.apply(request.resource());
    if (event != null) {
      long t = System.nanoTime();
      event.lookupDuration = t - mark;
      mark = t;
    }
    Collector c = new Collector(request, find, s.compiled);
    c.prefetched(pe, ae, re);
    // The principal and resource are reported missing even when no policy asks for them: a
    // request about an entity that does not exist is what a caller wants to tell from a deny.
    if (pe == null) {
      c.noteMissing(request.principal());
    }
    if (re == null) {
      c.noteMissing(request.resource());
    }
    s.compiled.evaluate(c, c);
    Decision d = c.decision(s);
    if (event != null) {
      event.evaluateDuration = System.nanoTime() - mark;
    }
    return d;
  }

  /**
   * One request's environment, which also gathers its outcomes (one object instead of two per
   * decision); confined to the deciding thread. The first two satisfied policies of each kind are
   * kept as indexes; a list is made only for a third, or when a policy errors, which most decisions
   * never see.
   */
  private static final class Collector extends Env implements CompiledPolicies.Sink {
    int permit = -1;
    int permit2 = -1;
    int forbid = -1;
    int forbid2 = -1;
    List<String> permits;
    List<String> forbids;
    List<Decision.PolicyError> errors;
    private final CompiledPolicies compiled;

    Collector(Request r, Function<EntityUid, EntityData> lookup, CompiledPolicies compiled) {
      super(r.principal(), r.action(), r.resource(), r.context().record(), lookup);
      this.compiled = compiled;
    }

    @Override
    public void accept(int index, PolicyDef policy, boolean satisfied, String error) {
      if (error != null) {
        if (errors == null) {
          errors = new ArrayList<>(2);
        }
        errors.add(new Decision.PolicyError(policy.id(), error));
      } else if (satisfied) {
        if (policy.isPermit()) {
          if (permit < 0) {
            permit = index;
          } else if (permit2 < 0) {
            permit2 = index;
          } else {
            permits = more(permits, permit, permit2, policy);
          }
        } else {
          if (forbid < 0) {
            forbid = index;
          } else if (forbid2 < 0) {
            forbid2 = index;
          } else {
            forbids = more(forbids, forbid, forbid2, policy);
          }
        }
      }
    }

    private List<String> more(List<String> l, int first, int second, PolicyDef next) {
      // Policy ids are unique within a set and each policy reports once, so no duplicates.
      if (l == null) {
        l = new ArrayList<>(4);
        l.add(id(first));
        l.add(id(second));
      }
      l.add(next.id());
      return l;
    }

    private String id(int index) {
      return compiled.policy(index).id();
    }

    Decision decision(Snapshot s) {
      Decision d = outcome(s);
      EntityUid only = missingOnly();
      if (only != null) {
        return d.withMissingEntity(only);
      }
      Set<EntityUid> missing = missing();
      return missing == null ? d : d.withMissingEntities(missing);
    }

    private Decision outcome(Snapshot s) {
      if (forbid >= 0) {
        return decision(s, false, forbid, forbid2, forbids);
      }
      if (permit >= 0) {
        return decision(s, true, permit, permit2, permits);
      }
      return errors == null
          ? s.defaultDeny
          : new Decision(false, Set.of(), Collections.unmodifiableList(errors), s.set);
    }

    private Decision decision(
        Snapshot s, boolean allowed, int first, int second, List<String> all) {
      if (second < 0 && errors == null) {
        return s.sole[first];
      }
      Set<String> ids =
          second < 0
              ? s.sole[first].reasons()
              : all == null ? Set.of(id(first), id(second)) : Set.copyOf(all);
      return new Decision(
          allowed, ids, errors == null ? List.of() : Collections.unmodifiableList(errors), s.set);
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
    /** The default {@link #validatePolicies(boolean)}: {@value}. */
    public static final boolean DEFAULT_VALIDATE_POLICIES = false;

    private PolicySet policies;
    private EntityStore entities;
    private Schema schema;
    private Boolean validateRequests;
    private Boolean validatePolicies;

    private Builder() {}

    private static void once(Object current, String setting, Object next) {
      if (current != null) {
        throw new IllegalStateException(
            setting + " was already set to " + current + ", cannot set it again to " + next);
      }
    }

    /**
     * Sets the policy set (required).
     *
     * @param policies the policies
     * @return this
     * @throws IllegalStateException if already set
     */
    public Builder policies(PolicySet policies) {
      Objects.requireNonNull(policies, "policies");
      once(this.policies, "policies", policies);
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
      once(this.entities, "entities", entities);
      this.entities = entities;
      return this;
    }

    /**
     * Sets the schema; requests are then validated against it unless {@link
     * #validateRequests(boolean)} turns that off.
     *
     * @param schema the schema
     * @return this
     * @throws IllegalStateException if already set
     */
    public Builder schema(Schema schema) {
      Objects.requireNonNull(schema, "schema");
      once(this.schema, "schema", schema);
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
      once(this.validateRequests, "validateRequests", validate);
      this.validateRequests = validate;
      return this;
    }

    /**
     * Turns policy validation against the schema on or off (default {@value
     * #DEFAULT_VALIDATE_POLICIES}). When on, {@link #build()} and {@link
     * PolicyEngine#updatePolicies} refuse a policy set in which the validator ({@link
     * Schema#validate(PolicySet)}) finds an error, instead of letting the mistake show up at run
     * time as a silent deny.
     *
     * @param validate true to validate
     * @return this
     * @throws IllegalStateException if already set
     */
    public Builder validatePolicies(boolean validate) {
      once(this.validatePolicies, "validatePolicies", validate);
      this.validatePolicies = validate;
      return this;
    }

    /**
     * Builds the engine.
     *
     * @return the engine
     * @throws IllegalStateException if no policy set was given, or request or policy validation is
     *     on without a schema
     * @throws PolicyValidationException if policy validation is on and the policies are invalid
     */
    public PolicyEngine build() {
      if (policies == null) {
        throw new IllegalStateException("policies must be set");
      }
      if (Boolean.TRUE.equals(validateRequests) && schema == null) {
        throw new IllegalStateException(
            "validateRequests=true needs a schema, but schema is not "
                + "set: set schema(...) or validateRequests(false)");
      }
      boolean checkPolicies =
          validatePolicies == null ? DEFAULT_VALIDATE_POLICIES : validatePolicies;
      if (checkPolicies) {
        if (schema == null) {
          throw new IllegalStateException(
              "validatePolicies=true needs a schema, but schema is not "
                  + "set: set schema(...) or validatePolicies(false)");
        }
        requireValid(schema, policies);
      }
      return new PolicyEngine(this);
    }
  }

  /**
   * The timing listeners and their sample masks ({@code interval - 1}); immutable, replaced whole
   * under the engine's lock. A decision is timed when its random draw passes the smallest mask, and
   * a listener hears of it when the draw also passes its own: with power-of-two intervals, passing
   * a larger mask implies passing a smaller one.
   */
  private static final class Timings {
    final PolicyTimingListener[] listeners;
    final int[] masks;
    final int clockMask;

    private Timings(PolicyTimingListener[] listeners, int[] masks) {
      this.listeners = listeners;
      this.masks = masks;
      int min = Integer.MAX_VALUE;
      for (int m : masks) {
        min = Math.min(min, m);
      }
      this.clockMask = min;
    }

    static void checkInterval(int interval) {
      if (interval < 1
          || interval > MAX_TIMING_SAMPLE_INTERVAL
          || Integer.bitCount(interval) != 1) {
        throw new IllegalArgumentException(
            "sampleInterval must be a power of two from 1 to "
                + MAX_TIMING_SAMPLE_INTERVAL
                + ", got "
                + interval);
      }
    }

    /** A random draw for one decision, or -1 (never used) when there are no listeners. */
    static int draw(Timings t) {
      return t == null ? -1 : ThreadLocalRandom.current().nextInt();
    }

    static Timings with(Timings old, PolicyTimingListener listener, int interval) {
      int n = old == null ? 0 : old.listeners.length;
      PolicyTimingListener[] l =
          old == null ? new PolicyTimingListener[1] : Arrays.copyOf(old.listeners, n + 1);
      int[] m = old == null ? new int[1] : Arrays.copyOf(old.masks, n + 1);
      l[n] = listener;
      m[n] = interval - 1;
      return new Timings(l, m);
    }

    /** These timings without {@code listener} (the same instance), or null if none is left. */
    Timings without(PolicyTimingListener listener) {
      for (int i = 0; i < listeners.length; i++) {
        if (listeners[i] == listener) {
          if (listeners.length == 1) {
            return null;
          }
          PolicyTimingListener[] l = new PolicyTimingListener[listeners.length - 1];
          int[] m = new int[masks.length - 1];
          System.arraycopy(listeners, 0, l, 0, i);
          System.arraycopy(listeners, i + 1, l, i, l.length - i);
          System.arraycopy(masks, 0, m, 0, i);
          System.arraycopy(masks, i + 1, m, i, m.length - i);
          return new Timings(l, m);
        }
      }
      return this;
    }

    boolean timesClock(int draw) {
      return (draw & clockMask) == 0;
    }

    boolean samples(int listener, int draw) {
      return (draw & masks[listener]) == 0;
    }
  }
}
