package dev.agentworker.otel.posthog;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The exporter's own health: events sent, retried and dropped by reason, request latency and the
 * queue. Instruments are created on the meter provider the agent hands over once its SDK is up
 * ({@link PostHogAgentListener}); until then, and outside the agent, they record nothing.
 */
final class ExporterMetrics {

  static final String SCOPE = "dev.agentworker.otel.exporter-posthog";

  static final AttributeKey<String> DROP_REASON =
      AttributeKey.stringKey("agent_worker.posthog.drop_reason");
  static final AttributeKey<String> OUTCOME =
      AttributeKey.stringKey("agent_worker.posthog.outcome");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

  /** Drop reasons, as documented in docs/posthog.md. */
  static final String QUEUE_FULL = "queue_full";

  static final String TOO_LARGE = "too_large";
  static final String REJECTED = "rejected";
  static final String UNAUTHORIZED = "unauthorized";
  static final String RETRIES_EXHAUSTED = "retries_exhausted";
  static final String SHUTDOWN = "shutdown";

  static final List<String> DROP_REASONS =
      Arrays.asList(QUEUE_FULL, TOO_LARGE, REJECTED, UNAUTHORIZED, RETRIES_EXHAUSTED, SHUTDOWN);

  static final List<Double> REQUEST_BUCKETS =
      Arrays.asList(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0);

  private static volatile MeterProvider agentMeterProvider;

  private final LongSupplier queueSize;
  private volatile Instruments instruments;

  private static final class Instruments {
    final LongCounter sent;
    final LongCounter retried;
    final LongCounter dropped;
    final DoubleHistogram requestDuration;

    Instruments(Meter meter, LongSupplier queueSize) {
      sent =
          meter
              .counterBuilder("agent_worker.posthog.events.sent")
              .setUnit("{event}")
              .setDescription("Events PostHog accepted.")
              .build();
      retried =
          meter
              .counterBuilder("agent_worker.posthog.events.retried")
              .setUnit("{event}")
              .setDescription("Events sent again after a retryable failure, once per retry.")
              .build();
      dropped =
          meter
              .counterBuilder("agent_worker.posthog.events.dropped")
              .setUnit("{event}")
              .setDescription("Events given up on, by reason.")
              .build();
      requestDuration =
          meter
              .histogramBuilder("agent_worker.posthog.request.duration")
              .setUnit("s")
              .setDescription("Duration of each request to PostHog, by outcome.")
              .setExplicitBucketBoundariesAdvice(REQUEST_BUCKETS)
              .build();
      meter
          .gaugeBuilder("agent_worker.posthog.queue.size")
          .setUnit("{event}")
          .setDescription("Events waiting to be sent.")
          .ofLongs()
          .buildWithCallback(measurement -> measurement.record(queueSize.getAsLong()));
      for (String reason : DROP_REASONS) {
        dropped.add(0, Attributes.of(DROP_REASON, reason));
      }
      sent.add(0);
    }
  }

  ExporterMetrics(LongSupplier queueSize) {
    this.queueSize = queueSize;
  }

  /** Called by the agent listener once the agent's SDK exists. */
  static void useMeterProvider(MeterProvider meterProvider) {
    agentMeterProvider = meterProvider;
  }

  void sent(int events) {
    Instruments current = instruments();
    if (current != null) {
      current.sent.add(events);
    }
  }

  void retried(int events) {
    Instruments current = instruments();
    if (current != null) {
      current.retried.add(events);
    }
  }

  void dropped(int events, String reason) {
    Instruments current = instruments();
    if (current != null && events > 0) {
      current.dropped.add(events, Attributes.of(DROP_REASON, reason));
    }
  }

  void request(double seconds, String outcome, int status) {
    Instruments current = instruments();
    if (current != null) {
      current.requestDuration.record(
          seconds,
          status > 0
              ? Attributes.of(OUTCOME, outcome, HTTP_STATUS, (long) status)
              : Attributes.of(OUTCOME, outcome));
    }
  }

  /** Creates the instruments once the agent's meter provider is known. */
  void initialize() {
    instruments();
  }

  private Instruments instruments() {
    Instruments current = instruments;
    if (current != null) {
      return current;
    }
    MeterProvider provider = agentMeterProvider;
    if (provider == null) {
      return null;
    }
    synchronized (this) {
      if (instruments == null) {
        instruments =
            new Instruments(
                provider
                    .meterBuilder(SCOPE)
                    .setInstrumentationVersion(dev.agentworker.otel.telemetry.Telemetry.VERSION)
                    .build(),
                queueSize);
      }
      return instruments;
    }
  }
}
