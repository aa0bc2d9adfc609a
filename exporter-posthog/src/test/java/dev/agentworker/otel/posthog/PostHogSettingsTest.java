package dev.agentworker.otel.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentworker.otel.posthog.events.EventType;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostHogSettingsTest {

  private static PostHogSettings settings(Map<String, String> values) {
    return PostHogSettings.from(DefaultConfigProperties.createFromMap(values));
  }

  @Test
  void aKeyIsAllItTakes() {
    PostHogSettings settings = settings(Map.of("otel.exporter.posthog.api-key", "phc_abc"));

    assertThat(settings.problem()).isNull();
    assertThat(settings.apiKey()).isEqualTo("phc_abc");
    assertThat(settings.batchEndpoint().toString()).isEqualTo("https://us.i.posthog.com/batch/");
    assertThat(settings.events()).containsExactlyInAnyOrder(EventType.values());
    assertThat(settings.batchSize()).isEqualTo(100);
    assertThat(settings.queueSize()).isEqualTo(10_000);
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.maxRetryTime()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.gzip()).isTrue();
    assertThat(settings.distinctId()).isNull();
  }

  @Test
  void everySettingIsRead() {
    Map<String, String> values = new HashMap<>();
    values.put("otel.exporter.posthog.api-key", "phc_abc");
    values.put("otel.exporter.posthog.host", "http://127.0.0.1:8000/posthog");
    values.put("otel.exporter.posthog.events", "agent_query_completed, $ai_span");
    values.put("otel.exporter.posthog.distinct-id", "worker-1");
    values.put("otel.exporter.posthog.batch-size", "20");
    values.put("otel.exporter.posthog.queue-size", "50");
    values.put("otel.exporter.posthog.timeout", "3s");
    values.put("otel.exporter.posthog.max-retry-time", "2m");
    values.put("otel.exporter.posthog.shutdown-timeout", "700ms");
    values.put("otel.exporter.posthog.compression", "none");
    PostHogSettings settings = settings(values);

    assertThat(settings.problem()).isNull();
    assertThat(settings.batchEndpoint().toString())
        .isEqualTo("http://127.0.0.1:8000/posthog/batch/");
    assertThat(settings.events()).containsExactly(EventType.QUERY_COMPLETED, EventType.AI_SPAN);
    assertThat(settings.distinctId()).isEqualTo("worker-1");
    assertThat(settings.batchSize()).isEqualTo(20);
    assertThat(settings.queueSize()).isEqualTo(50);
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.maxRetryTime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofMillis(700));
    assertThat(settings.gzip()).isFalse();
  }

  @Test
  void unusableSettingsAreNamedAndTurnTheExporterOff() {
    assertThat(settings(Map.of()).problem()).contains("otel.exporter.posthog.api-key");
    assertThat(
            settings(
                    Map.of(
                        "otel.exporter.posthog.api-key", "phc_a",
                        "otel.exporter.posthog.host", "ftp://example"))
                .problem())
        .contains("otel.exporter.posthog.host");
    assertThat(
            settings(
                    Map.of(
                        "otel.exporter.posthog.api-key", "phc_a",
                        "otel.exporter.posthog.events", "agent_query_completed,pageview"))
                .problem())
        .contains("'pageview'");
    assertThat(
            settings(
                    Map.of(
                        "otel.exporter.posthog.api-key", "phc_a",
                        "otel.exporter.posthog.batch-size", "lots"))
                .problem())
        .contains("otel.exporter.posthog.batch-size");
    assertThat(
            new PostHogSpanExporterProvider()
                .createExporter(DefaultConfigProperties.createFromMap(Map.of())))
        .isSameAs(SpanExporter.composite());
    assertThat(new PostHogSpanExporterProvider().getName()).isEqualTo("posthog");
  }
}
