package dev.agentworker.otel.smoke;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A worker that calls MCP servers over stdio inside one {@code handle request} span, the way
 * workers do: through the MCP Java SDK ({@code sdk}), with a hand-written client ({@code raw}),
 * inside a CLIENT span another instrumentation might have made ({@code outer}), or restarting a
 * server the test controls through a file ({@code lifecycle}). Prints what it got to stdout.
 */
public final class McpWorker {

  private static final Tracer TRACER = GlobalOpenTelemetry.getTracer("mcp-worker");

  private McpWorker() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    List<String> command = Arrays.asList(args).subList(1, args.length);
    Span request = TRACER.spanBuilder("handle request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      switch (mode) {
        case "sdk":
          sdk(command);
          break;
        case "raw":
          raw(command, false);
          break;
        case "outer":
          raw(command, true);
          break;
        case "lifecycle":
          lifecycle(Paths.get(command.get(0)), command.subList(1, command.size()));
          break;
        default:
          throw new IllegalArgumentException(mode);
      }
    } finally {
      request.end();
    }
    Thread.sleep(Long.parseLong(System.getenv().getOrDefault("WORKER_LINGER_MS", "0")));
  }

  private static void sdk(List<String> command) {
    ServerParameters parameters =
        ServerParameters.builder(command.get(0))
            .args(command.subList(1, command.size()))
            .env(System.getenv())
            .build();
    StdioClientTransport transport =
        new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .build();
    client.initialize();
    System.out.println("tools " + client.listTools().tools().size());
    CallToolResult echo = client.callTool(new CallToolRequest("echo", Map.of("message", "hi")));
    System.out.println("echo " + ((TextContent) echo.content().get(0)).text());
    try {
      CallToolResult missing = client.callTool(new CallToolRequest("no-such-tool", Map.of()));
      System.out.println("no-such-tool isError " + missing.isError());
    } catch (RuntimeException e) {
      System.out.println("no-such-tool threw " + e.getClass().getSimpleName());
    }
    client.closeGracefully();
  }

  private static void raw(List<String> command, boolean outer) throws Exception {
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    send(
        stdin,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
    awaitResponse(stdout, 1);
    send(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    Span span =
        outer
            ? TRACER
                .spanBuilder("tools/call echo")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("mcp.method.name", "tools/call")
                .startSpan()
            : Span.current();
    try (Scope ignored = span.makeCurrent()) {
      send(
          stdin,
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
              + "\"arguments\":{\"message\":\"raw\"}}}");
      System.out.println("echo-response " + awaitResponse(stdout, 2));
    } finally {
      if (outer) {
        span.end();
      }
    }
    stdin.close();
    System.out.println("exit " + process.waitFor());
  }

  /**
   * Restarts one command the way a supervisor would, the control file deciding how each instance
   * behaves: a crash mid-call, a successful restart, another crash, a restart that fails to
   * initialize, and finally a healthy start.
   */
  private static void lifecycle(Path control, List<String> command) throws Exception {
    String[] behaviours = {"crash-on-call", "healthy", "crash-on-call", "fail-init", "healthy"};
    for (int i = 0; i < behaviours.length; i++) {
      Files.writeString(control, behaviours[i]);
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      send(
          stdin,
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
              + "\"2025-06-18\",\"capabilities\":{}}}");
      String initialized = awaitResponse(stdout, 1);
      if (initialized != null) {
        send(
            stdin,
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"work\"}}");
        awaitResponse(stdout, 2);
        stdin.close();
      }
      System.out.println("instance " + i + " " + behaviours[i] + " exit " + process.waitFor());
      // Let a metric export see each state.
      Thread.sleep(1500);
    }
  }

  private static void send(Writer stdin, String line) throws IOException {
    stdin.write(line);
    stdin.write('\n');
    stdin.flush();
  }

  /** The response line with this numeric id, or null at end of stream. */
  private static String awaitResponse(BufferedReader stdout, int id) throws IOException {
    for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
      if (!line.contains("\"method\"")
          && (line.contains("\"id\":" + id + ",") || line.contains("\"id\":" + id + "}"))) {
        return line;
      }
    }
    return null;
  }
}
