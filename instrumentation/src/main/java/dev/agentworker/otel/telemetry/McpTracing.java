package dev.agentworker.otel.telemetry;

import static dev.agentworker.otel.telemetry.AttributeKeys.ERROR_TYPE;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_OPERATION_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_PROMPT_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_TOOL_CALL_ARGUMENTS;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_TOOL_CALL_RESULT;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_TOOL_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.JSONRPC_REQUEST_ID;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_METHOD_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_PROTOCOL_VERSION;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_RESOURCE_URI;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_SERVER_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.NETWORK_TRANSPORT;
import static dev.agentworker.otel.telemetry.AttributeKeys.RPC_RESPONSE_STATUS_CODE;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shapes the CLIENT span of each MCP request the worker sends over stdio ({@code tools/call echo},
 * {@code initialize}, ...), following the MCP semantic conventions. When the span current at the
 * request is already an MCP client span for the same method (a higher-level instrumentation traced
 * the call), that span receives the attributes instead of getting a duplicate child.
 */
public final class McpTracing {

  private static final String READABLE_SPAN = "io.opentelemetry.sdk.trace.ReadableSpan";

  /** {@code ReadableSpan.getAttribute} and {@code getKind} by span class; absent when not SDK. */
  private static final Map<Class<?>, Method[]> READERS = new ConcurrentHashMap<>();

  private static final Method[] NO_READER = new Method[0];

  private final Tracer tracer;

  public McpTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  /** A started request: our own span, or the caller's span we only add attributes to. */
  public static final class RequestSpan {
    private final Span span;
    private final boolean owned;

    RequestSpan(Span span, boolean owned) {
      this.span = span;
      this.owned = owned;
    }

    /** The span whose context goes into the request's {@code _meta}. */
    public Span span() {
      return span;
    }
  }

  /**
   * @param request method, tool or prompt name, server and protocol version as known now
   * @param arguments the request's raw arguments when content capture is on, else null
   */
  public RequestSpan startRequest(
      Context parent,
      McpOperation request,
      String requestId,
      String resourceUri,
      String arguments,
      long epochNanos) {
    Span outer = Span.fromContext(parent);
    if (isMcpClientSpan(outer, request.method())) {
      setRequestAttributes(outer, request, requestId, resourceUri, arguments);
      return new RequestSpan(outer, false);
    }
    String target = request.toolName() != null ? request.toolName() : request.promptName();
    SpanBuilder builder =
        tracer
            .spanBuilder(target == null ? request.method() : request.method() + " " + target)
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(epochNanos, NANOSECONDS);
    Span span = builder.startSpan();
    setRequestAttributes(span, request, requestId, resourceUri, arguments);
    return new RequestSpan(span, true);
  }

  /**
   * @param result the raw result when content capture is on, else null
   */
  public void endRequest(
      RequestSpan request, McpOperation outcome, String result, long epochNanos) {
    Span span = request.span;
    QueryTracing.setIfPresent(span, MCP_SERVER_NAME, outcome.server());
    QueryTracing.setIfPresent(span, MCP_PROTOCOL_VERSION, outcome.protocolVersion());
    QueryTracing.setIfPresent(span, RPC_RESPONSE_STATUS_CODE, outcome.statusCode());
    QueryTracing.setIfPresent(span, GEN_AI_TOOL_CALL_RESULT, result);
    if (outcome.errorType() != null) {
      span.setAttribute(ERROR_TYPE, outcome.errorType());
      // The error message is the server's text and may quote arguments: not exported.
      span.setStatus(StatusCode.ERROR, outcome.errorType());
    }
    if (request.owned) {
      span.end(epochNanos, NANOSECONDS);
    }
  }

  private static void setRequestAttributes(
      Span span, McpOperation request, String requestId, String resourceUri, String arguments) {
    span.setAttribute(MCP_METHOD_NAME, request.method());
    span.setAttribute(NETWORK_TRANSPORT, McpMetrics.TRANSPORT_PIPE);
    QueryTracing.setIfPresent(span, JSONRPC_REQUEST_ID, requestId);
    QueryTracing.setIfPresent(span, MCP_PROTOCOL_VERSION, request.protocolVersion());
    QueryTracing.setIfPresent(span, MCP_SERVER_NAME, request.server());
    QueryTracing.setIfPresent(span, GEN_AI_PROMPT_NAME, request.promptName());
    QueryTracing.setIfPresent(span, MCP_RESOURCE_URI, resourceUri);
    if (request.toolName() != null) {
      span.setAttribute(GEN_AI_TOOL_NAME, request.toolName());
      span.setAttribute(GEN_AI_OPERATION_NAME, QueryTracing.OPERATION_EXECUTE_TOOL);
      QueryTracing.setIfPresent(span, GEN_AI_TOOL_CALL_ARGUMENTS, arguments);
    }
  }

  /**
   * Whether {@code span} is a recording SDK CLIENT span that already carries {@code mcp.method.name
   * = method}. Read through the SDK's public {@code ReadableSpan} interface by reflection: the SDK
   * is not visible from the bootstrap loader these classes live in.
   */
  static boolean isMcpClientSpan(Span span, String method) {
    if (!span.isRecording()) {
      return false;
    }
    Method[] reader = READERS.computeIfAbsent(span.getClass(), McpTracing::reader);
    if (reader.length == 0) {
      return false;
    }
    try {
      Object kind = reader[1].invoke(span);
      Object existing = reader[0].invoke(span, MCP_METHOD_NAME);
      return kind == SpanKind.CLIENT && method.equals(existing);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static Method[] reader(Class<?> spanClass) {
    Class<?> readable = findInterface(spanClass);
    if (readable == null) {
      return NO_READER;
    }
    try {
      return new Method[] {
        readable.getMethod("getAttribute", AttributeKey.class), readable.getMethod("getKind")
      };
    } catch (NoSuchMethodException e) {
      return NO_READER;
    }
  }

  /** {@code ReadableSpan} among the supertypes (the SDK span implements a sub-interface of it). */
  private static Class<?> findInterface(Class<?> type) {
    if (type == null) {
      return null;
    }
    if (type.isInterface() && type.getName().equals(READABLE_SPAN)) {
      return type;
    }
    for (Class<?> candidate : type.getInterfaces()) {
      Class<?> found = findInterface(candidate);
      if (found != null) {
        return found;
      }
    }
    return findInterface(type.getSuperclass());
  }
}
