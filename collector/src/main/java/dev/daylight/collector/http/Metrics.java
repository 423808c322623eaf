package dev.daylight.collector.http;

import dev.daylight.collector.store.WriteQueue;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The collector's Prometheus registry: request latency per route, report outcomes, group commit,
 * JVM.
 */
final class Metrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  final Histogram requests =
      Histogram.builder()
          .name("daylight_http_request_duration_seconds")
          .help("HTTP request latency by route and status")
          .labelNames("route", "status")
          .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
          .register(registry);
  final Counter reports =
      Counter.builder()
          .name("daylight_reports_total")
          .help("Reports received, by outcome (stored, duplicate)")
          .labelNames("outcome")
          .register(registry);
  final Counter enrollments =
      Counter.builder()
          .name("daylight_enrollments_total")
          .help("Successful enrollments")
          .register(registry);

  Metrics(Supplier<WriteQueue.Stats> writes) {
    JvmMetrics.builder().register(registry);
    CounterWithCallback.builder()
        .name("daylight_write_batches_total")
        .help("Transactions the writer committed or tried (group commit: many writes each)")
        .callback(cb -> cb.call(writes.get().batches()))
        .register(registry);
    CounterWithCallback.builder()
        .name("daylight_writes_total")
        .help("Writes handed to the writer; divided by batches, the mean batch size")
        .callback(cb -> cb.call(writes.get().writes()))
        .register(registry);
    CounterWithCallback.builder()
        .name("daylight_write_batches_retried_total")
        .help("Batches rolled back because one write failed, then run one write at a time")
        .callback(cb -> cb.call(writes.get().retriedBatches()))
        .register(registry);
  }

  byte[] scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toByteArray();
  }
}
