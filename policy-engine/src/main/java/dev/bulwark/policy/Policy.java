/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.eval.PolicyDef;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, thread-safe view of one policy or template of a {@link PolicySet}: its id, effect,
 * annotations and source text, for a caller that shows why a {@link Decision} was made (an
 * {@code @message("...")} annotation of a determining policy, say).
 */
public final class Policy {
  /** What a policy does when it is satisfied. */
  public enum Effect {
    /** Allows the request, unless a forbid is satisfied too. */
    PERMIT,
    /** Denies the request. */
    FORBID
  }

  private final PolicyDef def;
  private final Map<String, EntityUid> linkValues;

  Policy(PolicyDef def, Map<String, EntityUid> linkValues) {
    this.def = def;
    this.linkValues = linkValues;
  }

  /**
   * @return the policy's id in its set
   */
  public String id() {
    return def.id();
  }

  /**
   * @return whether the policy permits or forbids
   */
  public Effect effect() {
    return def.isPermit() ? Effect.PERMIT : Effect.FORBID;
  }

  /**
   * Returns the annotations ({@code @name("value")}, or {@code @name} with the value ""), in the
   * order written; a linked policy has its template's.
   *
   * @return the annotations by name, unmodifiable
   */
  public Map<String, String> annotations() {
    return def.annotations();
  }

  /**
   * @return true if this is a template (it has a {@code ?principal} or {@code ?resource} slot)
   */
  public boolean isTemplate() {
    return def.isTemplate();
  }

  /**
   * @return for a template-linked policy, its template's id; otherwise empty
   */
  public Optional<String> templateId() {
    return Optional.ofNullable(def.templateId());
  }

  /**
   * Returns the values a template-linked policy fills its template's slots with, keyed {@code
   * ?principal} and {@code ?resource}: with {@link #templateId()}, what {@link PolicySet#link}
   * needs to make this policy again.
   *
   * @return the slot values, unmodifiable; empty for a static policy or a template
   */
  public Map<String, EntityUid> linkValues() {
    return linkValues;
  }

  /**
   * Returns the Cedar text the policy was parsed from, exactly as written: from its first
   * annotation (or its effect) to its closing semicolon. A template-linked policy returns its
   * template's text, with the slots unfilled. A policy read from Cedar's JSON format has no text.
   *
   * @return the text, or empty for a policy read from JSON
   */
  public Optional<String> text() {
    String src = def.source();
    return src == null || def.start() < 0
        ? Optional.empty()
        : Optional.of(src.substring(def.start(), def.end()));
  }

  @Override
  public String toString() {
    return "Policy[" + def.id() + ", " + effect() + "]";
  }
}
