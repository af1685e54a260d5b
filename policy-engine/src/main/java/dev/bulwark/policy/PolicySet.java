/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.eval.PolicyDef;
import dev.bulwark.policy.internal.eval.Scope;
import dev.bulwark.policy.internal.json.JsonReader;
import dev.bulwark.policy.internal.parse.CedarParser;
import dev.bulwark.policy.internal.parse.EstParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, thread-safe set of Cedar policies, templates and template-linked policies, parsed
 * once into compiled expression trees.
 *
 * <p>Ids are {@code policy0}, {@code policy1}, ... by position in the text (templates count),
 * unless a policy carries an {@code @id("...")} annotation, as Cedar's command line names them
 * ({@link #parseWithPositionalIds(String)} ignores {@code @id}, as Cedar's library does). A text
 * with any error gives no policy set at all.
 */
public final class PolicySet {
  private static final PolicySet EMPTY = new PolicySet(Map.of(), Map.of());

  private final Map<String, PolicyDef> policies;
  private final Map<String, PolicyDef> templates;

  private PolicySet(Map<String, PolicyDef> policies, Map<String, PolicyDef> templates) {
    this.policies = policies;
    this.templates = templates;
  }

  /**
   * @return the empty policy set
   */
  public static PolicySet empty() {
    return EMPTY;
  }

  /**
   * Parses Cedar policy text.
   *
   * @param text the policies
   * @return the policy set
   * @throws PolicyParseException with line, column and offending text on the first error, or if the
   *     text is nested too deeply for the calling thread's stack
   */
  public static PolicySet parse(String text) throws PolicyParseException {
    Objects.requireNonNull(text, "text");
    return DeepInput.parse(
        "policy text",
        DeepInput.POLICY_LIMITS,
        () -> of(CedarParser.parsePolicies(text), List.of()));
  }

  /**
   * Reads Cedar policy files into one set, as if they were one text in the order given: a policy
   * without an {@code @id} annotation is {@code policyN} by its position in the whole set, so the
   * first policy of the second file follows on from the last of the first. Ids must be unique
   * across the files.
   *
   * @param files the files, UTF-8, at least one
   * @return the policy set
   * @throws IOException if a file cannot be read (or is not UTF-8)
   * @throws PolicyParseException if a file does not parse, or two policies share an id; the message
   *     names the file (both files, for a duplicate id), line and column
   * @throws IllegalArgumentException if no file is given, or one file is given twice
   */
  public static PolicySet read(Path... files) throws IOException, PolicyParseException {
    return read(List.of(files));
  }

  /**
   * Reads Cedar policy files into one set, as {@link #read(Path...)} does.
   *
   * @param files the files, UTF-8, at least one
   * @return the policy set
   * @throws IOException if a file cannot be read (or is not UTF-8)
   * @throws PolicyParseException if a file does not parse, or two policies share an id; the message
   *     names the file (both files, for a duplicate id), line and column
   * @throws IllegalArgumentException if no file is given, or one file is given twice
   */
  public static PolicySet read(List<Path> files) throws IOException, PolicyParseException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("files must name at least one file, was empty");
    }
    Set<Path> seen = new java.util.HashSet<>();
    for (Path f : files) {
      // The same file twice would repeat every policy under a new positional id.
      if (!seen.add(f.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException("files must be distinct, " + f + " appears twice");
      }
    }
    List<PolicyDef> all = new ArrayList<>();
    Map<String, Path> fileOf = new java.util.HashMap<>();
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      int first = all.size();
      List<PolicyDef> defs;
      try {
        defs =
            DeepInput.parse(
                "policy text",
                DeepInput.POLICY_LIMITS,
                () -> CedarParser.parsePolicies(text, true, first));
      } catch (PolicyParseException e) {
        throw new PolicyParseException(f.toString(), e);
      }
      for (PolicyDef d : defs) {
        Path earlier = fileOf.putIfAbsent(d.id(), f);
        if (earlier != null) {
          throw new PolicyParseException(
              f.toString(),
              JsonReader.errorAt(
                  text,
                  d.start(),
                  "duplicate policy id \"" + d.id() + "\", already used in " + earlier));
        }
      }
      all.addAll(defs);
    }
    return of(all, List.of());
  }

  /**
   * Parses Cedar policy text with positional ids only: {@code policy0}, {@code policy1}, ... even
   * where a policy has an {@code @id} annotation. This is what Cedar's library ({@code
   * PolicySet::from_str}) does, and therefore what Cedar's integration tests expect; {@link
   * #parse(String)} follows Cedar's command line instead, which names a policy by its {@code @id}.
   *
   * @param text the policies
   * @return the policy set
   * @throws PolicyParseException with line, column and offending text on the first error, or if the
   *     text is nested too deeply for the calling thread's stack
   */
  public static PolicySet parseWithPositionalIds(String text) throws PolicyParseException {
    Objects.requireNonNull(text, "text");
    return DeepInput.parse(
        "policy text",
        DeepInput.POLICY_LIMITS,
        () -> of(CedarParser.parsePolicies(text, false), List.of()));
  }

  /**
   * Parses a policy set in Cedar's JSON policy format: {@code {"staticPolicies": {id: policy},
   * "templates": {id: template}, "templateLinks": [{"templateId", "newId", "values"}]}}, or a
   * single JSON policy (given the id {@code policy0}).
   *
   * @param json the JSON text
   * @return the policy set
   * @throws PolicyParseException on the first error, or if the JSON is nested too deeply for the
   *     calling thread's stack
   */
  public static PolicySet parseJson(String json) throws PolicyParseException {
    Objects.requireNonNull(json, "json");
    EstParser.Result r =
        DeepInput.parse("policy JSON", DeepInput.JSON_LIMITS, () -> EstParser.parsePolicySet(json));
    PolicySet base = of(r.policies, List.of());
    for (EstParser.Link l : r.links) {
      try {
        base = base.link(l.templateId, l.newId, l.values);
      } catch (IllegalArgumentException e) {
        throw new PolicyParseException("template link " + l.newId + ": " + e.getMessage());
      }
    }
    return base;
  }

  private static PolicySet of(List<PolicyDef> defs, List<PolicyDef> more)
      throws PolicyParseException {
    Map<String, PolicyDef> ps = new LinkedHashMap<>();
    Map<String, PolicyDef> ts = new LinkedHashMap<>();
    for (PolicyDef d : defs) {
      if (ps.containsKey(d.id()) || ts.containsKey(d.id())) {
        throw new PolicyParseException("duplicate policy id \"" + d.id() + "\"");
      }
      (d.isTemplate() ? ts : ps).put(d.id(), d);
    }
    return new PolicySet(Collections.unmodifiableMap(ps), Collections.unmodifiableMap(ts));
  }

  /**
   * Returns a copy with a template linked: its slots filled to make a new policy.
   *
   * <p>As Cedar does, every slot of the template must be given a value and no other key may be
   * given: a link that left a slot empty would be a policy that matches nothing, which would
   * silently disable a linked {@code forbid}.
   *
   * @param templateId the template's id
   * @param newId the linked policy's id
   * @param values the slot values, keyed {@code ?principal} and/or {@code ?resource}
   * @return the new policy set
   * @throws IllegalArgumentException if the template does not exist (or names a static policy), the
   *     new id is empty or already names a policy or template, a slot of the template has no value,
   *     or a key is not a slot of the template
   * @throws NullPointerException if an argument is null
   */
  public PolicySet link(String templateId, String newId, Map<String, EntityUid> values) {
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(newId, "newId");
    Objects.requireNonNull(values, "values");
    PolicyDef t = templates.get(templateId);
    if (t == null) {
      throw new IllegalArgumentException(
          "templateId must name a template, was \""
              + templateId
              + "\""
              + (policies.containsKey(templateId) ? " (a policy, not a template)" : ""));
    }
    if (newId.isEmpty()) {
      throw new IllegalArgumentException("newId must not be empty");
    }
    if (policies.containsKey(newId) || templates.containsKey(newId)) {
      throw new IllegalArgumentException("newId must be unused, was \"" + newId + "\"");
    }
    Set<String> slots = new LinkedHashSet<>();
    for (Scope s : List.of(t.principal(), t.resource())) {
      if (s.slot() != null) {
        slots.add(s.slot());
      }
    }
    for (String slot : slots) {
      // A null value is refused like a missing key: either would leave the slot unfilled.
      if (values.get(slot) == null) {
        throw new IllegalArgumentException(
            "slot " + slot + " of template " + templateId + " has no value");
      }
    }
    for (String key : values.keySet()) {
      if (key == null || !slots.contains(key)) {
        throw new IllegalArgumentException(
            "template " + templateId + " has no slot " + key + "; its slots are " + slots);
      }
    }
    Map<String, PolicyDef> ps = new LinkedHashMap<>(policies);
    ps.put(newId, t.link(newId, values.get("?principal"), values.get("?resource")));
    return new PolicySet(Collections.unmodifiableMap(ps), templates);
  }

  /**
   * Returns a policy (static or template-linked) by id: its effect, annotations and text. With
   * {@link Decision#reasons()}, this tells a caller what decided a request; see also {@link
   * Decision#determiningPolicies()}, which answers from the set that made the decision.
   *
   * @param id the policy's id
   * @return the policy, or empty if no policy of this set has the id (a template's id included: see
   *     {@link #template(String)})
   */
  public Optional<Policy> policy(String id) {
    Objects.requireNonNull(id, "id");
    PolicyDef d = policies.get(id);
    return d == null ? Optional.empty() : Optional.of(new Policy(d, linkValues(d)));
  }

  /**
   * Returns a template by id.
   *
   * @param id the template's id
   * @return the template, or empty if this set has no template with the id
   */
  public Optional<Policy> template(String id) {
    Objects.requireNonNull(id, "id");
    PolicyDef d = templates.get(id);
    return d == null ? Optional.empty() : Optional.of(new Policy(d, Map.of()));
  }

  /** The slot values of a linked policy, read from its scopes where its template has slots. */
  private Map<String, EntityUid> linkValues(PolicyDef d) {
    PolicyDef t = d.templateId() == null ? null : templates.get(d.templateId());
    if (t == null) {
      return Map.of();
    }
    Map<String, EntityUid> values = new LinkedHashMap<>();
    if (t.principal().slot() != null) {
      values.put(t.principal().slot(), d.principal().uid());
    }
    if (t.resource().slot() != null) {
      values.put(t.resource().slot(), d.resource().uid());
    }
    return Collections.unmodifiableMap(values);
  }

  /**
   * Returns a copy with one more policy or template, parsed from a text that holds exactly one and
   * named by {@code id} whatever its text says (an {@code @id} annotation stays an annotation).
   * With {@link Policy#text()} and {@link #link}, this rebuilds a set whose policies were stored
   * one by one, ids and annotations included.
   *
   * @param id the policy's or template's id
   * @param text its Cedar text
   * @return the new policy set
   * @throws PolicyParseException if the text does not parse, holds no policy or more than one, or
   *     is nested too deeply for the calling thread's stack
   * @throws IllegalArgumentException if the id is empty or already names a policy or template
   */
  public PolicySet add(String id, String text) throws PolicyParseException {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    if (policies.containsKey(id) || templates.containsKey(id)) {
      throw new IllegalArgumentException("id must be unused, was \"" + id + "\"");
    }
    List<PolicyDef> defs =
        DeepInput.parse(
            "policy text", DeepInput.POLICY_LIMITS, () -> CedarParser.parsePolicies(text, false));
    if (defs.size() != 1) {
      throw new PolicyParseException(
          "policy " + id + ": the text must hold exactly one policy, held " + defs.size());
    }
    PolicyDef d = defs.get(0).withId(id);
    Map<String, PolicyDef> ps = new LinkedHashMap<>(policies);
    Map<String, PolicyDef> ts = new LinkedHashMap<>(templates);
    (d.isTemplate() ? ts : ps).put(id, d);
    return new PolicySet(Collections.unmodifiableMap(ps), Collections.unmodifiableMap(ts));
  }

  /**
   * @return the ids of the policies (static and linked), in order
   */
  public List<String> policyIds() {
    return new ArrayList<>(policies.keySet());
  }

  /**
   * @return the ids of the templates, in order
   */
  public List<String> templateIds() {
    return new ArrayList<>(templates.keySet());
  }

  /**
   * @return the number of policies (static and linked)
   */
  public int size() {
    return policies.size();
  }

  Iterable<PolicyDef> definitions() {
    return policies.values();
  }

  /** The templates, for the validator. */
  Collection<PolicyDef> templateDefinitions() {
    return templates.values();
  }

  /** The static policies and linked policies, for the validator. */
  Collection<PolicyDef> policyDefinitions() {
    return policies.values();
  }

  @Override
  public String toString() {
    return "PolicySet[" + policies.size() + " policies, " + templates.size() + " templates]";
  }
}
