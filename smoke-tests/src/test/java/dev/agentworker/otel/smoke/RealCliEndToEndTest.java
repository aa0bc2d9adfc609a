package dev.agentworker.otel.smoke;

import static dev.agentworker.otel.smoke.AgentSmokeTest.point;
import static dev.agentworker.otel.smoke.AgentSmokeTest.single;
import static dev.agentworker.otel.smoke.AgentSmokeTest.value;
import static dev.agentworker.otel.smoke.AgentSmokeTest.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentworker.otel.examples.backend.RawRequests;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry.SpanView;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Codex and Claude Code CLIs (npm, pinned in {@code examples/demo-worker/cli}) run by the
 * demo worker with the newest agent, against the mock model API, inside a loopback-only network
 * namespace. For each CLI: a plain query, a query whose tool call runs on the real MCP server
 * {@code @modelcontextprotocol/server-everything}, and a query the model API rejects with 401; the
 * Claude MCP query also configures a server that cannot start.
 */
class RealCliEndToEndTest {

  private static final long TIMEOUT_MINUTES = 6;
  private static final Map<String, String> CODEX =
      Map.of("gen_ai.provider.name", "openai", "gen_ai.agent.name", "codex");
  private static final Map<String, String> CLAUDE =
      Map.of("gen_ai.provider.name", "anthropic", "gen_ai.agent.name", "claude-code");

  @TempDir static Path out;
  private static ReceivedTelemetry telemetry;
  private static List<String> logLines;

  @BeforeAll
  static void runDemoWorker() throws Exception {
    Path cliBin = Paths.get(System.getProperty("smoke.cli.bin"));
    assertThat(cliBin.resolve("codex"))
        .as("the pinned CLIs are installed by run-tests.sh (npm ci in examples/demo-worker/cli)")
        .exists();
    Process launcher =
        new ProcessBuilder(
                "unshare",
                "-n",
                "sh",
                "-c",
                "ip link set lo up && exec \"$@\"",
                "isolated",
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("smoke.demo.jar"),
                "dev.agentworker.otel.examples.demo.DemoLauncher",
                "--out",
                out.toString(),
                "--cli-bin",
                cliBin.toString(),
                "--jars",
                System.getProperty("smoke.demo.jars"),
                "--scenarios",
                "codex-plain,codex-mcp,codex-auth,claude-plain,claude-mcp,claude-auth,mcp-echo")
            .redirectInput(new File("/dev/null"))
            .redirectOutput(out.resolve("launcher.out").toFile())
            .redirectErrorStream(true)
            .start();
    if (!launcher.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      launcher.destroyForcibly();
      launcher.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(launcher.exitValue()).as(Files.readString(out.resolve("launcher.out"))).isZero();
    telemetry = RawRequests.read(out.resolve("otlp/raw"));
    logLines =
        Files.readAllLines(out.resolve("worker.stderr")).stream()
            .filter(l -> l.startsWith("{\"ts\":"))
            .collect(Collectors.toList());
  }

  private static SpanView query(String workspace) {
    return single(
        telemetry.spans("invoke_agent").stream()
            .filter(s -> workspace.equals(s.attributes.get("agent_worker.workspace.id")))
            .collect(Collectors.toList()));
  }

  @Test
  void workerGotTheAnswers() throws Exception {
    assertThat(Files.readAllLines(out.resolve("worker.stdout")))
        .containsExactly(
            "query 1 (codex-plain): exit 0, 5 events, answer: hi there",
            "query 2 (codex-mcp): exit 0, 7 events, answer: The echo tool replied: Echo: hello mcp",
            "query 3 (codex-auth): exit 1, 10 events, answer: null",
            "query 4 (claude-plain): exit 0, 3 events, answer: hello from mock",
            "query 5 (claude-mcp): exit 0, 5 events, answer: The echo tool replied: Echo: hello"
                + " mcp",
            "query 6 (claude-auth): exit 1, 3 events, answer: Invalid API key · Fix external API"
                + " key",
            "call 7 (mcp-echo): Echo: hello from the worker");
  }

  @Test
  void eachQueryWentToPostHogWithTheSeedProperties() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Map<?, ?>> completed = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("posthog-events.json"))) {
      Map<?, ?> event = json.readValue(line, Map.class);
      if (event.get("event").equals("agent_query_completed")) {
        completed.add((Map<?, ?>) event.get("properties"));
      }
    }
    Map<Object, Map<?, ?>> byWorkspace =
        completed.stream().collect(Collectors.toMap(p -> p.get("workspace_id"), p -> p));
    assertThat(byWorkspace)
        .containsOnlyKeys(
            "ws-codex-plain",
            "ws-codex-mcp",
            "ws-codex-auth",
            "ws-claude-plain",
            "ws-claude-mcp",
            "ws-claude-auth");
    Map<?, ?> codexMcp = byWorkspace.get("ws-codex-mcp");
    assertThat(codexMcp.get("provider")).isEqualTo("codex");
    assertThat(codexMcp.get("tools_used")).isEqualTo(1);
    assertThat(codexMcp.get("mcp_servers")).isEqualTo(List.of("everything"));
    assertThat(codexMcp.get("error")).isNull();
    assertThat(codexMcp.get("trace_id")).isEqualTo(query("ws-codex-mcp").traceId);
    assertThat(byWorkspace.get("ws-claude-auth").get("error")).isEqualTo("auth");
    assertThat(byWorkspace.get("ws-claude-auth").get("provider")).isEqualTo("claude-code");
    assertThat(byWorkspace.get("ws-codex-plain").get("input_tokens")).isEqualTo(1234);
  }

  @Test
  void theWorkersOwnMcpCallIsTraced() {
    SpanView call =
        single(
            telemetry.spans("tools/call echo").stream()
                .filter(s -> s.scope.equals("dev.agentworker.otel.agent-cli"))
                .collect(Collectors.toList()));
    assertThat(call.kind).isEqualTo("CLIENT");
    assertThat(call.status).isEqualTo("UNSET");
    assertThat(call.attributes)
        .contains(
            entry("mcp.method.name", "tools/call"),
            entry("gen_ai.tool.name", "echo"),
            entry("network.transport", "pipe"),
            entry("agent_worker.mcp.server.name", "mcp-servers/everything"));
    assertThat(
            value(
                telemetry,
                "agent_worker.tool.calls",
                Map.of(
                    "gen_ai.tool.name", "echo",
                    "agent_worker.tool.kind", "mcp",
                    "agent_worker.mcp.server.name", "mcp-servers/everything")))
        .isEqualTo(1);
    assertThat(
            point(
                    telemetry,
                    "agent_worker.mcp.server.startup.duration",
                    Map.of("agent_worker.mcp.server.name", "mcp-servers/everything"))
                .count)
        .isEqualTo(1);
  }

  @Test
  void plainQuery() {
    SpanView plain = query("ws-codex-plain");
    assertThat(plain.name).isEqualTo("invoke_agent codex");
    assertThat(plain.status).isEqualTo("UNSET");
    assertThat(plain.attributes)
        .contains(
            entry("gen_ai.usage.input_tokens", 1234L),
            entry("gen_ai.usage.output_tokens", 56L),
            entry("gen_ai.usage.cache_read.input_tokens", 1000L),
            entry("gen_ai.usage.reasoning.output_tokens", 7L),
            entry("gen_ai.request.model", "gpt-5"),
            entry("agent_worker.sandbox.mode", "read-only"),
            entry("agent_worker.query.tool_calls", 0L),
            entry("process.exit.code", 0L))
        .containsKey("gen_ai.conversation.id")
        .doesNotContainKey("error.type");
    assertThat(childrenOf(plain)).isEmpty();
  }

  @Test
  void mcpToolCallOnTheRealServer() {
    SpanView mcp = query("ws-codex-mcp");
    // Usage of the two model requests of this query (the mock's 2nd and 3rd): 1334 + 1434.
    assertThat(mcp.attributes)
        .contains(
            entry("gen_ai.usage.input_tokens", 2768L),
            entry("gen_ai.usage.output_tokens", 115L),
            entry("gen_ai.usage.cache_read.input_tokens", 2000L),
            entry("agent_worker.sandbox.mode", "workspace-write"),
            entry("agent_worker.query.tool_calls", 1L),
            entry("agent_worker.query.mcp_servers", List.of("everything")));
    SpanView tool = single(childrenOf(mcp));
    assertThat(tool.name).isEqualTo("execute_tool echo");
    assertThat(tool.parentSpanId).isEqualTo(mcp.spanId);
    assertThat(tool.traceId).isEqualTo(mcp.traceId);
    assertThat(tool.status).isEqualTo("UNSET");
    assertThat(tool.attributes)
        .contains(
            entry("agent_worker.mcp.server.name", "everything"),
            entry("mcp.method.name", "tools/call"),
            entry("gen_ai.tool.call.id", "item_1"));
  }

  @Test
  void authFailure() {
    SpanView auth = query("ws-codex-auth");
    assertThat(auth.status).isEqualTo("ERROR");
    assertThat(auth.attributes)
        .contains(
            entry("error.type", "auth"),
            entry("agent_worker.query.retries", 5L),
            entry("process.exit.code", 1L))
        .doesNotContainKey("gen_ai.usage.input_tokens");
  }

  private static List<SpanView> childrenOf(SpanView parent) {
    return telemetry.spans("execute_tool").stream()
        .filter(s -> s.parentSpanId.equals(parent.spanId))
        .collect(Collectors.toList());
  }

  @Test
  void claudePlainQuery() {
    SpanView plain = query("ws-claude-plain");
    assertThat(plain.name).isEqualTo("invoke_agent claude-code");
    assertThat(plain.status).isEqualTo("UNSET");
    assertThat(plain.attributes)
        .contains(
            entry("gen_ai.provider.name", "anthropic"),
            entry("gen_ai.response.model", "claude-opus-5-5"),
            entry("gen_ai.usage.input_tokens", 321L + 4000 + 50),
            entry("gen_ai.usage.output_tokens", 42L),
            entry("gen_ai.usage.cache_read.input_tokens", 4000L),
            entry("gen_ai.usage.cache_creation.input_tokens", 50L),
            entry("agent_worker.permission.mode", "default"),
            entry("agent_worker.cost.usd", 0.0031739999999999997),
            entry("process.exit.code", 0L))
        .containsKey("gen_ai.conversation.id")
        .doesNotContainKey("error.type");
    assertThat(childrenOf(plain)).isEmpty();
  }

  @Test
  void claudeMcpToolCallOnTheRealServerAndAServerThatFailsToStart() {
    SpanView mcp = query("ws-claude-mcp");
    // The mock's 2nd and 3rd streaming requests: input 421 + 521, cache 2 x (4000 + 50).
    assertThat(mcp.attributes)
        .contains(
            entry("gen_ai.usage.input_tokens", 942L + 8000 + 100),
            entry("gen_ai.usage.output_tokens", 87L),
            entry("agent_worker.query.tool_calls", 1L),
            entry("agent_worker.query.mcp_servers", List.of("everything")));
    SpanView tool = single(childrenOf(mcp));
    assertThat(tool.name).isEqualTo("execute_tool echo");
    assertThat(tool.status).isEqualTo("UNSET");
    assertThat(tool.attributes)
        .contains(
            entry("agent_worker.mcp.server.name", "everything"),
            entry("gen_ai.tool.call.id", "toolu_02_01"),
            entry("agent_worker.tool.kind", "mcp"));
    assertThat(
            value(
                telemetry,
                "agent_worker.mcp.server.failures",
                with(CLAUDE, "agent_worker.mcp.server.name", "broken")))
        .isEqualTo(1);
    assertThat(
            value(
                telemetry,
                "agent_worker.mcp.server.failures",
                with(CLAUDE, "agent_worker.mcp.server.name", "everything")))
        .isZero();
  }

  @Test
  void claudeAuthFailure() {
    SpanView auth = query("ws-claude-auth");
    assertThat(auth.status).isEqualTo("ERROR");
    assertThat(auth.attributes)
        .contains(
            entry("error.type", "auth"),
            entry("process.exit.code", 1L),
            entry("agent_worker.cost.usd", 0.0));
    assertThat(value(telemetry, "agent_worker.query.errors", with(CLAUDE, "error.type", "auth")))
        .isEqualTo(1);
    assertThat(
            value(
                telemetry,
                "agent_worker.queries",
                with(CLAUDE, "agent_worker.query.outcome", "success")))
        .isEqualTo(2);
    assertThat(value(telemetry, "agent_worker.tokens.input", CLAUDE)).isEqualTo(4371 + 9042);
    assertThat(value(telemetry, "agent_worker.tokens.cache_creation", CLAUDE)).isEqualTo(150);
    assertThat(value(telemetry, "agent_worker.cost.usd", CLAUDE))
        .isEqualTo(0.0031739999999999997 + 0.007607999999999999);
  }

  @Test
  void metricsAddUp() {
    assertThat(
            value(
                telemetry,
                "agent_worker.queries",
                with(CODEX, "agent_worker.query.outcome", "success")))
        .isEqualTo(2);
    assertThat(
            value(
                telemetry,
                "agent_worker.queries",
                with(CODEX, "agent_worker.query.outcome", "error")))
        .isEqualTo(1);
    assertThat(value(telemetry, "agent_worker.query.errors", with(CODEX, "error.type", "auth")))
        .isEqualTo(1);
    assertThat(value(telemetry, "agent_worker.provider.consecutive_failures", CODEX)).isEqualTo(1);
    assertThat(value(telemetry, "agent_worker.tokens.input", CODEX)).isEqualTo(1234 + 2768);
    assertThat(value(telemetry, "agent_worker.tokens.output", CODEX)).isEqualTo(56 + 115);
    assertThat(value(telemetry, "agent_worker.tokens.cached", CODEX)).isEqualTo(3000);
    assertThat(value(telemetry, "agent_worker.query.retries", CODEX)).isEqualTo(5);
    assertThat(
            value(
                telemetry,
                "agent_worker.sandbox.queries",
                with(CODEX, "agent_worker.sandbox.mode", "read-only")))
        .isEqualTo(2);
    assertThat(
            value(
                telemetry,
                "agent_worker.sandbox.queries",
                with(CODEX, "agent_worker.sandbox.mode", "workspace-write")))
        .isEqualTo(1);
    Map<String, String> echo =
        Map.of(
            "gen_ai.provider.name", "openai",
            "gen_ai.agent.name", "codex",
            "gen_ai.tool.name", "echo",
            "agent_worker.tool.kind", "mcp",
            "agent_worker.mcp.server.name", "everything");
    assertThat(value(telemetry, "agent_worker.tool.calls", echo)).isEqualTo(1);
    assertThat(AgentSmokeTest.point(telemetry, "agent_worker.cli.spawn.duration", CODEX).count)
        .isEqualTo(3);
    assertThat(AgentSmokeTest.point(telemetry, "agent_worker.cli.spawn.duration", CLAUDE).count)
        .isEqualTo(3);
  }

  @Test
  void oneLogLinePerQueryOnStderrAndOverOtlp() throws Exception {
    assertThat(logLines).hasSize(6);
    ObjectMapper json = new ObjectMapper();
    assertThat(
            logLines.stream()
                .map(
                    l -> {
                      try {
                        return json.readValue(l, Map.class).get("error");
                      } catch (Exception e) {
                        throw new AssertionError(e);
                      }
                    })
                .collect(Collectors.toList()))
        .containsExactly(null, null, "auth", null, null, "auth");
    assertThat(
            telemetry.logs().stream()
                .filter(l -> "agent_worker.query.complete".equals(l.eventName))
                .map(l -> l.body))
        .containsExactlyElementsOf(logLines);
  }

  @Test
  void otlpJsonFilesAreWritten() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String signal : List.of("traces", "metrics", "logs")) {
      List<String> lines = Files.readAllLines(out.resolve("otlp/" + signal + ".jsonl"));
      assertThat(lines).isNotEmpty();
      for (String line : lines) {
        assertThat(json.readTree(line).fieldNames().next()).startsWith("resource");
      }
    }
    assertThat(Files.readString(out.resolve("otlp/traces.jsonl")))
        .contains("\"traceId\":\"" + query("ws-codex-mcp").traceId + "\"");
  }
}
