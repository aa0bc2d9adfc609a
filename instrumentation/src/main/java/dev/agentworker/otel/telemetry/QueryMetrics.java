package dev.agentworker.otel.telemetry;

import static dev.agentworker.otel.telemetry.AttributeKeys.ERROR_TYPE;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_AGENT_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_OPERATION_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_PROVIDER_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_REQUEST_MODEL;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_TOKEN_TYPE;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_TOOL_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_SERVER_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.QUERY_OUTCOME;
import static dev.agentworker.otel.telemetry.AttributeKeys.SANDBOX_MODE;
import static dev.agentworker.otel.telemetry.AttributeKeys.STREAM_SKIP_REASON;
import static dev.agentworker.otel.telemetry.AttributeKeys.TOOL_KIND;

import dev.agentworker.otel.cli.AgentCli;
import dev.agentworker.otel.cli.CliInvocation;
import dev.agentworker.otel.query.ErrorType;
import dev.agentworker.otel.query.ToolCall;
import dev.agentworker.otel.query.Usage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongGauge;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Records the metrics of {@link Instruments} for queries, tool calls and CLI processes. */
public final class QueryMetrics {

  static final String OPERATION_INVOKE_AGENT = "invoke_agent";

  private final DoubleHistogram operationDuration;
  private final LongHistogram tokenUsage;
  private final LongCounter queries;
  private final LongCounter queryErrors;
  private final LongHistogram queryTokens;
  private final LongCounter inputTokens;
  private final LongCounter outputTokens;
  private final LongCounter cachedTokens;
  private final LongCounter cacheCreationTokens;
  private final LongCounter retries;
  private final LongCounter toolCalls;
  private final LongCounter toolErrors;
  private final LongGauge consecutiveFailures;
  private final DoubleHistogram spawnDuration;
  private final LongCounter binaryErrors;
  private final LongCounter sandboxQueries;
  private final DoubleCounter cost;
  private final LongCounter mcpServerFailures;
  private final LongCounter linesSkipped;
  private final Map<AgentCli, AtomicLong> failureStreaks = new EnumMap<>(AgentCli.class);

  public QueryMetrics(Meter meter) {
    operationDuration = Meters.doubleHistogram(meter, Instruments.OPERATION_DURATION);
    tokenUsage = Meters.longHistogram(meter, Instruments.TOKEN_USAGE);
    queries = Meters.counter(meter, Instruments.QUERIES);
    queryErrors = Meters.counter(meter, Instruments.QUERY_ERRORS);
    queryTokens = Meters.longHistogram(meter, Instruments.QUERY_TOKENS);
    inputTokens = Meters.counter(meter, Instruments.INPUT_TOKENS);
    outputTokens = Meters.counter(meter, Instruments.OUTPUT_TOKENS);
    cachedTokens = Meters.counter(meter, Instruments.CACHED_TOKENS);
    cacheCreationTokens = Meters.counter(meter, Instruments.CACHE_CREATION_TOKENS);
    retries = Meters.counter(meter, Instruments.RETRIES);
    toolCalls = Meters.counter(meter, Instruments.TOOL_CALLS);
    toolErrors = Meters.counter(meter, Instruments.TOOL_ERRORS);
    consecutiveFailures =
        meter
            .gaugeBuilder(Instruments.CONSECUTIVE_FAILURES.name())
            .setDescription(Instruments.CONSECUTIVE_FAILURES.description())
            .setUnit(Instruments.CONSECUTIVE_FAILURES.unit())
            .ofLongs()
            .build();
    spawnDuration = Meters.doubleHistogram(meter, Instruments.SPAWN_DURATION);
    binaryErrors = Meters.counter(meter, Instruments.BINARY_ERRORS);
    sandboxQueries = Meters.counter(meter, Instruments.SANDBOX_QUERIES);
    cost =
        meter
            .counterBuilder(Instruments.COST.name())
            .setDescription(Instruments.COST.description())
            .setUnit(Instruments.COST.unit())
            .ofDoubles()
            .build();
    mcpServerFailures = Meters.counter(meter, Instruments.MCP_SERVER_FAILURES);
    linesSkipped = Meters.counter(meter, Instruments.LINES_SKIPPED);
    for (AgentCli cli : AgentCli.values()) {
      failureStreaks.put(cli, new AtomicLong());
    }
  }

  /**
   * Creates the series alerts depend on with value 0, so that Prometheus sees the first failure as
   * an increase rather than as the first sample of a new series.
   */
  public void initialize(List<AgentCli> clis) {
    for (AgentCli cli : clis) {
      Attributes provider = provider(cli);
      queries.add(0, outcome(provider, "success"));
      queries.add(0, outcome(provider, "error"));
      for (ErrorType type : ErrorType.ofScope(ErrorType.Scope.QUERY)) {
        queryErrors.add(0, withError(provider, type));
        if (type.isBinaryError()) {
          binaryErrors.add(0, withError(provider, type));
        }
      }
      consecutiveFailures.set(failureStreaks.get(cli).get(), provider);
    }
  }

  /** Counts a started query by its sandbox mode; called when the process is spawned. */
  public void recordStart(CliInvocation invocation, Double spawnSeconds) {
    Attributes provider = provider(invocation.cli());
    sandboxQueries.add(1, provider.toBuilder().put(SANDBOX_MODE, invocation.sandboxMode()).build());
    if (spawnSeconds != null) {
      spawnDuration.record(spawnSeconds, provider);
    }
  }

  public void recordToolCall(AgentCli cli, ToolCall call) {
    AttributesBuilder builder =
        provider(cli).toBuilder()
            .put(GEN_AI_TOOL_NAME, call.name())
            .put(TOOL_KIND, call.kind().value());
    if (call.mcpServer() != null) {
      builder.put(MCP_SERVER_NAME, call.mcpServer());
    }
    Attributes attributes = builder.build();
    toolCalls.add(1, attributes);
    if (call.errorType() != null) {
      toolErrors.add(1, attributes.toBuilder().put(ERROR_TYPE, call.errorType().value()).build());
    }
  }

  /** A version probe found a CLI older than the configured minimum. */
  public void recordVersionMismatch(AgentCli cli) {
    binaryErrors.add(1, withError(provider(cli), ErrorType.VERSION_MISMATCH));
  }

  public void recordQuery(QueryResult result) {
    AgentCli cli = result.invocation().cli();
    Attributes provider = provider(cli);
    ErrorType error = result.errorType();

    queries.add(1, outcome(provider, error == null ? "success" : "error"));
    AtomicLong streak = failureStreaks.get(cli);
    if (error == null) {
      streak.set(0);
    } else {
      streak.incrementAndGet();
      queryErrors.add(1, withError(provider, error));
      if (error.isBinaryError()) {
        binaryErrors.add(1, withError(provider, error));
      }
    }
    consecutiveFailures.set(streak.get(), provider);

    AttributesBuilder operation =
        provider.toBuilder().put(GEN_AI_OPERATION_NAME, OPERATION_INVOKE_AGENT);
    if (result.invocation().requestModel() != null) {
      operation.put(GEN_AI_REQUEST_MODEL, result.invocation().requestModel());
    }
    Attributes operationAttributes = operation.build();
    AttributesBuilder duration = operationAttributes.toBuilder();
    if (error != null) {
      duration.put(ERROR_TYPE, error.value());
    }
    operationDuration.record(result.durationSeconds(), duration.build());

    if (result.facts().costUsd() != null && result.facts().costUsd() >= 0) {
      cost.add(result.facts().costUsd(), provider);
    }
    // A server seen connected gets its series at 0, so its first failure is an increase.
    for (Map.Entry<String, String> server : result.facts().mcpServerStatuses().entrySet()) {
      mcpServerFailures.add(
          "failed".equals(server.getValue()) ? 1 : 0,
          provider.toBuilder().put(MCP_SERVER_NAME, server.getKey()).build());
    }
    if (result.facts().retries() > 0) {
      retries.add(result.facts().retries(), provider);
    }
    for (Map.Entry<String, Long> skipped : result.skippedLines().entrySet()) {
      linesSkipped.add(
          skipped.getValue(),
          provider.toBuilder().put(STREAM_SKIP_REASON, skipped.getKey()).build());
    }

    Usage usage = result.facts().usage();
    if (usage != null) {
      tokenUsage.record(
          usage.inputTokens(),
          operationAttributes.toBuilder().put(GEN_AI_TOKEN_TYPE, "input").build());
      tokenUsage.record(
          usage.outputTokens(),
          operationAttributes.toBuilder().put(GEN_AI_TOKEN_TYPE, "output").build());
      queryTokens.record(usage.totalTokens(), provider);
      inputTokens.add(usage.inputTokens(), provider);
      outputTokens.add(usage.outputTokens(), provider);
      cachedTokens.add(usage.cacheReadTokens(), provider);
      cacheCreationTokens.add(usage.cacheCreationTokens(), provider);
    }
  }

  static Attributes provider(AgentCli cli) {
    return Attributes.of(
        GEN_AI_PROVIDER_NAME, cli.providerName(), GEN_AI_AGENT_NAME, cli.agentName());
  }

  private static Attributes outcome(Attributes provider, String outcome) {
    return provider.toBuilder().put(QUERY_OUTCOME, outcome).build();
  }

  private static Attributes withError(Attributes provider, ErrorType type) {
    return provider.toBuilder().put(ERROR_TYPE, type.value()).build();
  }
}
