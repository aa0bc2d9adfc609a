package dev.agentworker.otel.smoke;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;

/**
 * An MCP server built with the MCP Java SDK, run with the agent: its {@code echo} tool continues
 * the trace whose context the client put into {@code params._meta}, as an instrumented server
 * would.
 */
public final class JavaMcpServer {

  private static final TextMapGetter<Map<String, Object>> META =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, Object> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, Object> carrier, String key) {
          Object value = carrier == null ? null : carrier.get(key);
          return value instanceof String ? (String) value : null;
        }
      };

  private JavaMcpServer() {}

  public static void main(String[] args) throws Exception {
    McpSchema.Tool echo =
        McpSchema.Tool.builder()
            .name("echo")
            .description("Echoes the message")
            .inputSchema(
                Map.of("type", "object", "properties", Map.of("message", Map.of("type", "string"))))
            .build();
    McpSyncServer server =
        McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper()))
            .serverInfo("java-echo", "1.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
            .toolCall(
                echo,
                (exchange, request) -> {
                  Context parent =
                      W3CTraceContextPropagator.getInstance()
                          .extract(Context.root(), request.meta(), META);
                  Span span =
                      GlobalOpenTelemetry.getTracer("java-mcp-server")
                          .spanBuilder("tools/call echo")
                          .setSpanKind(SpanKind.SERVER)
                          .setParent(parent)
                          .setAttribute("mcp.method.name", "tools/call")
                          .startSpan();
                  try {
                    return CallToolResult.builder()
                        .addTextContent("Echo: " + request.arguments().get("message"))
                        .build();
                  } finally {
                    span.end();
                  }
                })
            .build();
    // The transport's threads serve until the client closes stdin or ends the process.
    Thread.currentThread().join();
    server.close();
  }
}
