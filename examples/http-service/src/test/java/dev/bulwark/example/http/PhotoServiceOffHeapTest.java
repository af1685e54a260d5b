/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service with the off-heap verified-token cache: same answers, its memory on /metrics. */
class PhotoServiceOffHeapTest {
  private static PhotoService service;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    service = PhotoService.builder().port(0).tokenCacheOffHeap(1 << 20).start();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  private static HttpResponse<String> get(String path, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(service.uri().resolve(path));
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void photo_sameTokenTwice_isAllowedBothTimes() throws Exception {
    String header = "Bearer " + service.tokenMint().mint("alice");

    assertThat(get("/photos/beach", header).statusCode()).isEqualTo(200);
    assertThat(get("/photos/beach", header).statusCode()).isEqualTo(200);
  }

  @Test
  void metrics_offHeapCache_showsItsMemoryAsAPool() throws Exception {
    get("/photos/sunset", "Bearer " + service.tokenMint().mint("alice"));

    assertThat(get("/metrics", null).body())
        .contains("bulwark_memory_pool_fragmentation_ratio{pool=\"auth.token.cache\"");
  }

  @Test
  void builder_offHeapBelowTheMinimum_namesTheSettingAndValue() {
    assertThatThrownBy(() -> PhotoService.builder().tokenCacheOffHeap(1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokenCacheOffHeap")
        .hasMessageContaining("1024");
  }
}
