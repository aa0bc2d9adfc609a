package dev.agentworker.otel.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector built from {@code collector-config/otelcol} runs the shipped agent configuration on
 * 127.0.0.1; a worker JVM with the agent and extension sends it OTLP; its Prometheus endpoint then
 * serves the metrics under the exact names and labels the alert rules use.
 */
class CollectorPipelineTest {

  @TempDir Path temp;

  @Test
  void shippedConfigurationValidates() throws Exception {
    Process validate =
        new ProcessBuilder(
                LocalCollector.binary().toString(),
                "validate",
                "--config=" + LocalCollector.agentConfig())
            .redirectErrorStream(true)
            .start();
    String output = new String(validate.getInputStream().readAllBytes());
    assertThat(validate.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(validate.exitValue()).as(output).isZero();
  }

  @Test
  void metricsReachPrometheusUnderTheNamesTheRulesUse() throws Exception {
    Path codex = FakeCli.install(temp.resolve("bin"), "codex");
    List<String> query = List.of(codex.toString(), "exec", "--json", "--skip-git-repo-check", "hi");
    String agent = AgentSmokeTest.agents().reduce((first, second) -> second).orElseThrow();
    try (LocalCollector collector = LocalCollector.start(temp)) {
      for (String fixture : List.of("codex-c2-mcp-tool-call.jsonl", "codex-c4-http-401.jsonl")) {
        WorkerRun run =
            WorkerRun.spec()
                .agent(agent, collector.otlpEndpoint())
                .env("FAKE_STDOUT", WorkerRun.fixture(fixture).toString())
                .env("FAKE_EXIT", fixture.contains("401") ? "1" : "0")
                .worker("bytes", "-", query)
                .run();
        assertThat(run.exitCode).as(run.stderr).isZero();
      }

      // Both workers' exports must have arrived: wait for the failed query, not the zero series.
      Predicate<String> authFailure =
          series("agent_worker_query_errors_total{", "error_type=\"auth\"", " 1");
      String metrics = collector.awaitMetrics(body -> body.lines().anyMatch(authFailure));
      assertThat(metrics.lines())
          .anyMatch(
              series("agent_worker_queries_total{", "agent_worker_query_outcome=\"error\"", " 1"))
          .anyMatch(authFailure)
          .anyMatch(
              series(
                  "agent_worker_provider_consecutive_failures{", "gen_ai_agent_name=\"codex\"", ""))
          .anyMatch(
              series(
                  "agent_worker_tool_calls_total{",
                  "agent_worker_mcp_server_name=\"everything\"",
                  " 1"))
          .anyMatch(series("gen_ai_client_operation_duration_seconds_bucket{", "le=\"3600\"", ""))
          .anyMatch(series("agent_worker_query_tokens_bucket{", "le=\"500000\"", ""))
          .anyMatch(
              series("agent_worker_query_tokens_count{", "gen_ai_provider_name=\"openai\"", " 1"));
    }
  }

  static Predicate<String> series(String name, String label, String valueSuffix) {
    return line -> line.startsWith(name) && line.contains(label) && line.endsWith(valueSuffix);
  }
}
