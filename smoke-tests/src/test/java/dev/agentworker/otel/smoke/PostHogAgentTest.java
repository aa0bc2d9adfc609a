package dev.agentworker.otel.smoke;

import static dev.agentworker.otel.smoke.AgentSmokeTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentworker.otel.examples.backend.FakePostHog;
import dev.agentworker.otel.examples.backend.OtlpReceiver;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry.SpanView;
import java.nio.file.Path;
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
 * The PostHog exporter in the extension jar on the real agent: {@code
 * otel.traces.exporter=otlp,posthog} and a key send each query to a fake PostHog capture endpoint
 * while the OTLP receiver gets the same spans.
 */
class PostHogAgentTest {

  @TempDir Path temp;
  private OtlpReceiver receiver;
  private FakePostHog posthog;
  private Path codex;

  static Stream<String> agents() {
    return AgentSmokeTest.agents();
  }

  @BeforeEach
  void setUp() throws Exception {
    receiver = OtlpReceiver.start(0);
    posthog = FakePostHog.start(0).expectKey("phc_smoke");
    codex = FakeCli.install(temp.resolve("bin"), "codex");
  }

  @AfterEach
  void tearDown() {
    receiver.close();
    posthog.close();
  }

  private WorkerRun run(String agent, String apiKey) throws Exception {
    WorkerRun.Spec spec =
        WorkerRun.spec()
            .agent(agent, receiver.endpoint())
            .property("otel.traces.exporter", "otlp,posthog")
            .property("otel.exporter.posthog.host", posthog.host())
            .env("FAKE_STDOUT", WorkerRun.fixture("codex-c2-mcp-tool-call.jsonl").toString())
            .worker(
                "lines",
                "ws-42",
                List.of(
                    codex.toString(),
                    "exec",
                    "--json",
                    "--skip-git-repo-check",
                    "--sandbox",
                    "workspace-write",
                    "-m",
                    "gpt-5",
                    "say hi"));
    if (apiKey != null) {
      spec.property("otel.exporter.posthog.api-key", apiKey);
    }
    WorkerRun run = spec.run();
    assertThat(run.exitCode).as(run.stderr).isZero();
    return run;
  }

  @ParameterizedTest
  @MethodSource("agents")
  void eachQueryReachesPostHogAndOtlpAlike(String agent) throws Exception {
    WorkerRun run = run(agent, "phc_smoke");

    ReceivedTelemetry telemetry = receiver.telemetry();
    SpanView query = single(telemetry.spans("invoke_agent"));
    SpanView tool = single(telemetry.spans("execute_tool"));
    Map<String, JsonNode> events =
        posthog.events().stream().collect(Collectors.toMap(e -> e.path("event").asText(), e -> e));
    assertThat(events)
        .as("%s %s", posthog.requests().size(), run.stderr)
        .containsOnlyKeys("agent_query_completed", "$ai_trace", "$ai_generation", "$ai_span");

    JsonNode completed = events.get("agent_query_completed");
    String aiTraceId = query.traceId + "-" + query.spanId;
    assertThat(completed.path("distinct_id").asText()).isEqualTo(aiTraceId);
    JsonNode properties = completed.path("properties");
    assertThat(properties.path("provider").asText()).isEqualTo("codex");
    assertThat(properties.path("duration_ms").asLong())
        .isEqualTo((query.endNanos - query.startNanos) / 1_000_000);
    assertThat(properties.path("input_tokens").asLong()).isEqualTo(2568);
    assertThat(properties.path("output_tokens").asLong()).isEqualTo(113);
    assertThat(properties.path("tools_used").asLong()).isEqualTo(1);
    assertThat(properties.path("mcp_servers").toString()).isEqualTo("[\"everything\"]");
    assertThat(properties.path("error").isNull()).isTrue();
    assertThat(properties.path("workspace_id").asText()).isEqualTo("ws-42");
    assertThat(properties.path("cached_input_tokens").asLong()).isEqualTo(2000);
    assertThat(properties.path("model").asText()).isEqualTo("gpt-5");
    assertThat(properties.path("trace_id").asText()).isEqualTo(query.traceId);
    assertThat(properties.path("span_id").asText()).isEqualTo(query.spanId);
    assertThat(properties.path("$process_person_profile").asBoolean(true)).isFalse();
    assertThat(events.get("$ai_span").path("properties").path("$ai_span_id").asText())
        .isEqualTo(tool.spanId);
    assertThat(events.get("$ai_span").path("properties").path("$ai_parent_id").asText())
        .isEqualTo(aiTraceId);

    assertThat(posthog.requests()).allSatisfy(r -> assertThat(r.gzipped).isTrue());
    // The exporter's own requests are not traced.
    assertThat(telemetry.spans())
        .noneMatch(s -> s.kind.equals("CLIENT") && s.name.startsWith("POST"));
    assertThat(
            telemetry.points("agent_worker.posthog.events.sent").stream()
                .mapToDouble(p -> p.value)
                .sum())
        .isEqualTo(4);
  }

  @ParameterizedTest
  @MethodSource("agents")
  void withoutAKeyOneWarningAndOtlpCarriesOn(String agent) throws Exception {
    WorkerRun run = run(agent, null);

    assertThat(run.stderr.lines().filter(l -> l.contains("PostHog exporter turned off")))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("otel.exporter.posthog.api-key"));
    assertThat(receiver.telemetry().spans("invoke_agent")).hasSize(1);
    assertThat(posthog.requests()).isEmpty();
  }
}
