/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port whose answer the test sets and changes at
 * any time, counting every request it receives. Thread-safe: the behaviour is a volatile field and
 * the counter atomic. Closing it stops the listener (later connections are refused) and releases
 * any handler held in a slow answer.
 */
public final class StubHttpServer implements AutoCloseable {

  /** What the server does with one request. */
  @FunctionalInterface
  public interface Behaviour {
    void handle(HttpExchange exchange, CountDownLatch closed)
        throws IOException, InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Behaviour behaviour = respond(404, "text/plain", "not found".getBytes(UTF_8));
  private volatile boolean stopped;

  private StubHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "stub-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          inFlight.incrementAndGet();
          try {
            behaviour.handle(exchange, closed);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            // the client gave up (a timeout on its side): nothing to answer
          } finally {
            inFlight.decrementAndGet();
            exchange.close();
          }
        });
    server.start();
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  public static StubHttpServer start() {
    try {
      return new StubHttpServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT/path}. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Requests received so far, answered or not. */
  public int requests() {
    return requests.get();
  }

  /** Requests whose answer is still being written (a client that gave up still counts). */
  public int inFlight() {
    return inFlight.get();
  }

  public void behave(Behaviour next) {
    this.behaviour = next;
  }

  /** Serves {@code keys} as a JWKS document. */
  public void serve(JWKSet keys) {
    behave(respond(200, "application/json", keys.toString(true).getBytes(UTF_8)));
  }

  /** Serves a fixed body. */
  public void serve(int status, String contentType, byte[] body) {
    behave(respond(status, contentType, body));
  }

  /** Answers every request with a {@code 302} to {@code location}. */
  public void redirect(URI location) {
    behave(
        (exchange, closed) -> {
          exchange.getResponseHeaders().set("Location", location.toString());
          exchange.sendResponseHeaders(302, -1);
        });
  }

  /** Holds every request for {@code delay} (or until closed) before answering with {@code keys}. */
  public void serveSlowly(JWKSet keys, Duration delay) {
    byte[] body = keys.toString(true).getBytes(UTF_8);
    behave(
        (exchange, closed) -> {
          if (closed.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
          }
          write(exchange, 200, "application/json", body);
        });
  }

  /**
   * Sends the headers at once, then one byte of {@code body} every {@code interval}: each read
   * succeeds well within a per-read timeout, so only a bound on the whole fetch ends it.
   */
  public void trickle(byte[] body, Duration interval) {
    behave(
        (exchange, closed) -> {
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          OutputStream out = exchange.getResponseBody();
          for (byte b : body) {
            out.write(b);
            out.flush();
            if (closed.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
              return;
            }
          }
        });
  }

  /** Stops listening: from now on connections are refused. Idempotent. */
  public void goDown() {
    if (!stopped) {
      stopped = true;
      closed.countDown();
      server.stop(0);
    }
  }

  @Override
  public void close() {
    goDown();
    executor.shutdownNow();
  }

  private static Behaviour respond(int status, String contentType, byte[] body) {
    return (exchange, closed) -> write(exchange, status, contentType, body);
  }

  private static void write(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
