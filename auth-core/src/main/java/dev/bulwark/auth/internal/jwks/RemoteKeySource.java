/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwks;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.internal.Refusal;
import dev.bulwark.auth.internal.jws.KeyLoader;
import dev.bulwark.auth.internal.jws.KeySet;
import dev.bulwark.auth.internal.jws.VerificationKey;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An issuer's keys from a JWKS URL, through nimbus-jose-jwt's {@link JWKSourceBuilder} stack:
 * caching with a TTL and refresh-ahead, rate limiting, outage tolerance, with fetch timeouts and a
 * size limit in {@link DefaultResourceRetriever}. Thread-safe.
 *
 * <p>What Bulwark adds around nimbus:
 * <ul>
 *   <li>The fetched document is read by {@link StrictJson} and each key is parsed and validated on
 *       its own ({@link KeyLoader#loadLenient}): a weak, malformed or duplicated key is dropped with
 *       one log line and the issuer's other keys keep working. (For a static set, configured by
 *       the operator, the same problems fail {@code build()} instead.) A response that is not a
 *       JWKS at all counts as a failed fetch, so the last good keys stay in use.
 *   <li>Unknown-kid refreshes pass through a gate of their own: at most one per rate-limit window,
 *       however many distinct unknown kids arrive (nimbus's own limiter allows two per window, and
 *       also counts the TTL refreshes).
 *   <li>Outage tolerance is enforced here too: when a fetch fails, the last good keys are served
 *       until they are older than the tolerance, then {@code KEYS_UNAVAILABLE}.
 *   <li>Redirects are not followed; the caller stops waiting for a fetch after twice the
 *       timeout in total (the read timeout alone bounds each read, not a slowly dripping body);
 *       fetch and refresh-ahead threads are daemon threads.
 * </ul>
 * The JWKS cache runs on wall-clock time ({@link System#currentTimeMillis()}), not on the engine's
 * clock, which only judges tokens.
 */
public final class RemoteKeySource implements KeySource {
  private static final System.Logger LOG = System.getLogger(RemoteKeySource.class.getName());

  private static final ExecutorService REFRESH_EXECUTOR = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "bulwark-jwks-refresh");
    t.setDaemon(true);
    return t;
  });

  private static final ExecutorService FETCHER = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "bulwark-jwks-fetch");
    t.setDaemon(true);
    return t;
  });

  private final String label;
  private final JWKSetSource<SecurityContext> source;
  private final long rateLimitMillis;
  private final long outageToleranceMillis;
  private final AtomicLong lastUnknownKidRefresh = new AtomicLong(Long.MIN_VALUE / 2);

  private volatile Converted converted; // the last fetched JWKSet and its validated KeySet
  private volatile long lastGoodAtMillis;

  private static final class Converted {
    final JWKSet jwks;
    final KeySet keys;
    final Map<JWK, VerificationKey> byJwk;

    Converted(JWKSet jwks, KeySet keys, Map<JWK, VerificationKey> byJwk) {
      this.jwks = jwks;
      this.keys = keys;
      this.byJwk = byJwk;
    }
  }

  /** A source for {@code url}; nothing is fetched until the first call to {@link #current()}. */
  public RemoteKeySource(URL url, Duration ttl, Duration refreshAhead, Duration rateLimit,
      Duration outageTolerance, Duration timeout, int sizeLimit) {
    this.label = url.getProtocol() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":"
        + url.getPort()) + url.getPath();
    this.rateLimitMillis = rateLimit.toMillis();
    this.outageToleranceMillis = outageTolerance.toMillis();
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    long deadlineMillis = 2L * timeoutMillis;
    DefaultResourceRetriever retriever =
        new DefaultResourceRetriever(timeoutMillis, timeoutMillis, sizeLimit) {
          @Override
          protected HttpURLConnection openHTTPConnection(URL u) throws IOException {
            HttpURLConnection c = super.openHTTPConnection(u);
            c.setInstanceFollowRedirects(false);
            // No keep-alive: a fetch every few minutes gains nothing from it, and disconnect()
            // on a keep-alive connection hands an unfinished body to the JDK's cleaner thread
            // to drain instead of closing the socket.
            c.setRequestProperty("Connection", "close");
            return c;
          }
        };
    JWKSetSource<SecurityContext> fetching = new FetchingSource(url, retriever, label, deadlineMillis);
    JWKSource<SecurityContext> built = JWKSourceBuilder.create(fetching)
        .retrying(false)
        .cache(ttl.toMillis(), timeoutMillis)
        .refreshAheadCache(refreshAhead.toMillis(), null, REFRESH_EXECUTOR, false, null, false)
        .rateLimited(rateLimit.toMillis())
        .outageTolerant(outageTolerance.toMillis())
        .build();
    this.source = ((JWKSetBasedJWKSource<SecurityContext>) built).getJWKSetSource();
  }

  @Override
  public KeySet current() throws Refusal {
    return fetch(JWKSetCacheRefreshEvaluator.noRefresh());
  }

  @Override
  public KeySet refreshForUnknownKid(KeySet seen) throws Refusal {
    long now = System.currentTimeMillis();
    long last = lastUnknownKidRefresh.get();
    if (now - last < rateLimitMillis || !lastUnknownKidRefresh.compareAndSet(last, now)) {
      return current();
    }
    Converted c = converted;
    return fetch(c == null ? JWKSetCacheRefreshEvaluator.forceRefresh()
        : JWKSetCacheRefreshEvaluator.referenceComparison(c.jwks));
  }

  private KeySet fetch(JWKSetCacheRefreshEvaluator evaluator) throws Refusal {
    long now = System.currentTimeMillis();
    JWKSet jwks;
    try {
      jwks = source.getJWKSet(evaluator, now, null);
    } catch (KeySourceException | RuntimeException e) {
      Converted c = converted;
      if (c != null && now - lastGoodAtMillis <= outageToleranceMillis) {
        return c.keys;
      }
      throw new Refusal(FailureReason.KEYS_UNAVAILABLE,
          "the issuer's keys could not be fetched and no recent copy is held");
    }
    Converted c = converted;
    if (c == null || c.jwks != jwks) {
      // Every successful fetch yields a new JWKSet object (see FetchingSource): a new object is
      // the only sign of fresh keys, and the only thing that moves lastGoodAtMillis.
      c = convert(jwks, now);
    }
    return c.keys;
  }

  /** Validates a newly fetched set once, however many threads saw it arrive. */
  private synchronized Converted convert(JWKSet jwks, long now) {
    Converted c = converted;
    if (c != null && c.jwks == jwks) {
      return c;
    }
    Map<JWK, VerificationKey> byJwk = new HashMap<>();
    KeySet keys = KeyLoader.loadLenient(jwks,
        problem -> LOG.log(System.Logger.Level.WARNING, "JWKS " + label + ": dropped " + problem),
        c == null ? Map.of() : c.byJwk, byJwk);
    c = new Converted(jwks, keys, byJwk);
    lastGoodAtMillis = now;
    converted = c;
    return c;
  }

  /** Fetches and parses the document, each key on its own. */
  private static final class FetchingSource implements JWKSetSource<SecurityContext> {
    private final URL url;
    private final DefaultResourceRetriever retriever;
    private final String label;
    private final long deadlineMillis;

    FetchingSource(URL url, DefaultResourceRetriever retriever, String label,
        long deadlineMillis) {
      this.url = url;
      this.retriever = retriever;
      this.label = label;
      this.deadlineMillis = deadlineMillis;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime,
        SecurityContext context) throws KeySourceException {
      Resource resource;
      // The read timeout bounds each read, not the whole body: a server that drips a byte per
      // read would hold the fetch for sizeLimit reads, and HttpURLConnection cannot be cut from
      // another thread while a read holds its stream lock. So the fetch runs on a daemon thread
      // and the caller stops waiting at the deadline; the abandoned thread ends with the
      // connection (rate limiting bounds how many can pile up).
      Future<Resource> fetch = FETCHER.submit(() -> retriever.retrieveResource(url));
      try {
        resource = fetch.get(deadlineMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        fetch.cancel(true);
        LOG.log(System.Logger.Level.WARNING, "JWKS " + label + ": fetch abandoned after "
            + deadlineMillis + " ms");
        throw new JWKSetUnavailableException("JWKS fetch took too long", null);
      } catch (InterruptedException e) {
        fetch.cancel(true);
        Thread.currentThread().interrupt();
        throw new JWKSetUnavailableException("interrupted while fetching the JWKS", null);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        LOG.log(System.Logger.Level.WARNING, "JWKS " + label + ": fetch failed: "
            + (cause == null ? "unknown" : cause.getClass().getSimpleName()));
        throw new JWKSetUnavailableException("JWKS fetch failed", cause);
      }
      byte[] body = resource.getContent().getBytes(StandardCharsets.UTF_8);
      JWKSet parsed;
      try {
        parsed = JwksDocument.parse(body,
            problem -> LOG.log(System.Logger.Level.WARNING, "JWKS " + label + ": dropped " + problem));
      } catch (IllegalArgumentException e) {
        LOG.log(System.Logger.Level.WARNING, "JWKS " + label + ": response is " + e.getMessage());
        throw new JWKSetUnavailableException("JWKS response is not a JWK set", null);
      }
      List<JWK> kept = new ArrayList<>();
      for (JWK jwk : parsed.getKeys()) {
        if (KeyType.OCT.equals(jwk.getKeyType())) {
          // A JWKS URL is public: a symmetric key found there is a leaked secret, not a key.
          LOG.log(System.Logger.Level.WARNING, "JWKS " + label + ": dropped a symmetric (oct) key");
        } else {
          kept.add(jwk);
        }
      }
      return new JWKSet(kept);
    }

    @Override
    public void close() {}
  }
}
