package dev.agentworker.otel.posthog;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;

/**
 * Query and tool spans with the attributes the extension records for the recorded streams (the
 * Codex MCP tool call of {@code codex-c2-mcp-tool-call.jsonl} and the Claude Code one of the real
 * end-to-end test), as the agent smoke tests assert them.
 */
public final class QuerySpans {

  public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  public static final String WORKER_SPAN_ID = "00f067aa0ba902b7";
  public static final String QUERY_SPAN_ID = "a3ce929d0e0e4736";
  public static final String TOOL_SPAN_ID = "b7ad6b7169203331";

  /** 2026-12-03T10:00:00Z. */
  public static final long START_NANOS = 1_796_292_000_000_000_000L;

  static final InstrumentationScopeInfo SCOPE =
      InstrumentationScopeInfo.builder("dev.agentworker.otel.agent-cli")
          .setVersion("0.1.0-SNAPSHOT")
          .build();

  private QuerySpans() {}

  /** The Codex query with one MCP tool call, 4.523 s. */
  public static SpanData codexQuery(String errorType) {
    return codexQuery(errorType, QUERY_SPAN_ID);
  }

  /** The same query with another span id: a different query, as far as events go. */
  public static SpanData codexQuery(String errorType, String spanId) {
    AttributesBuilder attributes =
        Attributes.builder()
            .put("gen_ai.operation.name", "invoke_agent")
            .put("gen_ai.provider.name", "openai")
            .put("gen_ai.agent.name", "codex")
            .put("gen_ai.request.model", "gpt-5")
            .put("gen_ai.conversation.id", "01a23d10-f243-7451-8039-d6faa228ad9d")
            .put("gen_ai.usage.input_tokens", 2568L)
            .put("gen_ai.usage.output_tokens", 113L)
            .put("gen_ai.usage.cache_read.input_tokens", 2000L)
            .put("gen_ai.usage.cache_creation.input_tokens", 0L)
            .put("gen_ai.usage.reasoning.output_tokens", 14L)
            .put("agent_worker.sandbox.mode", "workspace-write")
            .put("agent_worker.workspace.id", "ws-42")
            .put("agent_worker.query.tool_calls", 1L)
            .put(
                AttributeKey.stringArrayKey("agent_worker.query.mcp_servers"),
                List.of("everything"))
            .put("process.exit.code", errorType == null ? 0L : 1L)
            .put("process.pid", 4242L);
    if (errorType != null) {
      attributes.put("error.type", errorType);
    }
    return query("invoke_agent codex", attributes.build(), errorType, 4_523_000_000L, spanId);
  }

  /** The Claude Code query of the real end-to-end test, with its reported cost, 2.5 s. */
  public static SpanData claudeQuery(String errorType) {
    AttributesBuilder attributes =
        Attributes.builder()
            .put("gen_ai.operation.name", "invoke_agent")
            .put("gen_ai.provider.name", "anthropic")
            .put("gen_ai.agent.name", "claude-code")
            .put("gen_ai.response.model", "claude-sonnet-4-6")
            .put("gen_ai.conversation.id", "8f8b5c1e-2a1d-4d0b-9a54-6f0f0f3a9e11")
            .put("gen_ai.usage.input_tokens", 9510L)
            .put("gen_ai.usage.output_tokens", 80L)
            .put("gen_ai.usage.cache_read.input_tokens", 9000L)
            .put("gen_ai.usage.cache_creation.input_tokens", 500L)
            .put("gen_ai.usage.reasoning.output_tokens", 0L)
            .put("agent_worker.sandbox.mode", "default")
            .put("agent_worker.permission.mode", "default")
            .put("agent_worker.cost.usd", 0.0123)
            .put("agent_worker.query.tool_calls", 0L)
            .put("process.exit.code", errorType == null ? 0L : 1L);
    if (errorType != null) {
      attributes.put("error.type", errorType);
    }
    return query(
        "invoke_agent claude-code", attributes.build(), errorType, 2_500_000_000L, QUERY_SPAN_ID);
  }

  /** A query that never started: no usage, no exit code. */
  public static SpanData binaryNotFound() {
    Attributes attributes =
        Attributes.builder()
            .put("gen_ai.operation.name", "invoke_agent")
            .put("gen_ai.provider.name", "openai")
            .put("gen_ai.agent.name", "codex")
            .put("agent_worker.sandbox.mode", "read-only")
            .put("agent_worker.query.tool_calls", 0L)
            .put("error.type", "binary_not_found")
            .build();
    return query("invoke_agent codex", attributes, "binary_not_found", 2_000_000L, QUERY_SPAN_ID);
  }

  /** The MCP tool call of the Codex query, 1.25 s into it, 0.75 s long. */
  public static SpanData codexTool(String errorType) {
    AttributesBuilder attributes =
        Attributes.builder()
            .put("gen_ai.operation.name", "execute_tool")
            .put("gen_ai.provider.name", "openai")
            .put("gen_ai.tool.name", "echo")
            .put("gen_ai.tool.call.id", "item_1")
            .put("gen_ai.tool.type", "extension")
            .put("mcp.method.name", "tools/call")
            .put("agent_worker.tool.kind", "mcp")
            .put("agent_worker.mcp.server.name", "everything");
    if (errorType != null) {
      attributes.put("error.type", errorType);
    }
    return TestSpanData.builder()
        .setInstrumentationScopeInfo(SCOPE)
        .setName("execute_tool echo")
        .setKind(SpanKind.INTERNAL)
        .setSpanContext(context(TOOL_SPAN_ID))
        .setParentSpanContext(context(QUERY_SPAN_ID))
        .setStartEpochNanos(START_NANOS + 1_250_000_000L)
        .setEndEpochNanos(START_NANOS + 2_000_000_000L)
        .setAttributes(attributes.build())
        .setStatus(errorType == null ? StatusData.unset() : StatusData.error())
        .setHasEnded(true)
        .setTotalRecordedEvents(0)
        .setTotalRecordedLinks(0)
        .build();
  }

  private static SpanData query(
      String name, Attributes attributes, String errorType, long durationNanos, String spanId) {
    return TestSpanData.builder()
        .setInstrumentationScopeInfo(SCOPE)
        .setName(name)
        .setKind(SpanKind.CLIENT)
        .setSpanContext(context(spanId))
        .setParentSpanContext(context(WORKER_SPAN_ID))
        .setStartEpochNanos(START_NANOS)
        .setEndEpochNanos(START_NANOS + durationNanos)
        .setAttributes(attributes)
        .setStatus(
            errorType == null
                ? StatusData.unset()
                : StatusData.create(io.opentelemetry.api.trace.StatusCode.ERROR, errorType))
        .setHasEnded(true)
        .setTotalRecordedEvents(0)
        .setTotalRecordedLinks(0)
        .build();
  }

  static SpanContext context(String spanId) {
    return SpanContext.create(TRACE_ID, spanId, TraceFlags.getSampled(), TraceState.getDefault());
  }
}
