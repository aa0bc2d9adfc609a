package dev.agentworker.otel.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector built from {@code collector-config/otelcol} runs the shipped agent configuration
 * on 127.0.0.1; a worker JVM with the agent and extension sends it OTLP; its Prometheus endpoint
 * then serves the metrics under the exact names and labels the alert rules use.
 */
class CollectorPipelineTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path temp;
  private Process collector;
  private int otlpHttpPort;
  private int prometheusPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static Path binary() {
    Path binary = Paths.get(System.getProperty("smoke.otelcol"));
    assertThat(binary).as("built by collector-config/otelcol/build.sh (run-tests.sh)").exists();
    return binary;
  }

  private static Path agentConfig() {
    return Paths.get(System.getProperty("smoke.otelcol.config"));
  }

  @BeforeEach
  void startCollector() throws Exception {
    int grpcPort = freePort();
    int healthPort = freePort();
    otlpHttpPort = freePort();
    prometheusPort = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(binary().toString(), "--config=" + agentConfig())
            .redirectInput(new File("/dev/null"))
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("collector.log").toFile());
    builder.environment().put("OTELCOL_OTLP_GRPC_ENDPOINT", "127.0.0.1:" + grpcPort);
    builder.environment().put("OTELCOL_OTLP_HTTP_ENDPOINT", "127.0.0.1:" + otlpHttpPort);
    builder.environment().put("OTELCOL_PROMETHEUS_ENDPOINT", "127.0.0.1:" + prometheusPort);
    builder.environment().put("OTELCOL_HEALTH_ENDPOINT", "127.0.0.1:" + healthPort);
    builder.environment().put("JAEGER_OTLP_GRPC_ENDPOINT", "127.0.0.1:" + freePort());
    collector = builder.start();
    awaitBody("http://127.0.0.1:" + healthPort + "/", body -> true);
  }

  @AfterEach
  void stopCollector() throws Exception {
    if (collector != null) {
      collector.destroy();
      if (!collector.waitFor(10, TimeUnit.SECONDS)) {
        collector.destroyForcibly();
      }
    }
  }

  @Test
  void shippedConfigurationValidates() throws Exception {
    Process validate =
        new ProcessBuilder(binary().toString(), "validate", "--config=" + agentConfig())
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
    for (String fixture : List.of("codex-c2-mcp-tool-call.jsonl", "codex-c4-http-401.jsonl")) {
      WorkerRun run =
          WorkerRun.spec()
              .agent(agent, "http://127.0.0.1:" + otlpHttpPort)
              .env("FAKE_STDOUT", WorkerRun.fixture(fixture).toString())
              .env("FAKE_EXIT", fixture.contains("401") ? "1" : "0")
              .worker("bytes", "-", query)
              .run();
      assertThat(run.exitCode).as(run.stderr).isZero();
    }

    // Both workers' exports must have arrived: wait for the failed query, not the zero series.
    Predicate<String> authFailure = series("agent_worker_query_errors_total{", "error_type=\"auth\"", " 1");
    String metrics =
        awaitBody(
            "http://127.0.0.1:" + prometheusPort + "/metrics",
            body -> body.lines().anyMatch(authFailure));
    assertThat(metrics.lines())
        .anyMatch(series("agent_worker_queries_total{", "agent_worker_query_outcome=\"error\"", " 1"))
        .anyMatch(authFailure)
        .anyMatch(series("agent_worker_provider_consecutive_failures{", "gen_ai_agent_name=\"codex\"", ""))
        .anyMatch(series("agent_worker_tool_calls_total{", "agent_worker_mcp_server_name=\"everything\"", " 1"))
        .anyMatch(series("gen_ai_client_operation_duration_seconds_bucket{", "le=\"3600\"", ""))
        .anyMatch(series("agent_worker_query_tokens_bucket{", "le=\"500000\"", ""))
        .anyMatch(series("agent_worker_query_tokens_count{", "gen_ai_provider_name=\"openai\"", " 1"));
  }

  private static Predicate<String> series(String name, String label, String valueSuffix) {
    return line -> line.startsWith(name) && line.contains(label) && line.endsWith(valueSuffix);
  }

  /** GETs {@code url} until the body satisfies {@code ready}, or fails after the deadline. */
  private String awaitBody(String url, Predicate<String> ready) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      assertThat(collector.isAlive()).as(Files.readString(temp.resolve("collector.log"))).isTrue();
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        last = response.body();
        if (response.statusCode() == 200 && ready.test(last)) {
          return last;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no ready answer from " + url + " in " + DEADLINE + "; last: " + last);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
