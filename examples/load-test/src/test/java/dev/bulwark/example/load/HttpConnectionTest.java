/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void headerEnd_completeHeaders_pointsPastTheBlankLine() {
    byte[] b = ascii("HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody");

    assertThat(HttpConnection.headerEnd(b, b.length)).isEqualTo(b.length - 4);
  }

  @Test
  void headerEnd_partialHeaders_isMinusOne() {
    byte[] b = ascii("HTTP/1.1 200 OK\r\nA: b\r\n");

    assertThat(HttpConnection.headerEnd(b, b.length)).isEqualTo(-1);
  }

  @Test
  void contentLength_anyCase_isRead() throws IOException {
    byte[] b = ascii("HTTP/1.1 200 OK\r\nCONTENT-length:  42\r\n\r\n");

    assertThat(HttpConnection.contentLength(b, b.length)).isEqualTo(42);
    assertThat(HttpConnection.status(b, b.length)).isEqualTo(200);
  }

  @Test
  void status_malformedLine_throws() {
    byte[] b = ascii("HTTP/1.1 2x0 OK\r\n\r\n");

    assertThatThrownBy(() -> HttpConnection.status(b, b.length)).isInstanceOf(IOException.class);
  }

  @Test
  void get_withAuthorization_encodesAKeepAliveRequest() {
    assertThat(
            new String(
                RequestSource.get("127.0.0.1", 80, "/me", "Bearer t"), StandardCharsets.US_ASCII))
        .isEqualTo("GET /me HTTP/1.1\r\nHost: 127.0.0.1:80\r\nAuthorization: Bearer t\r\n\r\n");
  }

  @Test
  void heapSample_prometheusText_sumsTheHeapPoolsAndReadsTheOldGeneration() {
    String text =
        "# HELP jvm_memory_used_bytes x\n"
            + "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1000.0\n"
            + "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 2000.0\n"
            + "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 5000.0\n"
            + "jvm_gc_live_data_size_bytes 1500.0\n";

    Target.HeapSample h = Target.HeapSample.parse(text);

    assertThat(h.usedBytes()).isEqualTo(3000);
    assertThat(h.oldGenBytes()).isEqualTo(2000);
  }
}
