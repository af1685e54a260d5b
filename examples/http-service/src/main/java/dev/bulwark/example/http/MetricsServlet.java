/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: every meter of the registry in Prometheus's text format. No authentication,
 * as a scraper on the service's network expects; the meters hold counts and times, never a
 * credential. Thread-safe as the registry is.
 */
final class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final transient PrometheusMeterRegistry registry;

  MetricsServlet(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
    resp.setStatus(HttpServletResponse.SC_OK);
    resp.setContentType(CONTENT_TYPE);
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
