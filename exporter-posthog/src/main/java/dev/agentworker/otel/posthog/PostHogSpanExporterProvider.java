package dev.agentworker.otel.posthog;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers the exporter as {@code posthog} with the SDK's autoconfiguration, so that {@code
 * otel.traces.exporter=otlp,posthog} and {@code otel.exporter.posthog.api-key} enable it. Settings
 * that cannot be used give one WARNING and an exporter that sends nothing.
 */
public final class PostHogSpanExporterProvider implements ConfigurableSpanExporterProvider {

  private static final Logger logger =
      Logger.getLogger(PostHogSpanExporterProvider.class.getName());

  @Override
  public String getName() {
    return "posthog";
  }

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    PostHogSettings settings = PostHogSettings.from(config);
    if (settings.problem() != null) {
      logger.log(Level.WARNING, "PostHog exporter turned off: {0}", settings.problem());
      return new NoopExporter();
    }
    return PostHogSpanExporter.create(settings);
  }

  /** What a misconfigured exporter does: accept everything, send nothing. */
  static final class NoopExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
