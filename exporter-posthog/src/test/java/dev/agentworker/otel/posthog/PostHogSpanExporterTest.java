package dev.agentworker.otel.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentworker.otel.examples.backend.FakePostHog;
import dev.agentworker.otel.examples.backend.FakePostHog.Fault;
import dev.agentworker.otel.posthog.transport.Backoff;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exporter against a fake PostHog capture endpoint on 127.0.0.1 that injects faults. */
class PostHogSpanExporterTest {

  private FakePostHog posthog;
  private InMemoryMetricReader metrics;
  private PostHogSpanExporter exporter;

  @BeforeEach
  void setUp() throws Exception {
    posthog = FakePostHog.start(0);
    metrics = InMemoryMetricReader.create();
    ExporterMetrics.useMeterProvider(
        SdkMeterProvider.builder().registerMetricReader(metrics).build());
  }

  @AfterEach
  void tearDown() {
    if (exporter != null) {
      exporter.shutdown();
    }
    posthog.close();
  }

  private PostHogSpanExporter exporter(PostHogSettings.Builder settings) {
    exporter =
        new PostHogSpanExporter(
            settings.host(posthog.host()).apiKey("phc_test").build(),
            new Backoff(Duration.ofMillis(50)));
    return exporter;
  }

  private static PostHogSettings.Builder settings() {
    return PostHogSettings.builder()
        .maxRetryTime(Duration.ofSeconds(20))
        .timeout(Duration.ofSeconds(2));
  }

  private static int nextQuery = 0x1000;

  /** {@code n} queries never exported before: three events each. */
  private static List<SpanData> queries(int n) {
    List<SpanData> spans = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      spans.add(QuerySpans.codexQuery(null, String.format("%016x", nextQuery++)));
    }
    return spans;
  }

  private void exportAndFlush(List<SpanData> spans) {
    CompletableResultCode result = exporter.export(spans);
    // export never waits for PostHog: the result is already there.
    assertThat(result.isDone()).isTrue();
    assertThat(result.isSuccess()).isTrue();
    assertThat(exporter.flush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
  }

  private long counter(String name, Attributes attributes) {
    for (MetricData metric : metrics.collectAllMetrics()) {
      if (metric.getName().equals(name)) {
        for (LongPointData point : metric.getLongSumData().getPoints()) {
          if (point.getAttributes().equals(attributes)) {
            return point.getValue();
          }
        }
      }
    }
    return 0;
  }

  private long dropped(String reason) {
    return counter(
        "agent_worker.posthog.events.dropped",
        Attributes.of(AttributeKey.stringKey("agent_worker.posthog.drop_reason"), reason));
  }

  /** Accepted events by uuid; fails if one uuid arrived with two different contents. */
  private Map<String, JsonNode> deliveredOnce() {
    Map<String, JsonNode> byUuid = new HashMap<>();
    for (JsonNode event : posthog.events()) {
      JsonNode previous = byUuid.putIfAbsent(event.path("uuid").asText(), event);
      if (previous != null) {
        assertThat(event).as("the same uuid twice must be the same event").isEqualTo(previous);
      }
    }
    return byUuid;
  }

  @Test
  void eventsArriveGzippedInBatchesWithinTheLimits() {
    exporter(settings().batchSize(10));
    exportAndFlush(queries(7));

    assertThat(deliveredOnce()).hasSize(21);
    assertThat(posthog.requests())
        .allSatisfy(
            r -> {
              assertThat(r.status).isEqualTo(200);
              assertThat(r.gzipped).isTrue();
              assertThat(r.contentEncoding).isEqualTo("gzip");
              assertThat(r.events()).hasSizeLessThanOrEqualTo(10);
              assertThat(r.body.path("sent_at").asText()).endsWith("Z");
            });
    assertThat(counter("agent_worker.posthog.events.sent", Attributes.empty())).isEqualTo(21);
  }

  @Test
  void a429WithRetryAfterIsHonouredAndNothingIsLost() {
    posthog.failNext(Fault.status(429, "1"));
    exporter(settings());
    exportAndFlush(queries(2));

    List<FakePostHog.Request> requests = posthog.requests();
    assertThat(requests).extracting(r -> r.status).containsExactly(429, 200);
    assertThat(requests.get(1).receivedNanos - requests.get(0).receivedNanos)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1000));
    assertThat(deliveredOnce()).hasSize(6);
    // The retried batch is the same events: same uuids, timestamps and properties.
    assertThat(requests.get(1).events()).hasSize(6);
    assertThat(counter("agent_worker.posthog.events.retried", Attributes.empty())).isEqualTo(6);
  }

  @Test
  void serverErrorsAndDroppedConnectionsAreRetriedUntilTheServerRecovers() {
    posthog.failNext(
        Fault.status(500),
        Fault.dropConnection(),
        Fault.status(503),
        Fault.status(502),
        Fault.status(408));
    exporter(settings());
    exportAndFlush(queries(3));

    assertThat(posthog.requests())
        .extracting(r -> r.status)
        .containsExactly(500, 0, 503, 502, 408, 200);
    assertThat(deliveredOnce()).hasSize(9);
    assertThat(counter("agent_worker.posthog.events.sent", Attributes.empty())).isEqualTo(9);
    assertThat(dropped("retries_exhausted")).isZero();
  }

  @Test
  void aSlowAnswerAfterTheTimeoutIsRetriedAndStaysOneEventPerUuid() {
    // The server accepts the first request but answers after the client gave up.
    posthog.failNext(Fault.slow(3000));
    exporter(settings().timeout(Duration.ofMillis(500)));
    exportAndFlush(queries(2));

    assertThat(posthog.events()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(deliveredOnce()).hasSize(6);
  }

  @Test
  void anOutageLongerThanTheRetryBudgetDropsExactlyThoseEvents() {
    Fault[] outage = new Fault[50];
    java.util.Arrays.fill(outage, Fault.status(503));
    posthog.failNext(outage);
    exporter(settings().maxRetryTime(Duration.ofSeconds(1)));
    exportAndFlush(queries(4));

    assertThat(posthog.events()).isEmpty();
    assertThat(dropped("retries_exhausted")).isEqualTo(12);
    assertThat(counter("agent_worker.posthog.events.sent", Attributes.empty())).isZero();
  }

  @Test
  void a413SplitsTheBatchUntilItFits() {
    posthog.failNext(Fault.status(413), Fault.status(413));
    exporter(settings());
    exportAndFlush(queries(4));

    // 12 events: 413, then halves of 6 (413, then halves of 3 and 3), then the other 6.
    assertThat(posthog.requests())
        .extracting(r -> r.status + ":" + r.events().size())
        .containsExactly("413:0", "413:0", "200:3", "200:3", "200:6");
    assertThat(deliveredOnce()).hasSize(12);
    assertThat(dropped("too_large")).isZero();
  }

  @Test
  void aWrongKeyIsLoggedOnceWithoutTheKeyAndNotRetried() {
    posthog.expectKey("phc_right");
    List<LogRecord> logged = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(PostHogSpanExporter.class.getName());
    logger.addHandler(handler);
    try {
      exporter(settings().batchSize(3));
      exportAndFlush(queries(3));
    } finally {
      logger.removeHandler(handler);
    }

    assertThat(posthog.requests()).extracting(r -> r.status).containsExactly(401, 401, 401);
    assertThat(dropped("unauthorized")).isEqualTo(9);
    List<String> warnings =
        logged.stream()
            .filter(r -> r.getLevel().equals(java.util.logging.Level.WARNING))
            .map(r -> java.text.MessageFormat.format(r.getMessage(), r.getParameters()))
            .collect(Collectors.toList());
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("HTTP 401")
        .contains(posthog.host())
        .doesNotContain("phc_test");
  }

  @Test
  void healthMetricsAreTheDocumentedOnes() throws Exception {
    posthog.failNext(Fault.status(503));
    exporter(settings());
    exportAndFlush(queries(1));

    Map<String, String> documented = new java.util.LinkedHashMap<>();
    boolean inSection = false;
    for (String line :
        java.nio.file.Files.readAllLines(
            java.nio.file.Paths.get(System.getProperty("docs.dir"), "posthog.md"))) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## Health metrics");
      } else if (inSection && line.startsWith("| `")) {
        String[] cells = line.split("\\|");
        documented.put(
            cells[1].trim().replace("`", ""),
            cells[2].trim()
                + " "
                + cells[3].trim().replace("`", "")
                + " "
                + cells[4].trim().replace("`", ""));
      }
    }
    Map<String, String> recorded = new java.util.LinkedHashMap<>();
    for (MetricData metric : metrics.collectAllMetrics()) {
      java.util.Set<String> keys = new java.util.TreeSet<>();
      metric
          .getData()
          .getPoints()
          .forEach(p -> p.getAttributes().forEach((k, v) -> keys.add(k.getKey())));
      String type =
          metric.getType().name().startsWith("HISTOGRAM")
              ? "histogram"
              : metric.getType().name().endsWith("GAUGE") ? "gauge" : "counter";
      recorded.put(metric.getName(), type + " " + metric.getUnit() + " " + String.join(", ", keys));
    }
    assertThat(recorded).containsExactlyInAnyOrderEntriesOf(documented);
  }

  @Test
  void aBatchTheServerRejectsIsDroppedNotRetried() {
    posthog.failNext(Fault.status(400));
    exporter(settings());
    exportAndFlush(queries(1));

    assertThat(posthog.requests()).extracting(r -> r.status).containsExactly(400);
    assertThat(dropped("rejected")).isEqualTo(3);
  }

  @Test
  void aFullQueueDropsNewEventsWithoutBlockingTheCaller() {
    posthog.failNext(Fault.slow(1500));
    exporter(settings().queueSize(5).batchSize(100));
    CompletableResultCode first = exporter.export(queries(1));
    CompletableResultCode second = exporter.export(queries(10));
    assertThat(first.isDone() && second.isDone()).isTrue();
    assertThat(exporter.flush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();

    long delivered = deliveredOnce().size();
    assertThat(delivered + dropped("queue_full")).isEqualTo(33);
    assertThat(dropped("queue_full")).isPositive();
  }

  @Test
  void shutdownGivesUpWithinItsTimeoutAndCountsWhatIsLeft() {
    Fault[] outage = new Fault[50];
    java.util.Arrays.fill(outage, Fault.status(503));
    posthog.failNext(outage);
    exporter(settings().shutdownTimeout(Duration.ofMillis(800)));
    exporter.export(queries(2));

    long start = System.nanoTime();
    assertThat(exporter.shutdown().isSuccess()).isTrue();
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    exporter = null;

    assertThat(elapsedMillis).isLessThan(800 + 2000);
    assertThat(dropped("shutdown") + dropped("retries_exhausted")).isEqualTo(6);
  }
}
