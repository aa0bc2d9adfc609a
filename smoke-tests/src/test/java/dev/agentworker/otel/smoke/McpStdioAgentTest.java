package dev.agentworker.otel.smoke;

import static dev.agentworker.otel.smoke.AgentSmokeTest.point;
import static dev.agentworker.otel.smoke.AgentSmokeTest.single;
import static dev.agentworker.otel.smoke.AgentSmokeTest.value;
import static dev.agentworker.otel.smoke.AgentSmokeTest.withoutThreadDetails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentworker.otel.examples.backend.OtlpReceiver;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry.SpanView;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MCP servers a worker starts itself, on the real agent with the extension: the real MCP Java SDK
 * client and a hand-written one against the real reference server {@code
 * @modelcontextprotocol/server-everything} from npm, a server the test makes crash, and a Java
 * server (MCP Java SDK, with the agent) that continues the trace from {@code _meta}.
 */
class McpStdioAgentTest {

  private static final String SCOPE = "dev.agentworker.otel.agent-cli";
  private static final String EVERYTHING = "mcp-servers/everything";

  @TempDir Path temp;
  private OtlpReceiver receiver;

  static Stream<String> agents() {
    return Arrays.stream(System.getProperty("smoke.agents").split(","));
  }

  private static String newestAgent() {
    List<String> agents = agents().collect(Collectors.toList());
    return agents.get(agents.size() - 1);
  }

  @BeforeEach
  void setUp() throws Exception {
    receiver = OtlpReceiver.start(0);
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  private static List<String> serverEverything() {
    return List.of(
        Paths.get(System.getProperty("smoke.cli.bin"), "mcp-server-everything").toString(),
        "stdio");
  }

  private WorkerRun run(String agent, String mode, List<String> command) throws Exception {
    List<String> arguments = new ArrayList<>();
    arguments.add(mode);
    arguments.addAll(command);
    WorkerRun run =
        WorkerRun.spec()
            .agent(agent, receiver.endpoint())
            .withMcpSdk()
            .main(McpWorker.class, arguments)
            .run();
    assertThat(run.exitCode).as(run.stderr).isZero();
    return run;
  }

  private List<SpanView> mcpSpans(ReceivedTelemetry telemetry) {
    return telemetry.spans().stream()
        .filter(s -> s.scope.equals(SCOPE))
        .collect(Collectors.toList());
  }

  @ParameterizedTest
  @MethodSource("agents")
  void mcpJavaSdkClientAgainstServerEverything(String agent) throws Exception {
    WorkerRun run = run(agent, "sdk", serverEverything());
    assertThat(run.line("echo ")).isEqualTo("echo Echo: hi");
    assertThat(run.line("no-such-tool ")).isEqualTo("no-such-tool isError true");

    ReceivedTelemetry telemetry = receiver.telemetry();
    SpanView request = single(telemetry.spans("handle request"));
    List<SpanView> spans = mcpSpans(telemetry);
    // The SDK lists tools again on its own when the server announces list_changed.
    assertThat(spans.stream().map(s -> s.name).filter(name -> !name.equals("tools/list")))
        .containsExactly("initialize", "tools/call echo", "tools/call no-such-tool");
    assertThat(spans.stream().map(s -> s.name)).contains("tools/list");
    for (SpanView span : spans) {
      assertThat(span.kind).isEqualTo("CLIENT");
      assertThat(span.traceId).as(span.name).isEqualTo(request.traceId);
    }
    SpanView echo = single(telemetry.spans("tools/call echo"));
    Map<String, Object> attributes = withoutThreadDetails(echo.attributes);
    assertThat((String) attributes.remove("jsonrpc.request.id")).matches("[0-9a-f]{8}-[0-9]+");
    assertThat(attributes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "mcp.method.name", "tools/call",
                "gen_ai.tool.name", "echo",
                "gen_ai.operation.name", "execute_tool",
                "network.transport", "pipe",
                "mcp.protocol.version", "2025-11-25",
                "agent_worker.mcp.server.name", EVERYTHING));
    assertThat(echo.status).isEqualTo("UNSET");
    SpanView missing = single(telemetry.spans("tools/call no-such-tool"));
    assertThat(missing.attributes).containsEntry("error.type", "tool_error");
    assertThat(missing.status).isEqualTo("ERROR");

    Map<String, String> echoCall =
        Map.of(
            "gen_ai.tool.name", "echo",
            "agent_worker.tool.kind", "mcp",
            "agent_worker.mcp.server.name", EVERYTHING);
    assertThat(value(telemetry, "agent_worker.tool.calls", echoCall)).isEqualTo(1);
    assertThat(
            value(
                telemetry,
                "agent_worker.tool.errors",
                Map.of(
                    "gen_ai.tool.name", "no-such-tool",
                    "agent_worker.tool.kind", "mcp",
                    "agent_worker.mcp.server.name", EVERYTHING,
                    "error.type", "tool_error")))
        .isEqualTo(1);
    assertThat(
            point(
                    telemetry,
                    "mcp.client.operation.duration",
                    Map.of(
                        "mcp.method.name", "tools/call",
                        "gen_ai.tool.name", "echo",
                        "gen_ai.operation.name", "execute_tool",
                        "mcp.protocol.version", "2025-11-25",
                        "network.transport", "pipe",
                        "agent_worker.mcp.server.name", EVERYTHING))
                .count)
        .isEqualTo(1);
    Map<String, String> server = Map.of("agent_worker.mcp.server.name", EVERYTHING);
    assertThat(point(telemetry, "agent_worker.mcp.server.startup.duration", server).count)
        .isEqualTo(1);
    // The SDK ends the session with destroy(): no crash.
    assertThat(value(telemetry, "agent_worker.mcp.server.crashes", server)).isZero();
    assertThat(value(telemetry, "agent_worker.mcp.server.permanent_failure", server)).isZero();
    assertThat(
            point(
                    telemetry,
                    "mcp.client.session.duration",
                    Map.of(
                        "agent_worker.mcp.server.name", EVERYTHING,
                        "mcp.protocol.version", "2025-11-25",
                        "network.transport", "pipe"))
                .count)
        .isEqualTo(1);
    assertThat(DocumentedTelemetry.metricNames())
        .containsAll(
            telemetry.metricNames().stream()
                .filter(name -> name.startsWith("agent_worker.") || name.startsWith("mcp."))
                .collect(Collectors.toList()));
  }

  @Test
  void handWrittenClientAgainstServerEverything() throws Exception {
    WorkerRun run = run(newestAgent(), "raw", serverEverything());
    assertThat(run.line("echo-response ")).contains("\"text\":\"Echo: raw\"");
    assertThat(run.line("exit ")).isEqualTo("exit 0");

    ReceivedTelemetry telemetry = receiver.telemetry();
    SpanView request = single(telemetry.spans("handle request"));
    List<SpanView> spans = mcpSpans(telemetry);
    assertThat(spans.stream().map(s -> s.name)).containsExactly("initialize", "tools/call echo");
    for (SpanView span : spans) {
      assertThat(span.parentSpanId).as(span.name).isEqualTo(request.spanId);
    }
    assertThat(spans.get(1).attributes)
        .containsEntry("jsonrpc.request.id", "2")
        .containsEntry("mcp.protocol.version", "2025-06-18")
        .containsEntry("agent_worker.mcp.server.name", EVERYTHING);
    // Closing stdin ends the session: the server exits 0, no crash.
    assertThat(
            value(
                telemetry,
                "agent_worker.mcp.server.crashes",
                Map.of("agent_worker.mcp.server.name", EVERYTHING)))
        .isZero();
  }

  @Test
  void aCallAnotherInstrumentationTracedGetsNoSecondSpan() throws Exception {
    run(newestAgent(), "outer", serverEverything());

    ReceivedTelemetry telemetry = receiver.telemetry();
    assertThat(mcpSpans(telemetry).stream().map(s -> s.name)).containsExactly("initialize");
    SpanView outer = single(telemetry.spans("tools/call echo"));
    assertThat(outer.scope).isEqualTo("mcp-worker");
    assertThat(outer.attributes)
        .containsEntry("mcp.method.name", "tools/call")
        .containsEntry("jsonrpc.request.id", "2")
        .containsEntry("gen_ai.tool.name", "echo")
        .containsEntry("network.transport", "pipe")
        .containsEntry("agent_worker.mcp.server.name", EVERYTHING);
    assertThat(
            value(
                telemetry,
                "agent_worker.tool.calls",
                Map.of(
                    "gen_ai.tool.name", "echo",
                    "agent_worker.tool.kind", "mcp",
                    "agent_worker.mcp.server.name", EVERYTHING)))
        .isEqualTo(1);
  }

  @Test
  void crashesRestartsAndPermanentFailureOfAServerTheWorkerRestarts() throws Exception {
    Path control = temp.resolve("behaviour");
    List<String> arguments = new ArrayList<>();
    arguments.add(control.toString());
    arguments.addAll(javaCommand(false, FlakyMcpServer.class, control.toString()));
    WorkerRun run = run(newestAgent(), "lifecycle", arguments);
    assertThat(run.stdout.lines().filter(l -> l.startsWith("instance ")))
        .containsExactly(
            "instance 0 crash-on-call exit 3",
            "instance 1 healthy exit 0",
            "instance 2 crash-on-call exit 3",
            "instance 3 fail-init exit 1",
            "instance 4 healthy exit 0");

    ReceivedTelemetry telemetry = receiver.telemetry();
    Map<String, String> flaky = Map.of("agent_worker.mcp.server.name", "flaky");
    // Instances 0 and 2 died mid-call, 3 before answering initialize.
    assertThat(value(telemetry, "agent_worker.mcp.server.crashes", flaky)).isEqualTo(3);
    // Instances 1 and 4 restarted a crashed server successfully; 3 did not.
    assertThat(value(telemetry, "agent_worker.mcp.server.restarts", flaky)).isEqualTo(2);
    List<Double> failureStates =
        telemetry.pointHistory("agent_worker.mcp.server.permanent_failure").stream()
            .filter(p -> p.attributes.equals(flaky))
            .map(p -> p.value)
            .collect(Collectors.toList());
    assertThat(failureStates).contains(1.0);
    assertThat(failureStates.get(failureStates.size() - 1)).isZero();
    assertThat(point(telemetry, "agent_worker.mcp.server.startup.duration", flaky).count)
        .isEqualTo(4);
    assertThat(
            point(
                    telemetry,
                    "agent_worker.mcp.server.startup.duration",
                    Map.of("agent_worker.mcp.server.name", "flaky", "error.type", "server_exited"))
                .count)
        .isEqualTo(1);
    List<SpanView> abandoned =
        mcpSpans(telemetry).stream()
            .filter(s -> s.name.equals("tools/call work"))
            .filter(s -> "server_exited".equals(s.attributes.get("error.type")))
            .collect(Collectors.toList());
    assertThat(abandoned).hasSize(2);
  }

  @Test
  void aJavaServerWithTheAgentContinuesTheTraceFromMeta() throws Exception {
    WorkerRun run = run(newestAgent(), "sdk", javaCommand(true, JavaMcpServer.class));
    assertThat(run.line("echo ")).isEqualTo("echo Echo: hi");

    ReceivedTelemetry telemetry = receiver.telemetry();
    SpanView client =
        mcpSpans(telemetry).stream()
            .filter(s -> s.name.equals("tools/call echo"))
            .findFirst()
            .orElseThrow();
    assertThat(client.attributes).containsEntry("agent_worker.mcp.server.name", "java-echo");
    SpanView server =
        telemetry.spans("tools/call echo").stream()
            .filter(s -> s.kind.equals("SERVER"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(telemetry.spans()));
    assertThat(server.resource).containsEntry("service.name", "java-mcp-server");
    assertThat(server.traceId).isEqualTo(client.traceId);
    assertThat(server.parentSpanId).isEqualTo(client.spanId);
  }

  /**
   * A {@code java} command running {@code main} from the test classes, optionally with the agent.
   */
  private List<String> javaCommand(boolean withAgent, Class<?> main, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    if (withAgent) {
      command.add(
          "-javaagent:" + WorkerRun.jar("opentelemetry-javaagent-" + newestAgent() + ".jar"));
      command.add(
          "-Dotel.javaagent.extensions=" + WorkerRun.jar("agent-worker-otel-extension.jar"));
      command.add("-Dotel.service.name=java-mcp-server");
      command.add("-Dotel.exporter.otlp.endpoint=" + receiver.endpoint());
      command.add("-Dotel.exporter.otlp.protocol=http/protobuf");
      command.add("-Dotel.bsp.schedule.delay=100");
      command.add("-Dotel.metrics.exporter=none");
      command.add("-Dotel.logs.exporter=none");
    }
    command.add("-cp");
    command.add(WorkerRun.workerClassPath(true));
    command.add(main.getName());
    command.addAll(Arrays.asList(arguments));
    return command;
  }
}
