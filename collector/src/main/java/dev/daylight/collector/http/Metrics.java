package dev.daylight.collector.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** The collector's Prometheus registry: request latency per route, report outcomes, JVM. */
final class Metrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  final Histogram requests = Histogram.builder()
      .name("daylight_http_request_duration_seconds")
      .help("HTTP request latency by route and status")
      .labelNames("route", "status")
      .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
      .register(registry);
  final Counter reports = Counter.builder()
      .name("daylight_reports_total")
      .help("Reports received, by outcome (stored, duplicate)")
      .labelNames("outcome")
      .register(registry);
  final Counter enrollments = Counter.builder()
      .name("daylight_enrollments_total")
      .help("Successful enrollments")
      .register(registry);

  Metrics() {
    JvmMetrics.builder().register(registry);
  }

  byte[] scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toByteArray();
  }
}
