package dev.agentworker.otel.telemetry;

import static dev.agentworker.otel.telemetry.AttributeKeys.ERROR_TYPE;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_OPERATION_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_PROMPT_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_TOOL_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_METHOD_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_PROTOCOL_VERSION;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_SERVER_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.NETWORK_TRANSPORT;
import static dev.agentworker.otel.telemetry.AttributeKeys.RPC_RESPONSE_STATUS_CODE;
import static dev.agentworker.otel.telemetry.AttributeKeys.STREAM_SKIP_REASON;
import static dev.agentworker.otel.telemetry.AttributeKeys.TOOL_KIND;

import dev.agentworker.otel.query.ToolCall;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Records the metrics of MCP stdio servers the worker starts and the requests it sends them. */
public final class McpMetrics {

  static final String TRANSPORT_PIPE = "pipe";

  private final DoubleHistogram operationDuration;
  private final DoubleHistogram sessionDuration;
  private final DoubleHistogram startupDuration;
  private final LongCounter crashes;
  private final LongCounter restarts;
  private final LongCounter toolCalls;
  private final LongCounter toolErrors;
  private final LongCounter linesSkipped;
  private final Map<String, Boolean> permanentFailures = new ConcurrentHashMap<>();

  public McpMetrics(Meter meter) {
    operationDuration = Meters.doubleHistogram(meter, Instruments.MCP_OPERATION_DURATION);
    sessionDuration = Meters.doubleHistogram(meter, Instruments.MCP_SESSION_DURATION);
    startupDuration = Meters.doubleHistogram(meter, Instruments.MCP_SERVER_STARTUP);
    crashes = Meters.counter(meter, Instruments.MCP_SERVER_CRASHES);
    restarts = Meters.counter(meter, Instruments.MCP_SERVER_RESTARTS);
    toolCalls = Meters.counter(meter, Instruments.TOOL_CALLS);
    toolErrors = Meters.counter(meter, Instruments.TOOL_ERRORS);
    linesSkipped = Meters.counter(meter, Instruments.LINES_SKIPPED);
    meter
        .gaugeBuilder(Instruments.MCP_SERVER_PERMANENT_FAILURE.name())
        .setDescription(Instruments.MCP_SERVER_PERMANENT_FAILURE.description())
        .setUnit(Instruments.MCP_SERVER_PERMANENT_FAILURE.unit())
        .ofLongs()
        .buildWithCallback(
            measurement ->
                permanentFailures.forEach(
                    (server, failed) -> measurement.record(failed ? 1 : 0, server(server))));
  }

  /**
   * A server was seen for the first time: its crash and restart series start at 0 and its failure
   * state is reported, so the first crash is an increase and the alert has a series to watch.
   */
  public void serverSeen(String server) {
    if (permanentFailures.putIfAbsent(server, Boolean.FALSE) == null) {
      crashes.add(0, server(server));
      restarts.add(0, server(server));
    }
  }

  public void setPermanentFailure(String server, boolean failed) {
    permanentFailures.put(server, failed);
  }

  public void recordStartup(String server, double seconds, String errorType) {
    AttributesBuilder attributes = server(server).toBuilder();
    if (errorType != null) {
      attributes.put(ERROR_TYPE, errorType);
    }
    startupDuration.record(seconds, attributes.build());
  }

  public void recordCrash(String server) {
    crashes.add(1, server(server));
  }

  public void recordRestart(String server) {
    restarts.add(1, server(server));
  }

  public void recordSession(
      String server, String protocolVersion, double seconds, String errorType) {
    AttributesBuilder attributes =
        server(server).toBuilder().put(NETWORK_TRANSPORT, TRANSPORT_PIPE);
    putIfPresent(attributes, MCP_PROTOCOL_VERSION, protocolVersion);
    putIfPresent(attributes, ERROR_TYPE, errorType);
    sessionDuration.record(seconds, attributes.build());
  }

  /** One answered or abandoned request; tool calls also count on the shared tool counters. */
  public void recordOperation(McpOperation operation, double seconds) {
    AttributesBuilder attributes =
        Attributes.builder()
            .put(MCP_METHOD_NAME, operation.method())
            .put(NETWORK_TRANSPORT, TRANSPORT_PIPE);
    putIfPresent(attributes, MCP_SERVER_NAME, operation.server());
    putIfPresent(attributes, MCP_PROTOCOL_VERSION, operation.protocolVersion());
    putIfPresent(attributes, ERROR_TYPE, operation.errorType());
    putIfPresent(attributes, RPC_RESPONSE_STATUS_CODE, operation.statusCode());
    putIfPresent(attributes, GEN_AI_PROMPT_NAME, operation.promptName());
    if (operation.toolName() != null) {
      attributes.put(GEN_AI_TOOL_NAME, operation.toolName());
      attributes.put(GEN_AI_OPERATION_NAME, QueryTracing.OPERATION_EXECUTE_TOOL);
    }
    operationDuration.record(seconds, attributes.build());

    if (operation.toolName() != null) {
      AttributesBuilder tool =
          Attributes.builder()
              .put(GEN_AI_TOOL_NAME, operation.toolName())
              .put(TOOL_KIND, ToolCall.Kind.MCP.value());
      putIfPresent(tool, MCP_SERVER_NAME, operation.server());
      Attributes toolAttributes = tool.build();
      toolCalls.add(1, toolAttributes);
      if (operation.errorType() != null) {
        toolErrors.add(
            1, toolAttributes.toBuilder().put(ERROR_TYPE, operation.errorType()).build());
      }
    }
  }

  public void recordSkippedLines(String server, String reason, long count) {
    linesSkipped.add(count, server(server).toBuilder().put(STREAM_SKIP_REASON, reason).build());
  }

  private static Attributes server(String server) {
    return Attributes.of(MCP_SERVER_NAME, server);
  }

  private static <T> void putIfPresent(
      AttributesBuilder builder, io.opentelemetry.api.common.AttributeKey<T> key, T value) {
    if (value != null) {
      builder.put(key, value);
    }
  }
}
