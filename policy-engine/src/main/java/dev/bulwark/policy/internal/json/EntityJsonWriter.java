/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.json;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.internal.ext.CedarDateTime;
import dev.bulwark.policy.internal.ext.CedarDuration;
import dev.bulwark.policy.internal.ext.Decimal;
import dev.bulwark.policy.internal.ext.IpAddr;
import dev.bulwark.policy.internal.value.CedarRecord;
import dev.bulwark.policy.internal.value.CedarSet;
import dev.bulwark.policy.internal.value.EntityData;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes entities and Cedar values in Cedar's JSON entity format, the form {@link EntityJson} reads
 * back to equal values: entity references as {@code {"__entity": ..}}, extension values as {@code
 * {"__extn": {"fn": .., "arg": ..}}}. Stateless.
 */
public final class EntityJsonWriter {
  private EntityJsonWriter() {}

  /**
   * Writes one entity: uid, attributes, parents and tags (ancestors are not written: a reader
   * computes them from the parents).
   *
   * @param e the entity
   * @return its JSON text
   * @throws IllegalArgumentException if a record value has the single key {@code __entity} or
   *     {@code __extn}, which the format would read back as an escape, not as a record
   */
  public static String entity(EntityData e) {
    StringBuilder sb = new StringBuilder(128);
    sb.append("{\"uid\":");
    uid(e.uid(), sb);
    sb.append(",\"attrs\":").append(record(e.attributes().attributes()));
    sb.append(",\"parents\":[");
    boolean first = true;
    for (EntityUid p : e.parents()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      uid(p, sb);
    }
    sb.append("],\"tags\":").append(record(e.tags()));
    return sb.append('}').toString();
  }

  /**
   * Writes a map of Cedar values (attributes or tags) as a JSON object, keys in sorted order so
   * that equal maps give equal text.
   *
   * @param values the values by name
   * @return the JSON object's text
   * @throws IllegalArgumentException as {@link #entity} does
   */
  public static String record(Map<String, Object> values) {
    StringBuilder sb = new StringBuilder();
    object(values, sb, 0);
    return sb.toString();
  }

  /**
   * Writes an entity uid as {@code {"type": .., "id": ..}}.
   *
   * @param u the uid
   * @param sb the output
   */
  public static void uid(EntityUid u, StringBuilder sb) {
    sb.append("{\"type\":");
    JsonWriter.string(u.type(), sb);
    sb.append(",\"id\":");
    JsonWriter.string(u.id(), sb);
    sb.append('}');
  }

  private static void object(Map<String, Object> values, StringBuilder sb, int depth) {
    if (values.size() == 1 && (values.containsKey("__entity") || values.containsKey("__extn"))) {
      throw new IllegalArgumentException(
          "a record whose only key is "
              + values.keySet()
              + " cannot be written as entity JSON:"
              + " it would be read back as an escape");
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : new TreeMap<>(values).entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      JsonWriter.string(e.getKey(), sb);
      sb.append(':');
      value(e.getValue(), sb, depth + 1);
    }
    sb.append('}');
  }

  private static void value(Object v, StringBuilder sb, int depth) {
    if (depth > EntityJson.MAX_VALUE_DEPTH) {
      // The reader refuses deeper values, so writing one would store what cannot be read back.
      throw new IllegalArgumentException(
          "value nested deeper than " + EntityJson.MAX_VALUE_DEPTH + " cannot be written");
    }
    if (v instanceof Boolean || v instanceof Long) {
      sb.append(v);
    } else if (v instanceof String) {
      JsonWriter.string((String) v, sb);
    } else if (v instanceof EntityUid) {
      sb.append("{\"__entity\":");
      uid((EntityUid) v, sb);
      sb.append('}');
    } else if (v instanceof CedarSet) {
      sb.append('[');
      boolean first = true;
      for (Object e : (CedarSet) v) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        value(e, sb, depth + 1);
      }
      sb.append(']');
    } else if (v instanceof CedarRecord) {
      object(((CedarRecord) v).attributes(), sb, depth);
    } else if (v instanceof IpAddr) {
      extn("ip", v.toString(), sb);
    } else if (v instanceof Decimal) {
      extn("decimal", v.toString(), sb);
    } else if (v instanceof CedarDuration) {
      extn("duration", v.toString(), sb);
    } else if (v instanceof CedarDateTime) {
      // Any datetime, including one outside the years datetime("...") can spell, is the epoch
      // offset by its milliseconds, which is how Cedar writes it canonically.
      sb.append("{\"__extn\":{\"fn\":\"offset\",\"args\":[");
      extn("datetime", "1970-01-01", sb);
      sb.append(',');
      extn("duration", ((CedarDateTime) v).epochMillis() + "ms", sb);
      sb.append("]}}");
    } else {
      throw new IllegalArgumentException(
          "not a Cedar value: " + (v == null ? "null" : v.getClass().getName()));
    }
  }

  private static void extn(String fn, String arg, StringBuilder sb) {
    sb.append("{\"__extn\":{\"fn\":");
    JsonWriter.string(fn, sb);
    sb.append(",\"arg\":");
    JsonWriter.string(arg, sb);
    sb.append("}}");
  }
}
