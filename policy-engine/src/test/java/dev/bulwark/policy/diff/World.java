/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.diff;

import java.util.List;

/**
 * One generated authorization problem: a schema, entities, policies (static ones and template
 * links) and requests, all as text, so that both engines read exactly the same input.
 *
 * @param schema the schema
 * @param schemaIsJson true if {@code schema} is in Cedar's JSON format, else the human one
 * @param entitiesJson the entities, Cedar JSON
 * @param policies the static policies, in order; their ids are {@code p0, p1, ...}
 * @param templates the templates; their ids are {@code t0, t1, ...}
 * @param links template links
 * @param requests the requests
 * @param validateRequests whether requests are validated against the schema
 */
record World(
    String schema,
    boolean schemaIsJson,
    String entitiesJson,
    List<String> policies,
    List<String> templates,
    List<Link> links,
    List<Request> requests,
    boolean validateRequests) {

  /**
   * A template link.
   *
   * @param templateIndex which template
   * @param id the linked policy's id
   * @param principal the {@code ?principal} value, Cedar syntax, or null
   * @param resource the {@code ?resource} value, Cedar syntax, or null
   */
  record Link(int templateIndex, String id, String principal, String resource) {}

  /**
   * A request; entity uids in Cedar syntax.
   *
   * @param principal principal uid
   * @param action action uid
   * @param resource resource uid
   * @param contextJson the context, a JSON object
   */
  record Request(String principal, String action, String resource, String contextJson) {}

  /** Renders everything, to reproduce a failure by hand. */
  String describe() {
    StringBuilder sb =
        new StringBuilder(
                "--- validateRequests="
                    + validateRequests
                    + " schemaIsJson="
                    + schemaIsJson
                    + "\n--- schema\n")
            .append(schema)
            .append("\n--- entities\n")
            .append(entitiesJson)
            .append("\n--- policies\n");
    for (int i = 0; i < policies.size(); i++) {
      sb.append("// p").append(i).append('\n').append(policies.get(i)).append('\n');
    }
    for (int i = 0; i < templates.size(); i++) {
      sb.append("// t").append(i).append('\n').append(templates.get(i)).append('\n');
    }
    for (Link l : links) {
      sb.append("// ").append(l).append('\n');
    }
    return sb.toString();
  }
}
