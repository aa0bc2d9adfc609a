package dev.agentworker.otel.posthog;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
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
      // The SDK's no-op exporter: accepts everything, sends nothing.
      return SpanExporter.composite();
    }
    return PostHogSpanExporter.create(settings);
  }
}
