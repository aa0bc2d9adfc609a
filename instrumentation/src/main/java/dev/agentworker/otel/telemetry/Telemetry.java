package dev.agentworker.otel.telemetry;

import dev.agentworker.otel.config.Settings;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;

/**
 * The tracer, meter and logger of the extension, created from {@link GlobalOpenTelemetry} at first
 * use (the agent has installed its SDK by then).
 */
public final class Telemetry {

  /** Instrumentation scope of every signal the extension emits. */
  public static final String SCOPE = "dev.agentworker.otel.agent-cli";

  /** Kept equal to the Maven project version by a test. */
  public static final String VERSION = "0.1.0-SNAPSHOT";

  private static volatile Telemetry instance;

  private final QueryTracing tracing;
  private final QueryMetrics metrics;
  private final QueryLog log;
  private final McpTracing mcpTracing;
  private final McpMetrics mcpMetrics;

  public Telemetry(OpenTelemetry openTelemetry, boolean stderrLogEnabled) {
    Tracer tracer = openTelemetry.tracerBuilder(SCOPE).setInstrumentationVersion(VERSION).build();
    Meter meter = openTelemetry.meterBuilder(SCOPE).setInstrumentationVersion(VERSION).build();
    this.tracing = new QueryTracing(tracer);
    this.metrics = new QueryMetrics(meter);
    this.mcpTracing = new McpTracing(tracer);
    this.mcpMetrics = new McpMetrics(meter);
    this.log =
        new QueryLog(
            openTelemetry
                .getLogsBridge()
                .loggerBuilder(SCOPE)
                .setInstrumentationVersion(VERSION)
                .build(),
            stderrLogEnabled);
  }

  public static Telemetry get() {
    Telemetry telemetry = instance;
    if (telemetry == null) {
      synchronized (Telemetry.class) {
        telemetry = instance;
        if (telemetry == null) {
          telemetry = new Telemetry(GlobalOpenTelemetry.get(), Settings.get().queryLogEnabled());
          instance = telemetry;
        }
      }
    }
    return telemetry;
  }

  public QueryTracing tracing() {
    return tracing;
  }

  public QueryMetrics metrics() {
    return metrics;
  }

  public QueryLog log() {
    return log;
  }

  public McpTracing mcpTracing() {
    return mcpTracing;
  }

  public McpMetrics mcpMetrics() {
    return mcpMetrics;
  }
}
