/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection with at most one request in flight: the sender thread writes a
 * request with {@link #send}, the connection's own reader thread reads the response with {@link
 * #readResponse}. Reads responses with a {@code Content-Length} only (the service sets it on every
 * route under test); anything else, a closed connection or a malformed response is an {@link
 * IOException}.
 *
 * <p>Thread-safety: {@link #send} is called by one thread at a time (the sender, which owns the
 * connection between taking it from the idle queue and writing), {@link #readResponse} by the
 * reader only. The request's index and times pass from the sender to the reader through volatile
 * fields written before the request leaves, so the reader, which reads them after the response
 * arrived, sees them.
 *
 * <p>Why a raw socket rather than an HTTP client library: the generator shares two cores with the
 * server, so every microsecond it spends per request is taken from the server under test. Requests
 * here are byte arrays encoded before the run, a response is parsed in place in a fixed buffer, and
 * nothing is allocated per request. Jetty's HttpClient builds a request object, header fields,
 * listeners and a response per exchange and hands each to its thread pool; the JDK's HttpClient
 * does more still (futures, a selector-manager thread, publishers). Both cost several times the CPU
 * per request of this loop, which would lower the rate the server can be offered on this machine.
 */
final class HttpConnection implements AutoCloseable {
  /** The largest response the reader accepts, headers and body, in bytes: {@value}. */
  static final int MAX_RESPONSE_BYTES = 16 * 1024;

  private static final byte[] CONTENT_LENGTH =
      "content-length:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRANSFER_ENCODING =
      "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONNECTION_CLOSE =
      "connection: close".getBytes(StandardCharsets.US_ASCII);

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final byte[] buf = new byte[MAX_RESPONSE_BYTES];

  // NOTE: written by the sender before the request is written, read by the reader after the
  // response arrived; volatile so that the read sees the write.
  private volatile long index;
  private volatile long intendedNanos;
  private volatile long sentNanos;
  private volatile boolean inFlight;

  HttpConnection(String host, int port, int readTimeoutMillis) throws IOException {
    socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(readTimeoutMillis);
      socket.connect(new InetSocketAddress(host, port), readTimeoutMillis);
      out = socket.getOutputStream();
      in = socket.getInputStream();
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Writes one request, after recording its index, intended time and actual send time. */
  void send(long index, long intendedNanos, long sentNanos, byte[] request) throws IOException {
    this.index = index;
    this.intendedNanos = intendedNanos;
    this.sentNanos = sentNanos;
    this.inFlight = true;
    out.write(request);
  }

  /** Whether a request was sent whose response has not been read. */
  boolean inFlight() {
    return inFlight;
  }

  long index() {
    return index;
  }

  long intendedNanos() {
    return intendedNanos;
  }

  long sentNanos() {
    return sentNanos;
  }

  /**
   * Reads one whole response and returns its status code, or -1 if the read timeout passed before
   * its first byte (an idle connection, or a slow server: the caller decides by {@link
   * #sentNanos}).
   *
   * @throws IOException if the connection closes or times out within a response, or the response is
   *     malformed, chunked, larger than {@value #MAX_RESPONSE_BYTES} bytes, or announces that the
   *     server closes the connection
   */
  int readResponse() throws IOException {
    int filled = 0;
    try {
      filled = fill(0);
    } catch (SocketTimeoutException e) {
      return -1;
    }
    int headerEnd = headerEnd(buf, filled);
    while (headerEnd < 0) {
      filled = fill(filled);
      headerEnd = headerEnd(buf, filled);
    }
    int status = status(buf, headerEnd);
    if (indexOfIgnoreCase(buf, 0, headerEnd, TRANSFER_ENCODING) >= 0) {
      throw new IOException("chunked responses are not read; status " + status);
    }
    if (indexOfIgnoreCase(buf, 0, headerEnd, CONNECTION_CLOSE) >= 0) {
      throw new IOException("the server closes the connection; status " + status);
    }
    int length = contentLength(buf, headerEnd);
    int total = headerEnd + length;
    if (total > buf.length) {
      throw new IOException("response of " + total + " bytes exceeds " + buf.length);
    }
    while (filled < total) {
      filled = fill(filled);
    }
    if (filled > total) {
      // One request in flight: bytes beyond the response are a server's error.
      throw new IOException((filled - total) + " bytes after the response");
    }
    inFlight = false;
    return status;
  }

  private int fill(int filled) throws IOException {
    if (filled == buf.length) {
      throw new IOException("response headers exceed " + buf.length + " bytes");
    }
    int n = in.read(buf, filled, buf.length - filled);
    if (n < 0) {
      throw new EOFException("the server closed the connection");
    }
    return filled + n;
  }

  /** The index just past the blank line ending the headers, or -1 if not yet read. */
  static int headerEnd(byte[] b, int filled) {
    for (int i = 3; i < filled; i++) {
      if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
        return i + 1;
      }
    }
    return -1;
  }

  /** The status code of a status line {@code HTTP/1.1 200 OK}. */
  static int status(byte[] b, int headerEnd) throws IOException {
    if (headerEnd < 12 || b[0] != 'H' || b[8] != ' ') {
      throw new IOException("malformed status line");
    }
    int status = 0;
    for (int i = 9; i < 12; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        throw new IOException("malformed status code");
      }
      status = status * 10 + d;
    }
    return status;
  }

  /** The value of the Content-Length header; 0 when absent (a response without a body). */
  static int contentLength(byte[] b, int headerEnd) throws IOException {
    int at = indexOfIgnoreCase(b, 0, headerEnd, CONTENT_LENGTH);
    if (at < 0) {
      return 0;
    }
    int i = at + CONTENT_LENGTH.length;
    while (i < headerEnd && b[i] == ' ') {
      i++;
    }
    long value = 0;
    int digits = 0;
    while (i < headerEnd && b[i] >= '0' && b[i] <= '9') {
      value = value * 10 + (b[i] - '0');
      i++;
      if (++digits > 9) {
        throw new IOException("Content-Length too large");
      }
    }
    if (digits == 0) {
      throw new IOException("malformed Content-Length");
    }
    return (int) value;
  }

  /** Where {@code lowerCaseNeedle} starts in {@code b[from, to)}, ignoring ASCII case, or -1. */
  static int indexOfIgnoreCase(byte[] b, int from, int to, byte[] lowerCaseNeedle) {
    outer:
    for (int i = from; i <= to - lowerCaseNeedle.length; i++) {
      for (int j = 0; j < lowerCaseNeedle.length; j++) {
        int c = b[i + j];
        if (c >= 'A' && c <= 'Z') {
          c += 'a' - 'A';
        }
        if (c != lowerCaseNeedle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing after the run: nothing is waiting on this socket any more.
    }
  }
}
