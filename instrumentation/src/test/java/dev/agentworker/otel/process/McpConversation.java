package dev.agentworker.otel.process;

import dev.agentworker.otel.config.Settings;
import dev.agentworker.otel.config.SettingsFactory;
import dev.agentworker.otel.mcp.McpServers;
import dev.agentworker.otel.telemetry.InMemoryTelemetry;
import dev.agentworker.otel.telemetry.StartInstant;
import dev.agentworker.otel.telemetry.Telemetry;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One worker-to-server conversation through the real stdin and stdout observers, with telemetry
 * recorded in memory: what the worker writes goes through {@link ObservedOutputStream} into a
 * buffer standing for the pipe, what the server writes is shown to the stdout tap.
 */
public final class McpConversation {

  public final InMemorySpanExporter spans;
  public final InMemoryMetricReader metrics;
  public final ByteArrayOutputStream sentToServer = new ByteArrayOutputStream();
  public final McpServers servers;
  private final Telemetry telemetry;
  private final Settings settings;
  private McpStdioRun run;
  private ObservedOutputStream stdin;

  public McpConversation(Map<String, String> settingValues) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("agent-cli.drain-timeout-ms", "50");
    values.putAll(settingValues);
    settings = SettingsFactory.of(values);
    InMemoryTelemetry memory = new InMemoryTelemetry(false);
    spans = memory.spans;
    metrics = memory.metrics;
    telemetry = memory.telemetry;
    servers =
        new McpServers(
            telemetry.mcpMetrics(),
            settings.mcp().maxCrashes(),
            settings.mcp().crashWindowMillis());
  }

  public McpConversation() {
    this(Map.of());
  }

  /** A new server process of {@code command}, as the worker would start it. */
  public McpConversation spawn(String... command) {
    McpStart start =
        new McpStart(List.of(command), new StartInstant(1_000_000_000L, System.nanoTime()));
    boolean known = servers.isKnown(start.key());
    run = new McpStdioRun(start, () -> telemetry, () -> servers, settings, known);
    sentToServer.reset();
    stdin = new ObservedOutputStream(sentToServer, run);
    return this;
  }

  public McpConversation clientWrites(String text) {
    return clientWrites(text.getBytes(StandardCharsets.UTF_8));
  }

  public McpConversation clientWrites(byte[] bytes) {
    try {
      stdin.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public McpConversation clientFlushes() {
    try {
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public McpConversation clientCloses() {
    try {
      stdin.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public McpConversation clientDestroys() {
    run.destroyRequested();
    return this;
  }

  public McpConversation serverWrites(String text) {
    return serverWrites(text.getBytes(StandardCharsets.UTF_8));
  }

  public McpConversation serverWrites(byte[] bytes) {
    run.onBytes(bytes, 0, bytes.length);
    return this;
  }

  /** The server exits with {@code code} and the worker reads stdout to its end. */
  public McpConversation serverExits(int code) {
    run.exited(code);
    run.onEnd();
    return this;
  }

  public String sent() {
    return sentToServer.toString(StandardCharsets.UTF_8);
  }

  public List<SpanData> finishedSpans() {
    return spans.getFinishedSpanItems();
  }

  /** Every point of every metric, by metric name, as "attributes=value" strings. */
  public Map<String, List<String>> points() {
    Map<String, List<String>> points = new LinkedHashMap<>();
    for (MetricData metric : metrics.collectAllMetrics()) {
      List<String> values = new ArrayList<>();
      for (PointData point : metric.getData().getPoints()) {
        StringBuilder attributes = new StringBuilder("{");
        point
            .getAttributes()
            .forEach(
                (key, value) ->
                    attributes
                        .append(attributes.length() > 1 ? ", " : "")
                        .append(key.getKey())
                        .append('=')
                        .append(value));
        values.add(attributes.append('}') + "=" + value(point));
      }
      points.put(metric.getName(), values);
    }
    return points;
  }

  private static String value(PointData point) {
    if (point instanceof io.opentelemetry.sdk.metrics.data.LongPointData) {
      return Long.toString(((io.opentelemetry.sdk.metrics.data.LongPointData) point).getValue());
    }
    if (point instanceof io.opentelemetry.sdk.metrics.data.HistogramPointData) {
      return "count:" + ((io.opentelemetry.sdk.metrics.data.HistogramPointData) point).getCount();
    }
    return point.toString();
  }
}
