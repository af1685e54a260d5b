/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fetches the key sets of several issuers at build time, in parallel, for {@link
 * AuthEngine.Builder#prefetchKeys(PrefetchMode)}. Stateless; each call is on the building thread.
 *
 * <p>Each fetch is bounded by its own issuer's timeouts (the key source abandons a fetch after
 * twice {@code jwksTimeout}), so the build waits at most for the slowest issuer, not their sum.
 */
final class KeyPrefetch {
  private static final System.Logger LOG = System.getLogger(AuthEngine.class.getName());

  /** More threads than this gain nothing at build time; the rest queue behind them. */
  private static final int MAX_THREADS = 8;

  private KeyPrefetch() {}

  /**
   * Fetches every issuer's keys unless {@code mode} is {@link PrefetchMode#NONE}.
   *
   * @throws IllegalStateException in {@link PrefetchMode#FAIL_FAST} if any issuer's keys could not
   *     be fetched, naming each such issuer and why
   */
  static void run(PrefetchMode mode, Collection<Issuer> issuers) {
    if (mode == PrefetchMode.NONE || issuers.isEmpty()) {
      return;
    }
    List<String> failures = new ArrayList<>();
    List<Issuer> all = new ArrayList<>();
    for (Issuer issuer : issuers) {
      // A static set was loaded and checked when its issuer was built: nothing to fetch.
      if (issuer.keySource().health().remote()) {
        all.add(issuer);
      }
    }
    if (all.isEmpty()) {
      return;
    }
    List<Optional<String>> outcomes = fetchAll(all);
    for (int i = 0; i < all.size(); i++) {
      Optional<String> why = outcomes.get(i);
      if (why.isPresent()) {
        String line = "issuer " + all.get(i).iss() + ": " + why.get();
        failures.add(line);
        if (mode == PrefetchMode.LOG_AND_CONTINUE) {
          LOG.log(
              System.Logger.Level.WARNING,
              "prefetchKeys: keys of "
                  + line
                  + "; its tokens "
                  + "are refused until a fetch succeeds");
        }
      }
    }
    if (mode == PrefetchMode.FAIL_FAST && !failures.isEmpty()) {
      throw new IllegalStateException(
          "prefetchKeys(FAIL_FAST): the keys of "
              + failures.size()
              + " of "
              + all.size()
              + " issuers with a JWKS URL could not be fetched: "
              + String.join("; ", failures));
    }
  }

  private static List<Optional<String>> fetchAll(List<Issuer> issuers) {
    List<Optional<String>> outcomes = new ArrayList<>(issuers.size());
    if (issuers.size() == 1) {
      outcomes.add(issuers.get(0).keySource().prefetch());
      return outcomes;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(issuers.size(), MAX_THREADS),
            r -> {
              Thread t = new Thread(r, "bulwark-jwks-prefetch");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Optional<String>>> futures = new ArrayList<>(issuers.size());
      for (Issuer issuer : issuers) {
        futures.add(pool.submit(() -> issuer.keySource().prefetch()));
      }
      for (Future<Optional<String>> f : futures) {
        outcomes.add(outcome(f));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Optional<String> outcome(Future<Optional<String>> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while waiting for the fetch");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return Optional.of(
          "unexpected error ("
              + (cause == null ? "unknown" : cause.getClass().getSimpleName())
              + ")");
    }
  }
}
