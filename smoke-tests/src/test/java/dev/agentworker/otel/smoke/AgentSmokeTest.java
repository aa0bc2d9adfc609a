package dev.agentworker.otel.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentworker.otel.examples.backend.OtlpReceiver;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry.LogView;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry.PointView;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry.SpanView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built extension jar on the real OpenTelemetry Java agent, oldest supported and newest served,
 * with fake CLIs replaying the recorded streams; telemetry is asserted as an OTLP receiver on
 * 127.0.0.1 gets it.
 */
class AgentSmokeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private OtlpReceiver receiver;
  private Path codex;

  static Stream<String> agents() {
    return Arrays.stream(System.getProperty("smoke.agents").split(","));
  }

  @BeforeEach
  void setUp() throws Exception {
    receiver = OtlpReceiver.start(0);
    codex = FakeCli.install(temp.resolve("bin"), "codex");
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  private WorkerRun.Spec worker(String agent) {
    return WorkerRun.spec().agent(agent, receiver.endpoint());
  }

  private List<String> codexQuery(String sandbox) {
    return List.of(
        codex.toString(),
        "exec",
        "--json",
        "--skip-git-repo-check",
        "--sandbox",
        sandbox,
        "-m",
        "gpt-5",
        "say hi");
  }

  @ParameterizedTest
  @MethodSource("agents")
  void mcpToolCallQuery(String agent) throws Exception {
    Path env = temp.resolve("child-env");
    WorkerRun run =
        worker(agent)
            .env("FAKE_STDOUT", WorkerRun.fixture("codex-c2-mcp-tool-call.jsonl").toString())
            .env("FAKE_PACE", "lines")
            .env("FAKE_ENV_OUT", env.toString())
            .worker("lines", "ws-42", codexQuery("workspace-write"))
            .run();

    assertThat(run.exitCode).as(run.stderr).isZero();
    assertThat(run.line("process-class"))
        .isEqualTo("process-class dev.agentworker.otel.process.ObservedProcess");
    ReceivedTelemetry telemetry = receiver.telemetry();

    SpanView request = single(telemetry.spans("handle request"));
    SpanView query = single(telemetry.spans("invoke_agent"));
    SpanView tool = single(telemetry.spans("execute_tool"));
    assertThat(query.name).isEqualTo("invoke_agent codex");
    assertThat(query.kind).isEqualTo("CLIENT");
    assertThat(query.scope).isEqualTo("dev.agentworker.otel.agent-cli");
    assertThat(query.traceId).isEqualTo(request.traceId);
    assertThat(query.parentSpanId).isEqualTo(request.spanId);
    assertThat(query.status).isEqualTo("UNSET");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("gen_ai.operation.name", "invoke_agent");
    expected.put("gen_ai.provider.name", "openai");
    expected.put("gen_ai.agent.name", "codex");
    expected.put("gen_ai.request.model", "gpt-5");
    expected.put("gen_ai.conversation.id", "01a23d10-f243-7451-8039-d6faa228ad9d");
    expected.put("gen_ai.usage.input_tokens", 2568L);
    expected.put("gen_ai.usage.output_tokens", 113L);
    expected.put("gen_ai.usage.cache_read.input_tokens", 2000L);
    expected.put("gen_ai.usage.cache_creation.input_tokens", 0L);
    expected.put("gen_ai.usage.reasoning.output_tokens", 14L);
    expected.put("agent_worker.sandbox.mode", "workspace-write");
    expected.put("agent_worker.workspace.id", "ws-42");
    expected.put("agent_worker.query.tool_calls", 1L);
    expected.put("agent_worker.query.mcp_servers", List.of("everything"));
    expected.put("process.exit.code", 0L);
    assertThat(withoutThreadDetails(query.attributes))
        .containsAllEntriesOf(expected)
        .containsOnlyKeys(concat(expected.keySet(), "process.pid"));
    assertThat((Long) query.attributes.get("process.pid")).isPositive();

    assertThat(tool.name).isEqualTo("execute_tool echo");
    assertThat(tool.kind).isEqualTo("INTERNAL");
    assertThat(tool.parentSpanId).isEqualTo(query.spanId);
    assertThat(withoutThreadDetails(tool.attributes))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "gen_ai.operation.name", "execute_tool",
                "gen_ai.provider.name", "openai",
                "gen_ai.tool.name", "echo",
                "gen_ai.tool.call.id", "item_1",
                "gen_ai.tool.type", "extension",
                "mcp.method.name", "tools/call",
                "agent_worker.tool.kind", "mcp",
                "agent_worker.mcp.server.name", "everything"));
    // Tool spans are timed when the worker reads the item's events, so only the order is certain.
    assertThat(tool.startNanos).isGreaterThanOrEqualTo(query.startNanos);
    assertThat(tool.endNanos).isLessThanOrEqualTo(query.endNanos);

    // Flags: sampled (01); newer agents also set the W3C level-2 random bit (03).
    assertThat(Files.readAllLines(env))
        .hasSize(2)
        .satisfies(
            lines ->
                assertThat(lines.get(0))
                    .matches("TRACEPARENT=00-" + query.traceId + "-" + query.spanId + "-0[13]"))
        .satisfies(lines -> assertThat(lines.get(1)).isEqualTo("TRACESTATE="));

    Map<String, String> codexAttrs =
        Map.of("gen_ai.provider.name", "openai", "gen_ai.agent.name", "codex");
    assertThat(
            value(
                telemetry,
                "agent_worker.queries",
                with(codexAttrs, "agent_worker.query.outcome", "success")))
        .isEqualTo(1);
    assertThat(
            value(
                telemetry,
                "agent_worker.queries",
                with(codexAttrs, "agent_worker.query.outcome", "error")))
        .isZero();
    assertThat(
            value(telemetry, "agent_worker.query.errors", with(codexAttrs, "error.type", "auth")))
        .isZero();
    assertThat(value(telemetry, "agent_worker.tokens.input", codexAttrs)).isEqualTo(2568);
    assertThat(value(telemetry, "agent_worker.tokens.output", codexAttrs)).isEqualTo(113);
    assertThat(value(telemetry, "agent_worker.tokens.cached", codexAttrs)).isEqualTo(2000);
    assertThat(value(telemetry, "agent_worker.provider.consecutive_failures", codexAttrs)).isZero();
    assertThat(
            value(
                telemetry,
                "agent_worker.sandbox.queries",
                with(codexAttrs, "agent_worker.sandbox.mode", "workspace-write")))
        .isEqualTo(1);
    Map<String, String> toolAttrs = new LinkedHashMap<>(codexAttrs);
    toolAttrs.put("gen_ai.tool.name", "echo");
    toolAttrs.put("agent_worker.tool.kind", "mcp");
    toolAttrs.put("agent_worker.mcp.server.name", "everything");
    assertThat(value(telemetry, "agent_worker.tool.calls", toolAttrs)).isEqualTo(1);
    assertThat(telemetry.points("agent_worker.tool.errors")).isEmpty();

    Map<String, String> operation =
        with(
            with(codexAttrs, "gen_ai.operation.name", "invoke_agent"),
            "gen_ai.request.model",
            "gpt-5");
    PointView duration = point(telemetry, "gen_ai.client.operation.duration", operation);
    assertThat(duration.count).isEqualTo(1);
    assertThat(duration.unit).isEqualTo("s");
    assertThat(duration.bounds).endsWith(1310.72, 2621.44, 3600.0).startsWith(0.01, 0.02);
    assertThat(duration.attributes).doesNotContainKey("error.type");
    PointView inputUsage =
        point(
            telemetry, "gen_ai.client.token.usage", with(operation, "gen_ai.token.type", "input"));
    assertThat(inputUsage.value).isEqualTo(2568);
    PointView queryTokens = point(telemetry, "agent_worker.query.tokens", codexAttrs);
    assertThat(queryTokens.value).isEqualTo(2568 + 113);
    assertThat(queryTokens.bounds).contains(500000.0);
    assertThat(point(telemetry, "agent_worker.cli.spawn.duration", codexAttrs).count).isEqualTo(1);
    assertThat(DocumentedTelemetry.metricNames())
        .containsAll(
            telemetry.metricNames().stream()
                .filter(name -> name.startsWith("agent_worker.") || name.startsWith("gen_ai."))
                .collect(Collectors.toList()));

    String logLine = single(run.queryLogLines());
    @SuppressWarnings("unchecked")
    Map<String, Object> logged = JSON.readValue(logLine, Map.class);
    assertThat(logged)
        .contains(
            entry("level", "info"),
            entry("event", "query_complete"),
            entry("provider", "codex"),
            entry("tokens", (Object) Map.of("in", 2568, "out", 113, "cached", 2000)),
            entry("tools", 1),
            entry("mcpServers", List.of("everything")),
            entry("error", null),
            entry("trace_id", query.traceId),
            entry("span_id", query.spanId),
            entry("workspace_id", "ws-42"));
    LogView record =
        single(
            telemetry.logs().stream()
                .filter(l -> "agent_worker.query.complete".equals(l.eventName))
                .collect(Collectors.toList()));
    assertThat(record.body).isEqualTo(logLine);
    assertThat(record.severity).isEqualTo("INFO");
    assertThat(record.spanId).isEqualTo(query.spanId);
    assertThat(record.attributes)
        .contains(
            entry("gen_ai.usage.input_tokens", 2568L), entry("agent_worker.query.tool_calls", 1L));
  }

  @ParameterizedTest
  @MethodSource("agents")
  void authFailureIsCountedFromAZeroBaseline(String agent) throws Exception {
    WorkerRun run =
        worker(agent)
            .env("FAKE_STDOUT", WorkerRun.fixture("codex-c4-http-401.jsonl").toString())
            .env("FAKE_EXIT", "1")
            .worker("bytes", "-", codexQuery("read-only"))
            .run();

    assertThat(run.line("read")).endsWith("exit 1");
    ReceivedTelemetry telemetry = receiver.telemetry();
    SpanView query = single(telemetry.spans("invoke_agent"));
    assertThat(query.status).isEqualTo("ERROR");
    assertThat(query.statusMessage).isEqualTo("auth");
    assertThat(query.attributes)
        .contains(
            entry("error.type", "auth"),
            entry("agent_worker.query.retries", 5L),
            entry("process.exit.code", 1L))
        .doesNotContainKeys("gen_ai.usage.input_tokens", "agent_worker.workspace.id");
    // Nothing from the failure message (which quotes part of the API key) is exported.
    assertThat(query.attributes.values().toString()).doesNotContain("Incorrect API key");

    Map<String, String> codexAttrs =
        Map.of("gen_ai.provider.name", "openai", "gen_ai.agent.name", "codex");
    assertThat(
            value(telemetry, "agent_worker.query.errors", with(codexAttrs, "error.type", "auth")))
        .isEqualTo(1);
    assertThat(
            value(
                telemetry,
                "agent_worker.query.errors",
                with(codexAttrs, "error.type", "rate_limit")))
        .isZero();
    assertThat(
            value(
                telemetry,
                "agent_worker.queries",
                with(codexAttrs, "agent_worker.query.outcome", "error")))
        .isEqualTo(1);
    assertThat(value(telemetry, "agent_worker.provider.consecutive_failures", codexAttrs))
        .isEqualTo(1);
    assertThat(value(telemetry, "agent_worker.query.retries", codexAttrs)).isEqualTo(5);
    Map<String, String> operation =
        with(
            with(codexAttrs, "gen_ai.operation.name", "invoke_agent"),
            "gen_ai.request.model",
            "gpt-5");
    assertThat(
            point(
                    telemetry,
                    "gen_ai.client.operation.duration",
                    with(operation, "error.type", "auth"))
                .count)
        .isEqualTo(1);
    // The Claude Code series exist at zero too, before any Claude query ran.
    Map<String, String> claudeAttrs =
        Map.of("gen_ai.provider.name", "anthropic", "gen_ai.agent.name", "claude-code");
    assertThat(
            value(telemetry, "agent_worker.query.errors", with(claudeAttrs, "error.type", "auth")))
        .isZero();

    @SuppressWarnings("unchecked")
    Map<String, Object> logged = JSON.readValue(single(run.queryLogLines()), Map.class);
    assertThat(logged)
        .contains(entry("level", "error"), entry("error", "auth"), entry("exit_code", 1));
    assertThat(
            single(
                    telemetry.logs().stream()
                        .filter(l -> "agent_worker.query.complete".equals(l.eventName))
                        .collect(Collectors.toList()))
                .severity)
        .isEqualTo("ERROR");
  }

  @ParameterizedTest
  @MethodSource("agents")
  void missingBinaryAndArgumentErrorsAreBinaryErrors(String agent) throws Exception {
    WorkerRun missing =
        worker(agent)
            .worker(
                "bytes",
                "-",
                List.of(temp.resolve("nowhere/codex").toString(), "exec", "--json", "x"))
            .run();
    assertThat(missing.line("spawn-failed")).contains("No such file or directory");

    WorkerRun badFlag =
        worker(agent)
            .env("FAKE_STDOUT", WorkerRun.fixture("codex-c7-bad-flag.stdout").toString())
            .env("FAKE_EXIT", "2")
            .worker("bytes", "-", List.of(codex.toString(), "exec", "--no-such-flag", "x"))
            .run();
    assertThat(badFlag.line("read")).endsWith("exit 2");

    ReceivedTelemetry telemetry = receiver.telemetry();
    List<String> errors =
        telemetry.spans("invoke_agent").stream()
            .map(s -> (String) s.attributes.get("error.type"))
            .collect(Collectors.toList());
    assertThat(errors).containsExactly("binary_not_found", "version_mismatch");
    Map<String, String> codexAttrs =
        Map.of("gen_ai.provider.name", "openai", "gen_ai.agent.name", "codex");
    // Two worker JVMs: each reports its own cumulative series, so each counts one.
    assertThat(
            telemetry.points("agent_worker.cli.binary_errors").stream()
                .filter(p -> p.value > 0)
                .map(p -> p.attributes.get("error.type"))
                .collect(Collectors.toList()))
        .containsExactlyInAnyOrder("binary_not_found", "version_mismatch");
    assertThat(telemetry.spans("invoke_agent").get(0).attributes)
        .doesNotContainKey("process.exit.code");
    assertThat(codexAttrs).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("agents")
  void versionProbeBelowMinimumIsAVersionMismatch(String agent) throws Exception {
    WorkerRun run =
        worker(agent)
            .property("otel.instrumentation.codex-cli.min-version", "0.200.0")
            .env("FAKE_STDOUT", WorkerRun.fixture("codex-c7-version.stdout").toString())
            .worker("lines", "-", List.of(codex.toString(), "--version"))
            .run();

    assertThat(run.line("read")).endsWith("exit 0");
    ReceivedTelemetry telemetry = receiver.telemetry();
    assertThat(telemetry.spans("invoke_agent")).isEmpty();
    Map<String, String> codexAttrs =
        Map.of("gen_ai.provider.name", "openai", "gen_ai.agent.name", "codex");
    assertThat(
            value(
                telemetry,
                "agent_worker.cli.binary_errors",
                with(codexAttrs, "error.type", "version_mismatch")))
        .isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("agents")
  void stdoutRedirectedToFileStillGivesAQuerySpan(String agent) throws Exception {
    WorkerRun run =
        worker(agent)
            .env("FAKE_STDOUT", WorkerRun.fixture("codex-c1-simple-success.jsonl").toString())
            .env("FAKE_SLEEP", "0.3")
            .worker("file", "-", codexQuery("read-only"))
            .run();

    assertThat(run.line("read")).endsWith("exit 0");
    SpanView query = single(receiver.telemetry().spans("invoke_agent"));
    assertThat(query.attributes)
        .contains(entry("process.exit.code", 0L), entry("agent_worker.sandbox.mode", "read-only"))
        .doesNotContainKeys("gen_ai.usage.input_tokens", "error.type");
    assertThat(query.durationSeconds()).isGreaterThanOrEqualTo(0.3);
  }

  @ParameterizedTest
  @MethodSource("agents")
  void workerThatNeverReadsStillEndsTheQueryAtExit(String agent) throws Exception {
    WorkerRun run =
        worker(agent)
            .property("otel.instrumentation.agent-cli.drain-timeout-ms", "300")
            .env("FAKE_STDOUT", WorkerRun.fixture("codex-c1-simple-success.jsonl").toString())
            .env("WORKER_LINGER_MS", "1500")
            .worker("noread", "-", codexQuery("read-only"))
            .run();

    assertThat(run.line("read")).endsWith("exit 0");
    SpanView query = single(receiver.telemetry().spans("invoke_agent"));
    assertThat(query.attributes)
        .contains(entry("process.exit.code", 0L))
        .doesNotContainKey("error.type");
    assertThat(query.durationSeconds()).isLessThan(1.0);
  }

  @ParameterizedTest
  @MethodSource("agents")
  void runtimeExecIsObservedToo(String agent) throws Exception {
    WorkerRun run =
        worker(agent)
            .env("FAKE_STDOUT", WorkerRun.fixture("codex-c1-simple-success.jsonl").toString())
            .worker("runtime-exec", "-", codexQuery("read-only"))
            .run();

    assertThat(run.line("process-class")).endsWith("ObservedProcess");
    SpanView query = single(receiver.telemetry().spans("invoke_agent"));
    assertThat(query.attributes)
        .contains(
            entry("gen_ai.conversation.id", "01a23d10-daca-7aa0-8658-dfa8d4248164"),
            entry("gen_ai.usage.input_tokens", 1234L),
            entry("process.exit.code", 0L));
  }

  @ParameterizedTest
  @MethodSource("agents")
  void queryBehindTimeoutThatRunsOutIsATimeout(String agent) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("timeout", "1"));
    command.addAll(codexQuery("read-only"));
    WorkerRun run =
        worker(agent)
            .env("FAKE_STDOUT", WorkerRun.fixture("codex-c1-simple-success.jsonl").toString())
            .env("FAKE_SLEEP", "10")
            .worker("bytes", "-", command)
            .run();

    assertThat(run.line("read")).endsWith("exit 124");
    SpanView query = single(receiver.telemetry().spans("invoke_agent"));
    assertThat(query.name).isEqualTo("invoke_agent codex");
    assertThat(query.attributes)
        .contains(
            entry("error.type", "timeout"),
            entry("process.exit.code", 124L),
            entry("gen_ai.conversation.id", "01a23d10-daca-7aa0-8658-dfa8d4248164"));
  }

  @ParameterizedTest
  @MethodSource("agents")
  void queryDestroyedByTheWorkerIsCancelled(String agent) throws Exception {
    WorkerRun run =
        worker(agent)
            .env("FAKE_STDOUT", WorkerRun.fixture("codex-c2-mcp-tool-call.jsonl").toString())
            .env("FAKE_PACE", "lines")
            .env("FAKE_SLEEP", "30")
            .worker("destroy", "-", codexQuery("read-only"))
            .run();

    assertThat(run.line("read")).endsWith("exit 143");
    SpanView query = single(receiver.telemetry().spans("invoke_agent"));
    assertThat(query.attributes)
        .contains(entry("error.type", "cancelled"), entry("process.exit.code", 143L));
  }

  @ParameterizedTest
  @MethodSource("agents")
  void badConfigurationTurnsTheInstrumentationOffWithOneWarning(String agent) throws Exception {
    WorkerRun run =
        worker(agent)
            .property("otel.instrumentation.agent-cli.max-line-bytes", "lots")
            .env("FAKE_STDOUT", WorkerRun.fixture("codex-c1-simple-success.jsonl").toString())
            .worker("bytes", "-", codexQuery("read-only"))
            .run();

    assertThat(run.exitCode).isZero();
    assertThat(run.line("read")).endsWith("exit 0");
    assertThat(run.line("process-class")).doesNotContain("dev.agentworker");
    assertThat(run.stderr.lines().filter(l -> l.contains("agent-cli.max-line-bytes")))
        .singleElement()
        .satisfies(
            line -> assertThat(line).contains("WARN").contains("'lots'").contains("turned off"));
    assertThat(receiver.telemetry().spans("invoke_agent")).isEmpty();
    assertThat(run.queryLogLines()).isEmpty();
  }

  static <T> T single(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  static Map<String, Object> withoutThreadDetails(Map<String, Object> attributes) {
    Map<String, Object> copy = new LinkedHashMap<>(attributes);
    copy.keySet().removeIf(key -> key.startsWith("thread."));
    return copy;
  }

  private static String[] concat(java.util.Set<String> keys, String extra) {
    return Stream.concat(keys.stream(), Stream.of(extra)).toArray(String[]::new);
  }

  static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(base);
    copy.put(key, value);
    return copy;
  }

  /** The single point of {@code metric} whose attributes are exactly {@code attributes}. */
  static PointView point(
      ReceivedTelemetry telemetry, String metric, Map<String, String> attributes) {
    List<PointView> matching =
        telemetry.points(metric).stream()
            .filter(p -> p.attributes.equals(attributes))
            .collect(Collectors.toList());
    assertThat(matching)
        .as(
            "%s%s among %s",
            metric,
            attributes,
            telemetry.points(metric).stream().map(p -> p.attributes).collect(Collectors.toList()))
        .hasSize(1);
    return matching.get(0);
  }

  static double value(ReceivedTelemetry telemetry, String metric, Map<String, String> attributes) {
    return point(telemetry, metric, attributes).value;
  }
}
