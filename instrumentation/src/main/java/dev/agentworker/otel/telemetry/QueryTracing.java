package dev.agentworker.otel.telemetry;

import static dev.agentworker.otel.telemetry.AttributeKeys.COST_USD;
import static dev.agentworker.otel.telemetry.AttributeKeys.ERROR_TYPE;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_AGENT_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_CONVERSATION_ID;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_OPERATION_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_PROVIDER_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_REQUEST_MODEL;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_RESPONSE_MODEL;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_TOOL_CALL_ID;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_TOOL_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_TOOL_TYPE;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_METHOD_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_SERVER_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.PERMISSION_MODE;
import static dev.agentworker.otel.telemetry.AttributeKeys.PROCESS_EXIT_CODE;
import static dev.agentworker.otel.telemetry.AttributeKeys.PROCESS_PID;
import static dev.agentworker.otel.telemetry.AttributeKeys.QUERY_MCP_SERVERS;
import static dev.agentworker.otel.telemetry.AttributeKeys.QUERY_RETRIES;
import static dev.agentworker.otel.telemetry.AttributeKeys.QUERY_TOOL_CALLS;
import static dev.agentworker.otel.telemetry.AttributeKeys.SANDBOX_MODE;
import static dev.agentworker.otel.telemetry.AttributeKeys.STREAM_LINES_SKIPPED;
import static dev.agentworker.otel.telemetry.AttributeKeys.TOOL_KIND;
import static dev.agentworker.otel.telemetry.AttributeKeys.WORKSPACE_ID;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.agentworker.otel.cli.AgentCli;
import dev.agentworker.otel.cli.CliInvocation;
import dev.agentworker.otel.query.QueryFacts;
import dev.agentworker.otel.query.ToolCall;
import dev.agentworker.otel.query.Usage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;

/** Shapes the {@code invoke_agent} query span and its {@code execute_tool} children. */
public final class QueryTracing {

  static final String OPERATION_EXECUTE_TOOL = "execute_tool";
  static final String MCP_TOOLS_CALL = "tools/call";

  private final Tracer tracer;

  public QueryTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Starts the query span; sampling-relevant attributes are set before the span starts. */
  public Span startQuery(
      CliInvocation invocation, Context parent, long startEpochNanos, String workspaceId) {
    AgentCli cli = invocation.cli();
    SpanBuilder builder =
        tracer
            .spanBuilder(QueryMetrics.OPERATION_INVOKE_AGENT + " " + cli.agentName())
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(startEpochNanos, NANOSECONDS)
            .setAttribute(GEN_AI_OPERATION_NAME, QueryMetrics.OPERATION_INVOKE_AGENT)
            .setAttribute(GEN_AI_PROVIDER_NAME, cli.providerName())
            .setAttribute(GEN_AI_AGENT_NAME, cli.agentName())
            .setAttribute(SANDBOX_MODE, invocation.sandboxMode());
    if (invocation.requestModel() != null) {
      builder.setAttribute(GEN_AI_REQUEST_MODEL, invocation.requestModel());
    }
    if (workspaceId != null) {
      builder.setAttribute(WORKSPACE_ID, workspaceId);
    }
    return builder.startSpan();
  }

  public void endQuery(Span span, QueryResult result, Long pid) {
    QueryFacts facts = result.facts();
    setIfPresent(span, GEN_AI_CONVERSATION_ID, facts.conversationId());
    setIfPresent(span, GEN_AI_RESPONSE_MODEL, facts.responseModel());
    setIfPresent(span, PERMISSION_MODE, facts.permissionMode());
    setIfPresent(span, COST_USD, facts.costUsd());
    setIfPresent(span, PROCESS_EXIT_CODE, result.exitCode());
    setIfPresent(span, PROCESS_PID, pid);
    Usage usage = facts.usage();
    if (usage != null) {
      span.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens());
      span.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens());
      span.setAttribute(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cacheReadTokens());
      span.setAttribute(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, usage.cacheCreationTokens());
      span.setAttribute(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, usage.reasoningTokens());
    }
    span.setAttribute(QUERY_TOOL_CALLS, (long) facts.toolCalls());
    if (!facts.mcpServers().isEmpty()) {
      span.setAttribute(QUERY_MCP_SERVERS, new ArrayList<>(facts.mcpServers()));
    }
    if (facts.retries() > 0) {
      span.setAttribute(QUERY_RETRIES, (long) facts.retries());
    }
    if (result.skippedLineCount() > 0) {
      span.setAttribute(STREAM_LINES_SKIPPED, result.skippedLineCount());
    }
    if (result.errorType() != null) {
      span.setAttribute(ERROR_TYPE, result.errorType().value());
      span.setStatus(StatusCode.ERROR, result.errorType().value());
    }
    span.end(result.endEpochNanos(), NANOSECONDS);
  }

  /** Tool spans use the query's clock so that they nest exactly inside the query span. */
  public Span startTool(Context queryContext, AgentCli cli, ToolCall call, long epochNanos) {
    SpanBuilder builder =
        tracer
            .spanBuilder(OPERATION_EXECUTE_TOOL + " " + call.name())
            .setParent(queryContext)
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(epochNanos, NANOSECONDS)
            .setAttribute(GEN_AI_OPERATION_NAME, OPERATION_EXECUTE_TOOL)
            .setAttribute(GEN_AI_PROVIDER_NAME, cli.providerName())
            .setAttribute(GEN_AI_TOOL_NAME, call.name())
            .setAttribute(
                GEN_AI_TOOL_TYPE, call.kind() == ToolCall.Kind.MCP ? "extension" : "function")
            .setAttribute(TOOL_KIND, call.kind().value());
    if (call.id() != null) {
      builder.setAttribute(GEN_AI_TOOL_CALL_ID, call.id());
    }
    if (call.mcpServer() != null) {
      builder.setAttribute(MCP_SERVER_NAME, call.mcpServer());
    }
    if (call.kind() == ToolCall.Kind.MCP) {
      builder.setAttribute(MCP_METHOD_NAME, MCP_TOOLS_CALL);
    }
    return builder.startSpan();
  }

  public void endTool(Span span, ToolCall call, long epochNanos) {
    setIfPresent(span, PROCESS_EXIT_CODE, call.exitCode());
    if (call.errorType() != null) {
      span.setAttribute(ERROR_TYPE, call.errorType().value());
      span.setStatus(StatusCode.ERROR, call.errorType().value());
    }
    span.end(epochNanos, NANOSECONDS);
  }

  /** Sets the attribute when there is a value; shared with {@link McpTracing}. */
  static <T> void setIfPresent(
      Span span, io.opentelemetry.api.common.AttributeKey<T> key, T value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
  }
}
