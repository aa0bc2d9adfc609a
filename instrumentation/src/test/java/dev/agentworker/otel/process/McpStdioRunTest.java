package dev.agentworker.otel.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentworker.otel.Fixtures;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class McpStdioRunTest {

  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n";
  private static final String INITIALIZED =
      "{\"result\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
          + "\"serverInfo\":{\"name\":\"fake\",\"version\":\"1\"}},\"jsonrpc\":\"2.0\",\"id\":0}\n";

  private final McpConversation mcp = new McpConversation();

  private static String attribute(SpanData span, String key) {
    Object value = span.getAttributes().get(AttributeKey.stringKey(key));
    return value == null ? null : value.toString();
  }

  private Map<String, SpanData> spansByName() {
    return mcp.finishedSpans().stream()
        .collect(Collectors.toMap(SpanData::getName, s -> s, (a, b) -> a));
  }

  /** The recorded session with the real server-everything, answers out of order. */
  @Test
  void recordedSessionWithServerEverythingGivesOneSpanPerRequest() {
    byte[] client = Fixtures.mcp("everything-client.jsonl");
    byte[] server = Fixtures.mcp("everything-server.jsonl");
    mcp.spawn("node", "/opt/server-everything/dist/index.js", "stdio");
    mcp.clientWrites(client).serverWrites(server).clientDestroys().serverExits(143);

    List<SpanData> spans = mcp.finishedSpans();
    assertThat(spans.stream().map(SpanData::getName))
        .containsExactly(
            "initialize",
            "tools/list",
            "tools/call no-such-tool",
            "prompts/get simple-prompt",
            "tools/call get-sum",
            "tools/call echo");
    for (SpanData span : spans) {
      assertThat(span.getKind().name()).isEqualTo("CLIENT");
      assertThat(attribute(span, "network.transport")).isEqualTo("pipe");
      assertThat(attribute(span, "mcp.protocol.version")).isEqualTo("2025-06-18");
      assertThat(attribute(span, "agent_worker.mcp.server.name"))
          .isEqualTo("mcp-servers/everything");
    }
    Map<String, SpanData> byName = spansByName();
    SpanData echo = byName.get("tools/call echo");
    assertThat(echo.getAttributes().asMap())
        .hasSize(7)
        .containsEntry(AttributeKey.stringKey("mcp.method.name"), "tools/call")
        .containsEntry(AttributeKey.stringKey("gen_ai.tool.name"), "echo")
        .containsEntry(AttributeKey.stringKey("gen_ai.operation.name"), "execute_tool")
        .containsEntry(AttributeKey.stringKey("jsonrpc.request.id"), "a1b2c3d4-2");
    assertThat(echo.getStatus().getStatusCode().name()).isEqualTo("UNSET");
    SpanData missing = byName.get("tools/call no-such-tool");
    assertThat(attribute(missing, "error.type")).isEqualTo("tool_error");
    assertThat(missing.getStatus().getStatusCode().name()).isEqualTo("ERROR");
    assertThat(missing.getStatus().getDescription()).isEqualTo("tool_error");
    assertThat(attribute(byName.get("prompts/get simple-prompt"), "gen_ai.prompt.name"))
        .isEqualTo("simple-prompt");
    // No content by default.
    assertThat(attribute(echo, "gen_ai.tool.call.arguments")).isNull();

    Map<String, List<String>> points = mcp.points();
    assertThat(points.get("agent_worker.tool.calls"))
        .containsExactlyInAnyOrder(
            "{agent_worker.mcp.server.name=mcp-servers/everything, agent_worker.tool.kind=mcp,"
                + " gen_ai.tool.name=echo}=1",
            "{agent_worker.mcp.server.name=mcp-servers/everything, agent_worker.tool.kind=mcp,"
                + " gen_ai.tool.name=no-such-tool}=1",
            "{agent_worker.mcp.server.name=mcp-servers/everything, agent_worker.tool.kind=mcp,"
                + " gen_ai.tool.name=get-sum}=1");
    assertThat(points.get("agent_worker.tool.errors")).hasSize(2);
    assertThat(points.get("agent_worker.mcp.server.startup.duration"))
        .containsExactly("{agent_worker.mcp.server.name=mcp-servers/everything}=count:1");
    // destroy() ends the session: no crash (the series exists at 0 once the server is seen).
    assertThat(points.get("agent_worker.mcp.server.crashes"))
        .containsExactly("{agent_worker.mcp.server.name=mcp-servers/everything}=0");
    assertThat(points.get("mcp.client.session.duration"))
        .containsExactly(
            "{agent_worker.mcp.server.name=mcp-servers/everything, mcp.protocol.version=2025-06-18,"
                + " network.transport=pipe}=count:1");
    assertThat(points.get("agent_worker.mcp.server.permanent_failure"))
        .containsExactly("{agent_worker.mcp.server.name=mcp-servers/everything}=0");
  }

  @Test
  void onlyTraceContextIsAddedToWhatTheServerReceives() {
    byte[] client = Fixtures.mcp("everything-client.jsonl");
    mcp.spawn("mcp-server-everything").clientWrites(client);

    String sent = mcp.sent();
    String withoutContext =
        sent.replaceAll("\"_meta\":\\{\"traceparent\":\"00-[0-9a-f]{32}-[0-9a-f]{16}-01\"},?", "");
    assertThat(withoutContext).isEqualTo(new String(client, StandardCharsets.UTF_8));
    // Six requests with params; the notification has none and gets none.
    assertThat(sent.split("\"traceparent\"", -1)).hasSize(7);
    assertThat(sent.lines().filter(l -> l.contains("notifications/initialized")))
        .containsExactly("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  @Test
  void injectedContextIsTheRequestSpanUnderTheCurrentSpan() {
    mcp.spawn("srv").clientWrites(INITIALIZE).serverWrites(INITIALIZED);
    Span parent =
        io.opentelemetry.sdk.trace.SdkTracerProvider.builder()
            .build()
            .get("t")
            .spanBuilder("p")
            .startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      mcp.clientWrites(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
              + "\"_meta\":{\"progressToken\":5},\"arguments\":{}}}\n");
    }
    mcp.serverWrites("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[]}}\n");

    SpanData call = spansByName().get("tools/call echo");
    assertThat(call.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(call.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
    String line = mcp.sent().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(line)
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"_meta\":{\"traceparent\":\"00-"
                + call.getTraceId()
                + "-"
                + call.getSpanId()
                + "-01\",\"progressToken\":5},\"arguments\":{}}}");
  }

  @Test
  void contextTheCallerSetIsKeptAndPropagationCanBeSwitchedOff() {
    String own =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":"
            + "{\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01\"}}}\n";
    mcp.spawn("srv").clientWrites(INITIALIZE).serverWrites(INITIALIZED).clientWrites(own);
    assertThat(mcp.sent()).endsWith(own);

    McpConversation off =
        new McpConversation(Map.of("mcp-stdio.trace-context-propagation.enabled", "false"));
    off.spawn("srv").clientWrites(INITIALIZE);
    assertThat(off.sent()).isEqualTo(INITIALIZE);
  }

  @Test
  void aFirstLineThatIsNotMcpEndsObservationAndPassesEveryByte() {
    String text = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}\nplain\n";
    mcp.spawn("sort").clientWrites(text).serverWrites(INITIALIZED).serverExits(1);

    assertThat(mcp.sent()).isEqualTo(text);
    assertThat(mcp.finishedSpans()).isEmpty();
    assertThat(mcp.points()).doesNotContainKey("agent_worker.mcp.server.crashes");
  }

  @Test
  void bytesAreHeldOnlyUntilFlushAndAFlushedLineIsStillObserved() {
    mcp.spawn("srv").clientWrites(INITIALIZE.substring(0, 20));
    assertThat(mcp.sent()).isEmpty();
    mcp.clientFlushes();
    assertThat(mcp.sent()).isEqualTo(INITIALIZE.substring(0, 20));
    mcp.clientWrites(INITIALIZE.substring(20)).serverWrites(INITIALIZED);

    assertThat(mcp.sent()).isEqualTo(INITIALIZE);
    assertThat(mcp.finishedSpans()).extracting(SpanData::getName).containsExactly("initialize");
  }

  @Test
  void interleavedRequestsMatchByIdAndIdTypesNeverMix() {
    mcp.spawn("srv").clientWrites(INITIALIZE).serverWrites(INITIALIZED);
    mcp.clientWrites(
        "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":\"tools/call\",\"params\":{\"name\":\"a\"}}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"b\"}}\n");
    // A server-to-client request and a notification between the answers are not responses.
    mcp.serverWrites(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"roots/list\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{}}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"secret\"}}\n");
    assertThat(mcp.finishedSpans())
        .extracting(SpanData::getName)
        .containsExactly("initialize", "tools/call b");
    mcp.serverWrites("{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":{\"content\":[]}}\n");

    SpanData b = spansByName().get("tools/call b");
    assertThat(attribute(b, "error.type")).isEqualTo("-32602");
    assertThat(attribute(b, "rpc.response.status_code")).isEqualTo("-32602");
    assertThat(b.getStatus().getDescription()).isEqualTo("-32602");
    assertThat(attribute(spansByName().get("tools/call a"), "error.type")).isNull();
  }

  @Test
  void cancelledAndBatchedRequests() {
    mcp.spawn("srv").clientWrites(INITIALIZE).serverWrites(INITIALIZED);
    mcp.clientWrites(
        "[{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}},"
            + "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}]\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
            + "{\"requestId\":5}}\n");
    mcp.serverWrites("[{\"jsonrpc\":\"2.0\",\"id\":6,\"result\":{}}]\n")
        // a late answer to the cancelled request is ignored
        .serverWrites("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}\n");

    assertThat(attribute(spansByName().get("tools/call x"), "error.type")).isEqualTo("cancelled");
    assertThat(attribute(spansByName().get("ping"), "error.type")).isNull();
    assertThat(mcp.finishedSpans()).hasSize(3);
  }

  @Test
  void garbageHugeAndInvalidUtf8LinesFromTheServerAreSurvived() {
    McpConversation small = new McpConversation(Map.of("agent-cli.max-line-bytes", "4096"));
    small.spawn("srv").clientWrites(INITIALIZE);
    small.clientWrites(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"img\"}}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"u\"}}\n");
    // Malformed UTF-8 decodes to U+FFFD: a JSON object without result, so no response.
    byte[] invalid = {'{', '"', 'i', 'd', '"', ':', '2', ',', '"', (byte) 0xC3, (byte) 0x28, '"'};
    small
        .serverWrites("Server started on stdio\n")
        .serverWrites(INITIALIZED)
        .serverWrites("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"data\":\"" + "A".repeat(10_000))
        .serverWrites("\"}}\n{not json\n")
        .serverWrites(invalid)
        .serverWrites(":1}\n".getBytes(StandardCharsets.UTF_8))
        .serverWrites("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"isError\":true}}\n");

    Map<String, SpanData> spans =
        small.finishedSpans().stream().collect(Collectors.toMap(SpanData::getName, s -> s));
    assertThat(spans).containsOnlyKeys("initialize", "tools/call img", "tools/call u");
    assertThat(attribute(spans.get("tools/call img"), "error.type")).isNull();
    assertThat(attribute(spans.get("tools/call u"), "error.type")).isEqualTo("tool_error");
    assertThat(small.points().get("agent_worker.stream.lines_skipped"))
        .containsExactlyInAnyOrder(
            "{agent_worker.mcp.server.name=srv, agent_worker.stream.skip_reason=not_json}=1",
            "{agent_worker.mcp.server.name=fake, agent_worker.stream.skip_reason=too_long}=1",
            "{agent_worker.mcp.server.name=fake, agent_worker.stream.skip_reason=invalid_json}=1");
  }

  @Test
  void contentIsRecordedOnlyWhenAskedAndCut() {
    McpConversation capturing =
        new McpConversation(
            Map.of("mcp-stdio.capture-content", "true", "mcp-stdio.content-max-bytes", "12"));
    capturing.spawn("srv").clientWrites(INITIALIZE).serverWrites(INITIALIZED);
    capturing.clientWrites(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
            + "\"arguments\":{\"m\":\"hi\"}}}\n");
    capturing.serverWrites(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\"}]}}\n");

    SpanData echo =
        capturing.finishedSpans().stream()
            .filter(s -> s.getName().equals("tools/call echo"))
            .findFirst()
            .orElseThrow();
    assertThat(attribute(echo, "gen_ai.tool.call.arguments")).isEqualTo("{\"m\":\"hi\"}");
    assertThat(attribute(echo, "gen_ai.tool.call.result")).isEqualTo("{\"content\":[");
  }

  @Test
  void aServerDyingWithARequestOpenCrashesAndEndsTheRequest() {
    mcp.spawn("srv").clientWrites(INITIALIZE).serverWrites(INITIALIZED);
    mcp.clientWrites(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}\n");
    mcp.serverExits(0);

    SpanData slow = spansByName().get("tools/call slow");
    assertThat(attribute(slow, "error.type")).isEqualTo("server_exited");
    Map<String, List<String>> points = mcp.points();
    assertThat(points.get("agent_worker.mcp.server.crashes"))
        .containsExactly("{agent_worker.mcp.server.name=fake}=1");
    assertThat(points.get("mcp.client.session.duration"))
        .containsExactly(
            "{agent_worker.mcp.server.name=fake, error.type=server_exited,"
                + " mcp.protocol.version=2025-06-18, network.transport=pipe}=count:1");
  }

  @Test
  void closingStdinEndsTheSessionWithoutACrash() {
    mcp.spawn("srv").clientWrites(INITIALIZE).serverWrites(INITIALIZED);
    mcp.clientWrites(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}\n");
    mcp.clientCloses().serverExits(1);

    assertThat(attribute(spansByName().get("tools/call slow"), "error.type"))
        .isEqualTo("cancelled");
    assertThat(mcp.points().get("agent_worker.mcp.server.crashes"))
        .containsExactly("{agent_worker.mcp.server.name=fake}=0");
  }
}
