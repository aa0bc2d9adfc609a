package dev.agentworker.otel.telemetry;

import static dev.agentworker.otel.telemetry.AttributeKeys.ERROR_TYPE;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_AGENT_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_CONVERSATION_ID;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_PROVIDER_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_REQUEST_MODEL;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.agentworker.otel.telemetry.AttributeKeys.PROCESS_EXIT_CODE;
import static dev.agentworker.otel.telemetry.AttributeKeys.QUERY_MCP_SERVERS;
import static dev.agentworker.otel.telemetry.AttributeKeys.QUERY_TOOL_CALLS;
import static dev.agentworker.otel.telemetry.AttributeKeys.WORKSPACE_ID;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.agentworker.otel.json.JsonWriter;
import dev.agentworker.otel.query.QueryFacts;
import dev.agentworker.otel.query.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.io.PrintStream;
import java.util.ArrayList;

/**
 * The structured {@code query_complete} record: one JSON line on the worker's stderr and the same
 * facts as an OpenTelemetry log record, so they reach the collector over OTLP.
 */
public final class QueryLog {

  public static final String EVENT = "query_complete";
  public static final String EVENT_NAME = "agent_worker.query.complete";
  static final AttributeKey<Long> DURATION_MS =
      AttributeKey.longKey("agent_worker.query.duration_ms");

  private final Logger logger;
  private final boolean stderrEnabled;

  public QueryLog(Logger logger, boolean stderrEnabled) {
    this.logger = logger;
    this.stderrEnabled = stderrEnabled;
  }

  public void emit(QueryResult result, Context queryContext, PrintStream stderr) {
    String line =
        line(result, io.opentelemetry.api.trace.Span.fromContext(queryContext).getSpanContext());
    if (stderrEnabled) {
      stderr.println(line);
    }
    record(result, queryContext, line);
  }

  /** The stderr line, in the shape of the worker's existing structured logs. */
  static String line(QueryResult result, SpanContext spanContext) {
    QueryFacts facts = result.facts();
    Usage usage = facts.usage() == null ? Usage.NONE : facts.usage();
    JsonWriter json = new JsonWriter().beginObject();
    json.name("ts").value(result.endEpochNanos() / 1_000_000);
    json.name("level").value(result.errorType() == null ? "info" : "error");
    json.name("event").value(EVENT);
    json.name("provider").value(result.invocation().cli().agentName());
    json.name("duration_ms").value(durationMillis(result));
    json.name("tokens").beginObject();
    json.name("in").value(usage.inputTokens());
    json.name("out").value(usage.outputTokens());
    json.name("cached").value(usage.cacheReadTokens());
    json.endObject();
    json.name("tools").value(facts.toolCalls());
    json.name("mcpServers").values(facts.mcpServers());
    json.name("error").value(result.errorType() == null ? null : result.errorType().value());
    json.name("gen_ai_provider").value(result.invocation().cli().providerName());
    json.name("model").value(result.invocation().requestModel());
    json.name("exit_code");
    if (result.exitCode() == null) {
      json.value((String) null);
    } else {
      json.value(result.exitCode());
    }
    json.name("conversation_id").value(facts.conversationId());
    json.name("workspace_id").value(result.workspaceId());
    if (spanContext.isValid()) {
      json.name("trace_id").value(spanContext.getTraceId());
      json.name("span_id").value(spanContext.getSpanId());
    }
    return json.endObject().toString();
  }

  private void record(QueryResult result, Context queryContext, String line) {
    QueryFacts facts = result.facts();
    LogRecordBuilder record =
        logger
            .logRecordBuilder()
            .setContext(queryContext)
            .setTimestamp(result.endEpochNanos(), NANOSECONDS)
            .setEventName(EVENT_NAME)
            .setSeverity(result.errorType() == null ? Severity.INFO : Severity.ERROR)
            .setSeverityText(result.errorType() == null ? "INFO" : "ERROR")
            .setBody(line)
            .setAttribute(GEN_AI_PROVIDER_NAME, result.invocation().cli().providerName())
            .setAttribute(GEN_AI_AGENT_NAME, result.invocation().cli().agentName())
            .setAttribute(DURATION_MS, durationMillis(result))
            .setAttribute(QUERY_TOOL_CALLS, (long) facts.toolCalls());
    if (result.invocation().requestModel() != null) {
      record.setAttribute(GEN_AI_REQUEST_MODEL, result.invocation().requestModel());
    }
    if (facts.usage() != null) {
      record.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, facts.usage().inputTokens());
      record.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, facts.usage().outputTokens());
      record.setAttribute(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, facts.usage().cacheReadTokens());
    }
    if (!facts.mcpServers().isEmpty()) {
      record.setAttribute(QUERY_MCP_SERVERS, new ArrayList<>(facts.mcpServers()));
    }
    if (result.errorType() != null) {
      record.setAttribute(ERROR_TYPE, result.errorType().value());
    }
    if (result.exitCode() != null) {
      record.setAttribute(PROCESS_EXIT_CODE, result.exitCode());
    }
    if (facts.conversationId() != null) {
      record.setAttribute(GEN_AI_CONVERSATION_ID, facts.conversationId());
    }
    if (result.workspaceId() != null) {
      record.setAttribute(WORKSPACE_ID, result.workspaceId());
    }
    record.emit();
  }

  private static long durationMillis(QueryResult result) {
    return Math.round(result.durationSeconds() * 1000);
  }
}
