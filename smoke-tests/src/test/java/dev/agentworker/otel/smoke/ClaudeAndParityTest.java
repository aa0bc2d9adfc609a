package dev.agentworker.otel.smoke;

import static dev.agentworker.otel.smoke.AgentSmokeTest.single;
import static dev.agentworker.otel.smoke.AgentSmokeTest.value;
import static dev.agentworker.otel.smoke.AgentSmokeTest.with;
import static dev.agentworker.otel.smoke.AgentSmokeTest.withoutThreadDetails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.agentworker.otel.examples.backend.OtlpReceiver;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry.PointView;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry.SpanView;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Claude Code queries on the real agents with a fake CLI replaying the recorded streams, and the
 * check that Codex and Claude Code produce the same metric names and attribute keys, so that one
 * dashboard and one set of alerts serve both.
 */
class ClaudeAndParityTest {

  private static final Map<String, String> CLAUDE =
      Map.of("gen_ai.provider.name", "anthropic", "gen_ai.agent.name", "claude-code");

  /** Instruments only one provider has data for, by design (documented in docs/telemetry.md). */
  private static final Set<String> CLAUDE_ONLY_METRICS =
      Set.of("agent_worker.cost.usd", "agent_worker.mcp.server.failures");

  private static final Set<String> CLAUDE_ONLY_SPAN_ATTRIBUTES =
      Set.of("gen_ai.response.model", "agent_worker.permission.mode", "agent_worker.cost.usd");

  @TempDir Path temp;

  static List<String> agents() {
    return AgentSmokeTest.agents().collect(Collectors.toList());
  }

  private ReceivedTelemetry run(
      String agent, String cli, String fixture, int exit, List<String> args) throws Exception {
    Path program = FakeCli.install(temp.resolve("bin-" + cli), cli);
    try (OtlpReceiver receiver = OtlpReceiver.start(0)) {
      List<String> command = new java.util.ArrayList<>();
      command.add(program.toString());
      command.addAll(args);
      WorkerRun run =
          WorkerRun.spec()
              .agent(agent, receiver.endpoint())
              .env("FAKE_STDOUT", WorkerRun.fixture(fixture).toString())
              .env("FAKE_PACE", "lines")
              .env("FAKE_EXIT", Integer.toString(exit))
              .worker("lines", "ws-7", command)
              .run();
      assertThat(run.line("read")).endsWith("exit " + exit);
      assertThat(run.queryLogLines()).hasSize(1);
      return receiver.telemetry();
    }
  }

  private ReceivedTelemetry claude(String agent, String fixture, int exit) throws Exception {
    return run(
        agent,
        "claude",
        fixture,
        exit,
        List.of("-p", "hi", "--output-format", "stream-json", "--verbose"));
  }

  private ReceivedTelemetry codex(String agent, String fixture, int exit) throws Exception {
    return run(
        agent, "codex", fixture, exit, List.of("exec", "--json", "--skip-git-repo-check", "hi"));
  }

  @ParameterizedTest
  @MethodSource("agents")
  void claudeMcpToolCallQuery(String agent) throws Exception {
    ReceivedTelemetry telemetry = claude(agent, "claude-k2-mcp-tool-call.jsonl", 0);

    SpanView query = single(telemetry.spans("invoke_agent"));
    assertThat(query.name).isEqualTo("invoke_agent claude-code");
    assertThat(query.kind).isEqualTo("CLIENT");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("gen_ai.operation.name", "invoke_agent");
    expected.put("gen_ai.provider.name", "anthropic");
    expected.put("gen_ai.agent.name", "claude-code");
    expected.put("gen_ai.response.model", "claude-opus-5-5");
    expected.put("gen_ai.conversation.id", "c9526153-7b42-4821-aae4-9515191c03be");
    expected.put("gen_ai.usage.input_tokens", 8842L);
    expected.put("gen_ai.usage.output_tokens", 85L);
    expected.put("gen_ai.usage.cache_read.input_tokens", 8000L);
    expected.put("gen_ai.usage.cache_creation.input_tokens", 100L);
    expected.put("gen_ai.usage.reasoning.output_tokens", 0L);
    expected.put("agent_worker.permission.mode", "default");
    expected.put("agent_worker.cost.usd", 0.006768);
    expected.put("agent_worker.sandbox.mode", "default");
    expected.put("agent_worker.workspace.id", "ws-7");
    expected.put("agent_worker.query.tool_calls", 1L);
    expected.put("agent_worker.query.mcp_servers", List.of("everything"));
    expected.put("process.exit.code", 0L);
    Map<String, Object> actual = withoutThreadDetails(query.attributes);
    assertThat((Long) actual.remove("process.pid")).isPositive();
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);

    SpanView tool = single(telemetry.spans("execute_tool"));
    assertThat(tool.parentSpanId).isEqualTo(query.spanId);
    assertThat(withoutThreadDetails(tool.attributes))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "gen_ai.operation.name", "execute_tool",
                "gen_ai.provider.name", "anthropic",
                "gen_ai.tool.name", "echo",
                "gen_ai.tool.call.id", "toolu_01_01",
                "gen_ai.tool.type", "extension",
                "mcp.method.name", "tools/call",
                "agent_worker.tool.kind", "mcp",
                "agent_worker.mcp.server.name", "everything"));

    assertThat(value(telemetry, "agent_worker.tokens.input", CLAUDE)).isEqualTo(8842);
    assertThat(value(telemetry, "agent_worker.tokens.cached", CLAUDE)).isEqualTo(8000);
    assertThat(value(telemetry, "agent_worker.tokens.cache_creation", CLAUDE)).isEqualTo(100);
    assertThat(value(telemetry, "agent_worker.cost.usd", CLAUDE)).isEqualTo(0.006768);
    assertThat(
            value(
                telemetry,
                "agent_worker.mcp.server.failures",
                with(CLAUDE, "agent_worker.mcp.server.name", "everything")))
        .isZero();
    Map<String, String> echo = new LinkedHashMap<>(CLAUDE);
    echo.put("gen_ai.tool.name", "echo");
    echo.put("agent_worker.tool.kind", "mcp");
    echo.put("agent_worker.mcp.server.name", "everything");
    assertThat(value(telemetry, "agent_worker.tool.calls", echo)).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("agents")
  void claudeAuthFailure(String agent) throws Exception {
    ReceivedTelemetry telemetry = claude(agent, "claude-k4-http-401.jsonl", 1);

    SpanView query = single(telemetry.spans("invoke_agent"));
    assertThat(query.status).isEqualTo("ERROR");
    assertThat(query.attributes)
        .contains(entry("error.type", "auth"), entry("process.exit.code", 1L));
    assertThat(value(telemetry, "agent_worker.query.errors", with(CLAUDE, "error.type", "auth")))
        .isEqualTo(1);
    assertThat(value(telemetry, "agent_worker.provider.consecutive_failures", CLAUDE)).isEqualTo(1);
  }

  @Test
  void claudeQueryEndsAtItsResultWhileTheProcessStaysUp() throws Exception {
    String agent = agents().get(agents().size() - 1);
    Path program = FakeCli.install(temp.resolve("bin-linger"), "claude");
    try (OtlpReceiver receiver = OtlpReceiver.start(0)) {
      WorkerRun run =
          WorkerRun.spec()
              .agent(agent, receiver.endpoint())
              .property("otel.instrumentation.agent-cli.drain-timeout-ms", "300")
              .env("FAKE_STDOUT", WorkerRun.fixture("claude-k1-simple-success.jsonl").toString())
              .env("FAKE_SLEEP", "4")
              .worker(
                  "lines",
                  "-",
                  List.of(
                      program.toString(),
                      "-p",
                      "hi",
                      "--output-format",
                      "stream-json",
                      "--verbose"))
              .run();

      assertThat(run.line("read")).endsWith("exit 0");
      SpanView query = single(receiver.telemetry().spans("invoke_agent"));
      // Ended at the result (plus the wait for an exit that did not come), not at the exit 4 s
      // later.
      assertThat(query.durationSeconds()).isLessThan(2.5);
      assertThat(query.attributes)
          .doesNotContainKeys("process.exit.code", "error.type")
          .containsEntry("gen_ai.usage.input_tokens", 4371L);
    }
  }

  @Test
  void codexAndClaudeShareMetricNamesAndAttributeKeys() throws Exception {
    String agent = agents().get(agents().size() - 1);
    ReceivedTelemetry codex = codex(agent, "codex-c2-mcp-tool-call.jsonl", 0);
    ReceivedTelemetry claude = claude(agent, "claude-k2-mcp-tool-call.jsonl", 0);

    Map<String, Set<String>> codexShape = shape(codex, "openai");
    Map<String, Set<String>> claudeShape = shape(claude, "anthropic");
    assertThat(codexShape).isNotEmpty();
    Map<String, Set<String>> claudeShared = new TreeMap<>(claudeShape);
    claudeShared.keySet().removeAll(CLAUDE_ONLY_METRICS);
    assertThat(claudeShared).isEqualTo(codexShape);
    assertThat(claudeShape.keySet()).containsAll(CLAUDE_ONLY_METRICS);

    Set<String> codexSpan = keys(single(codex.spans("invoke_agent")).attributes);
    Set<String> claudeSpan = keys(single(claude.spans("invoke_agent")).attributes);
    claudeSpan.removeAll(CLAUDE_ONLY_SPAN_ATTRIBUTES);
    assertThat(claudeSpan).isEqualTo(codexSpan);
    assertThat(keys(single(claude.spans("execute_tool")).attributes))
        .isEqualTo(keys(single(codex.spans("execute_tool")).attributes));
    assertThat(keys(single(claude.logs()).attributes))
        .isEqualTo(keys(single(codex.logs()).attributes));
  }

  /** Metric name to attribute keys, over the series of one provider. */
  private static Map<String, Set<String>> shape(ReceivedTelemetry telemetry, String provider) {
    Map<String, Set<String>> shape = new TreeMap<>();
    for (PointView point : telemetry.points()) {
      boolean ours = point.metric.startsWith("agent_worker.") || point.metric.startsWith("gen_ai.");
      if (ours && provider.equals(point.attributes.get("gen_ai.provider.name"))) {
        shape.computeIfAbsent(point.metric, k -> new TreeSet<>()).addAll(point.attributes.keySet());
      }
    }
    return shape;
  }

  private static Set<String> keys(Map<String, Object> attributes) {
    return new TreeSet<>(withoutThreadDetails(attributes).keySet());
  }
}
