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
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.internal.Refusal;
import dev.bulwark.auth.internal.jws.KeyLoader;
import dev.bulwark.auth.internal.jws.KeySet;
import dev.bulwark.auth.internal.jws.VerificationKey;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * An issuer's keys from a JWKS URL, through nimbus-jose-jwt's {@link JWKSourceBuilder} stack:
 * caching with a TTL and refresh-ahead, rate limiting, outage tolerance; each fetch is one GET by
 * {@link JwksRetriever}, with timeouts and a size limit. Thread-safe.
 *
 * <p>What Bulwark adds around nimbus:
 *
 * <ul>
 *   <li>The fetched document is read by {@link StrictJson} and each key is parsed and validated on
 *       its own ({@link KeyLoader#loadLenient}): a weak, malformed or duplicated key is dropped
 *       with one log line and the issuer's other keys keep working. (For a static set, configured
 *       by the operator, the same problems fail {@code build()} instead.) A response that is not a
 *       JWKS at all counts as a failed fetch, so the last good keys stay in use.
 *   <li>Unknown-kid refreshes pass through a gate of their own: at most one per rate-limit window,
 *       however many distinct unknown kids arrive (nimbus's own limiter allows two per window, and
 *       also counts the TTL refreshes).
 *   <li>Outage tolerance is enforced here too: when a fetch fails, the last good keys are served
 *       until they are older than the tolerance, then {@code KEYS_UNAVAILABLE}.
 *   <li>Redirects are not followed; the caller stops waiting for a fetch after twice the timeout in
 *       total (the read timeout alone bounds each read, not a slowly dripping body); fetch and
 *       refresh-ahead threads are daemon threads. At most one fetch per source is in flight: while
 *       an abandoned one still runs, a new fetch counts as failed.
 *   <li>Every fetch, in the foreground or ahead of the TTL, is recorded for {@link #health()}: when
 *       it was tried, whether it succeeded, and why not (the HTTP status, the timeout, the size
 *       limit, a body that is not a JWKS, a TLS or connect failure), described without the body and
 *       with the URI redacted ({@link JwksUri#redacted}); the same description is logged.
 * </ul>
 *
 * The JWKS cache, refresh-ahead, rate limits and outage tolerance run on the ticker given at
 * construction (milliseconds since the epoch, {@link System#currentTimeMillis()} in production),
 * not on the engine's clock, which only judges tokens; a test moves the ticker instead of sleeping.
 * The fetch timeouts and deadline are real time: they bound how long a caller waits.
 */
public final class RemoteKeySource implements KeySource {
  private static final System.Logger LOG = System.getLogger(RemoteKeySource.class.getName());

  private static final ExecutorService REFRESH_EXECUTOR =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "bulwark-jwks-refresh");
            t.setDaemon(true);
            return t;
          });

  private static final ExecutorService FETCHER =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "bulwark-jwks-fetch");
            t.setDaemon(true);
            return t;
          });

  private final String label;
  private final JWKSetSource<SecurityContext> source;
  private final FetchLog fetchLog = new FetchLog();
  private final long ttlMillis;
  private final long rateLimitMillis;
  private final long outageToleranceMillis;
  private final int maxRsaModulusBits;
  private final LongSupplier ticker;
  private final AtomicLong lastUnknownKidRefresh = new AtomicLong(Long.MIN_VALUE / 2);

  private volatile Converted converted; // the last fetched JWKSet and its validated KeySet
  private volatile long lastGoodAtMillis;

  private static final class Converted {
    final JWKSet jwks;
    final long sequence;
    final KeySet keys;
    final Map<JWK, VerificationKey> byJwk;
    final List<String> kids; // for health(): computed once per fetched set, not per call

    Converted(JWKSet jwks, long sequence, KeySet keys, Map<JWK, VerificationKey> byJwk) {
      this.jwks = jwks;
      this.sequence = sequence;
      this.keys = keys;
      this.byJwk = byJwk;
      this.kids = KeySourceHealth.kidsOf(keys);
    }
  }

  /** What the fetches so far have shown. Immutable: {@link FetchLog} replaces it whole. */
  private static final class FetchRecord {
    static final FetchRecord NONE =
        new FetchRecord(
            KeySourceHealth.NEVER, KeySourceHealth.NEVER, KeySourceHealth.NEVER, null, 0, 0, 0);

    final long lastAttemptMillis;
    final long lastSuccessMillis;
    final long lastErrorMillis;
    final String lastError;
    final int consecutiveFailures;
    final long fetches;
    final long failures;

    FetchRecord(
        long lastAttemptMillis,
        long lastSuccessMillis,
        long lastErrorMillis,
        String lastError,
        int consecutiveFailures,
        long fetches,
        long failures) {
      this.lastAttemptMillis = lastAttemptMillis;
      this.lastSuccessMillis = lastSuccessMillis;
      this.lastErrorMillis = lastErrorMillis;
      this.lastError = lastError;
      this.consecutiveFailures = consecutiveFailures;
      this.fetches = fetches;
      this.failures = failures;
    }
  }

  /**
   * The outcome of every fetch. Writers (one per fetch, every few minutes) take the lock; readers
   * take the volatile record, a consistent snapshot, without it.
   */
  private static final class FetchLog {
    private volatile FetchRecord record = FetchRecord.NONE;

    FetchRecord get() {
      return record;
    }

    synchronized void succeeded(long startedMillis, long endedMillis) {
      FetchRecord r = record;
      record =
          new FetchRecord(
              Math.max(r.lastAttemptMillis, startedMillis),
              Math.max(r.lastSuccessMillis, endedMillis),
              r.lastErrorMillis,
              r.lastError,
              0,
              r.fetches + 1,
              r.failures);
    }

    synchronized void failed(long startedMillis, long endedMillis, String error) {
      FetchRecord r = record;
      record =
          new FetchRecord(
              Math.max(r.lastAttemptMillis, startedMillis),
              r.lastSuccessMillis,
              endedMillis,
              error,
              r.consecutiveFailures == Integer.MAX_VALUE
                  ? Integer.MAX_VALUE
                  : r.consecutiveFailures + 1,
              r.fetches + 1,
              r.failures + 1);
    }
  }

  /**
   * A fetched set numbered in the order its fetch completed, so that a thread that got an older set
   * from nimbus but converts it late cannot publish it over a newer one (which would bring back
   * rotated-out keys and move {@code lastGoodAtMillis} backwards).
   */
  static final class SequencedJwkSet extends JWKSet {
    private static final long serialVersionUID = 1L;
    final long sequence;

    SequencedJwkSet(List<JWK> keys, long sequence) {
      super(keys);
      this.sequence = sequence;
    }
  }

  /**
   * A source for {@code url} admitting RSA moduli up to {@link
   * KeyLoader#DEFAULT_MAX_RSA_MODULUS_BITS}; nothing is fetched until the first call to {@link
   * #current()}.
   */
  public RemoteKeySource(
      URL url,
      Duration ttl,
      Duration refreshAhead,
      Duration rateLimit,
      Duration outageTolerance,
      Duration timeout,
      int sizeLimit) {
    this(
        url,
        ttl,
        refreshAhead,
        rateLimit,
        outageTolerance,
        timeout,
        sizeLimit,
        KeyLoader.DEFAULT_MAX_RSA_MODULUS_BITS);
  }

  /**
   * A source for {@code url} admitting RSA moduli up to {@code maxRsaModulusBits}, on wall-clock
   * time; nothing is fetched until the first call to {@link #current()}.
   */
  public RemoteKeySource(
      URL url,
      Duration ttl,
      Duration refreshAhead,
      Duration rateLimit,
      Duration outageTolerance,
      Duration timeout,
      int sizeLimit,
      int maxRsaModulusBits) {
    this(
        url,
        ttl,
        refreshAhead,
        rateLimit,
        outageTolerance,
        timeout,
        sizeLimit,
        maxRsaModulusBits,
        System::currentTimeMillis);
  }

  /**
   * A source for {@code url} admitting RSA moduli up to {@code maxRsaModulusBits}, whose cache,
   * refresh-ahead, rate limits and outage tolerance read the time from {@code ticker} (milliseconds
   * since the epoch); nothing is fetched until the first call to {@link #current()}.
   */
  public RemoteKeySource(
      URL url,
      Duration ttl,
      Duration refreshAhead,
      Duration rateLimit,
      Duration outageTolerance,
      Duration timeout,
      int sizeLimit,
      int maxRsaModulusBits,
      LongSupplier ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.maxRsaModulusBits = maxRsaModulusBits;
    this.label = label(url);
    this.ttlMillis = ttl.toMillis();
    this.rateLimitMillis = rateLimit.toMillis();
    this.outageToleranceMillis = outageTolerance.toMillis();
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    long deadlineMillis = 2L * timeoutMillis;
    JwksRetriever retriever = new JwksRetriever(timeoutMillis, sizeLimit);
    JWKSetSource<SecurityContext> fetching =
        new FetchingSource(url, retriever, label, deadlineMillis, ticker, fetchLog);
    JWKSource<SecurityContext> built =
        JWKSourceBuilder.create(fetching)
            .retrying(false)
            .cache(ttl.toMillis(), timeoutMillis)
            .refreshAheadCache(refreshAhead.toMillis(), null, REFRESH_EXECUTOR, false, null, false)
            .rateLimited(rateLimit.toMillis())
            .outageTolerant(outageTolerance.toMillis())
            .build();
    this.source = ((JWKSetBasedJWKSource<SecurityContext>) built).getJWKSetSource();
  }

  /** The URI as messages show it: user info, query and fragment replaced by placeholders. */
  private static String label(URL url) {
    try {
      return JwksUri.redacted(url.toURI());
    } catch (URISyntaxException e) {
      return url.getProtocol()
          + "://"
          + url.getHost()
          + (url.getPort() < 0 ? "" : ":" + url.getPort())
          + url.getPath();
    }
  }

  @Override
  public KeySourceHealth health() {
    Converted c = converted;
    FetchRecord r = fetchLog.get();
    boolean held = c != null && c.keys.size() > 0;
    boolean failing = r.consecutiveFailures > 0;
    // After a failed fetch the held keys are served while they are younger than the cache TTL
    // (nimbus serves its cache without fetching) or the outage tolerance (fetch() falls back to
    // them); past both, current() refuses with KEYS_UNAVAILABLE.
    long age = ticker.getAsLong() - lastGoodAtMillis;
    boolean available = held && (!failing || age <= Math.max(ttlMillis, outageToleranceMillis));
    return new KeySourceHealth(
        true,
        label,
        c == null ? List.of() : c.kids,
        c == null ? 0 : c.keys.size(),
        r.lastSuccessMillis,
        r.lastAttemptMillis,
        r.lastErrorMillis,
        r.lastError,
        r.consecutiveFailures,
        r.fetches,
        r.failures,
        failing && available,
        available);
  }

  @Override
  public Optional<String> prefetch() {
    KeySet keys;
    try {
      keys = current();
    } catch (Refusal e) {
      // The record holds why the fetch failed; the refusal only says that it did.
      String why = fetchLog.get().lastError;
      return Optional.of((why == null ? e.detail() : why) + " from " + label);
    }
    return keys.size() > 0
        ? Optional.empty()
        : Optional.of("no usable key in the JWKS from " + label);
  }

  @Override
  public KeySet current() throws Refusal {
    return fetch(JWKSetCacheRefreshEvaluator.noRefresh());
  }

  @Override
  public KeySet refreshForUnknownKid(KeySet seen) throws Refusal {
    long now = ticker.getAsLong();
    long last = lastUnknownKidRefresh.get();
    if (now - last < rateLimitMillis || !lastUnknownKidRefresh.compareAndSet(last, now)) {
      return current();
    }
    Converted c = converted;
    return fetch(
        c == null
            ? JWKSetCacheRefreshEvaluator.forceRefresh()
            : JWKSetCacheRefreshEvaluator.referenceComparison(c.jwks));
  }

  private KeySet fetch(JWKSetCacheRefreshEvaluator evaluator) throws Refusal {
    long now = ticker.getAsLong();
    JWKSet jwks;
    try {
      jwks = source.getJWKSet(evaluator, now, null);
    } catch (KeySourceException | RuntimeException e) {
      Converted c = converted;
      if (c != null && now - lastGoodAtMillis <= outageToleranceMillis) {
        return c.keys;
      }
      throw new Refusal(
          FailureReason.KEYS_UNAVAILABLE,
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

  /**
   * Validates a newly fetched set once, however many threads saw it arrive, and publishes it unless
   * a newer set has been published already. Package-private for tests.
   */
  synchronized Converted convert(JWKSet jwks, long now) {
    long sequence = jwks instanceof SequencedJwkSet ? ((SequencedJwkSet) jwks).sequence : 0;
    Converted c = converted;
    if (c != null && (c.jwks == jwks || sequence < c.sequence)) {
      return c;
    }
    Map<JWK, VerificationKey> byJwk = new HashMap<>();
    KeySet keys =
        KeyLoader.loadLenient(
            jwks,
            problem ->
                LOG.log(System.Logger.Level.WARNING, "JWKS " + label + ": dropped " + problem),
            c == null ? Map.of() : c.byJwk,
            byJwk,
            maxRsaModulusBits);
    c = new Converted(jwks, sequence, keys, byJwk);
    lastGoodAtMillis = Math.max(lastGoodAtMillis, now);
    converted = c;
    return c;
  }

  /** Fetches and parses the document, each key on its own. */
  private static final class FetchingSource implements JWKSetSource<SecurityContext> {
    private final URL url;
    private final JwksRetriever retriever;
    private final String label;
    private final long deadlineMillis;
    private final LongSupplier ticker;
    private final FetchLog log;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicLong sequence = new AtomicLong();
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;

    FetchingSource(
        URL url,
        JwksRetriever retriever,
        String label,
        long deadlineMillis,
        LongSupplier ticker,
        FetchLog log) {
      this.url = url;
      this.retriever = retriever;
      this.label = label;
      this.deadlineMillis = deadlineMillis;
      this.ticker = ticker;
      this.log = log;
    }

    @Override
    public JWKSet getJWKSet(
        JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context)
        throws KeySourceException {
      long started = ticker.getAsLong();
      try {
        JWKSet fetched = fetch();
        log.succeeded(started, ticker.getAsLong());
        return fetched;
      } catch (Failed f) {
        log.failed(started, ticker.getAsLong(), f.description);
        LOG.log(
            System.Logger.Level.WARNING, "JWKS fetch failed: " + f.description + " from " + label);
        throw new JWKSetUnavailableException("JWKS fetch failed: " + f.description, null);
      }
    }

    /** A failed fetch and its description (no body, no URI); thrown without a stack trace. */
    private static final class Failed extends Exception {
      private static final long serialVersionUID = 1L;
      final String description;

      Failed(String description) {
        super(description, null, false, false);
        this.description = description;
      }
    }

    private JWKSet fetch() throws Failed {
      byte[] body;
      // The read timeout bounds each read, not the whole body: a server that drips a byte per
      // read would hold the fetch for sizeLimit reads, and HttpURLConnection cannot be cut from
      // another thread while a read holds its stream lock (cancel(true) does not end it). So the
      // fetch runs on a daemon thread and the caller stops waiting at the deadline; the abandoned
      // thread ends with the connection. Until it has ended no other fetch starts for this
      // source: a slow server must not pile up threads, one per rate-limit window.
      if (!inFlight.compareAndSet(false, true)) {
        throw new Failed("previous fetch still running, not starting another");
      }
      // QUEUED -> RUNNING (the task) or QUEUED -> DONE (a caller that gave up before it ran);
      // whoever leaves QUEUED owns clearing inFlight, so it is cleared exactly once.
      AtomicInteger state = new AtomicInteger(QUEUED);
      Future<byte[]> fetch;
      try {
        fetch =
            FETCHER.submit(
                () -> {
                  if (!state.compareAndSet(QUEUED, RUNNING)) {
                    return null;
                  }
                  try {
                    return retriever.retrieve(url);
                  } finally {
                    state.set(DONE);
                    inFlight.set(false);
                  }
                });
      } catch (RuntimeException e) {
        inFlight.set(false);
        throw new Failed("fetch could not start (" + e.getClass().getSimpleName() + ")");
      }
      try {
        body = fetch.get(deadlineMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        abandon(fetch, state);
        throw new Failed("no complete answer within " + deadlineMillis + " ms, abandoned");
      } catch (InterruptedException e) {
        abandon(fetch, state);
        Thread.currentThread().interrupt();
        throw new Failed("interrupted while fetching");
      } catch (ExecutionException e) {
        throw new Failed(retriever.describe(e.getCause()));
      }
      JWKSet parsed;
      try {
        parsed =
            JwksDocument.parse(
                body,
                problem ->
                    LOG.log(System.Logger.Level.WARNING, "JWKS " + label + ": dropped " + problem));
      } catch (IllegalArgumentException e) {
        // JwksDocument's messages name the position and the rule broken, never the content.
        throw new Failed("response is " + e.getMessage());
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
      return new SequencedJwkSet(kept, sequence.incrementAndGet());
    }

    private void abandon(Future<byte[]> fetch, AtomicInteger state) {
      if (state.compareAndSet(QUEUED, DONE)) {
        inFlight.set(false);
      }
      fetch.cancel(true);
    }

    @Override
    public void close() {}
  }
}
