package dev.agentworker.otel.telemetry;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * An SDK whose spans, metrics and log records stay in memory, and the extension's telemetry on it.
 */
public final class InMemoryTelemetry {

  public final InMemorySpanExporter spans = InMemorySpanExporter.create();
  public final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
  public final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  public final Telemetry telemetry;

  public InMemoryTelemetry(boolean stderrLogEnabled) {
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setLoggerProvider(
                SdkLoggerProvider.builder()
                    .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
                    .build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();
    telemetry = new Telemetry(sdk, stderrLogEnabled);
  }
}
