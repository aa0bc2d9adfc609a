package dev.agentworker.otel.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alert path, live on 127.0.0.1: a worker whose CLI keeps failing, the built collector
 * with the shipped agent config, the Debian Prometheus evaluating the shipped rules, and the Debian
 * Alertmanager with the shipped routing, whose webhook the test receives. Only addresses and the
 * scrape interval are changed in copies of the shipped files.
 */
class AlertingLiveTest {

  private static final Path CONFIG =
      Paths.get(System.getProperty("smoke.otelcol.config")).getParent().getParent();

  @TempDir Path temp;

  @Test
  void failingProviderPagesThroughPrometheusAndAlertmanager() throws Exception {
    List<JsonNode> pages = Collections.synchronizedList(new ArrayList<>());
    HttpServer webhook =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    ObjectMapper json = new ObjectMapper();
    webhook.createContext(
        "/",
        exchange -> {
          JsonNode body = json.readTree(exchange.getRequestBody());
          if (exchange.getRequestURI().getPath().equals("/page")) {
            pages.add(body);
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    webhook.start();
    List<Process> started = new ArrayList<>();
    try (LocalCollector collector = LocalCollector.start(temp)) {
      int alertmanagerPort = LocalCollector.freePort();
      Path alertmanagerConfig = temp.resolve("alertmanager.yml");
      Files.writeString(
          alertmanagerConfig,
          Files.readString(CONFIG.resolve("alertmanager/alertmanager.yml"))
              .replace(
                  "http://127.0.0.1:9095", "http://127.0.0.1:" + webhook.getAddress().getPort()));
      started.add(
          LocalCollector.start(
              List.of(
                  "prometheus-alertmanager",
                  "--config.file=" + alertmanagerConfig,
                  "--storage.path=" + Files.createDirectories(temp.resolve("alertmanager-data")),
                  "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                  "--cluster.listen-address="),
              Map.of(),
              temp.resolve("alertmanager.log")));

      int prometheusPort = LocalCollector.freePort();
      Path rules = CONFIG.resolve("prometheus");
      Path prometheusConfig = temp.resolve("prometheus.yml");
      Files.writeString(
          prometheusConfig,
          Files.readString(rules.resolve("prometheus.yml"))
              .replace("15s", "1s")
              .replace("127.0.0.1:8889", "127.0.0.1:" + collector.prometheusPort)
              .replace("127.0.0.1:9093", "127.0.0.1:" + alertmanagerPort)
              .replace("- agent-critical.yml", "- " + rules.resolve("agent-critical.yml"))
              .replace("- agent-warning.yml", "- " + rules.resolve("agent-warning.yml")));
      Path prometheusLog = temp.resolve("prometheus.log");
      Process prometheus =
          LocalCollector.start(
              List.of(
                  "prometheus",
                  "--config.file=" + prometheusConfig,
                  "--storage.tsdb.path=" + Files.createDirectories(temp.resolve("prometheus-data")),
                  "--web.listen-address=127.0.0.1:" + prometheusPort),
              Map.of(),
              prometheusLog);
      started.add(prometheus);
      LocalCollector.awaitBody(
          prometheus,
          prometheusLog,
          "http://127.0.0.1:" + prometheusPort + "/-/ready",
          body -> true);

      // Six failing Codex queries, spaced so the streak starts from a scraped 0.
      Path codex = FakeCli.install(temp.resolve("bin"), "codex");
      WorkerRun run =
          WorkerRun.spec()
              .agent(
                  AgentSmokeTest.agents().reduce((a, b) -> b).orElseThrow(),
                  collector.otlpEndpoint())
              .env("FAKE_STDOUT", WorkerRun.fixture("codex-c4-http-401.jsonl").toString())
              .env("FAKE_EXIT", "1")
              .env("WORKER_REPEAT", "6")
              .env("WORKER_DELAY_MS", "1500")
              .worker(
                  "bytes",
                  "-",
                  List.of(codex.toString(), "exec", "--json", "--skip-git-repo-check", "hi"))
              .run();
      assertThat(run.exitCode).as(run.stderr).isZero();

      Set<String> paged = awaitPages(pages, Set.of("AgentProviderDown", "AgentAuthFailure"));
      assertThat(paged).contains("AgentProviderDown", "AgentAuthFailure");
      JsonNode providerDown =
          pages.stream()
              .flatMap(page -> toList(page.path("alerts")).stream())
              .filter(
                  alert ->
                      alert.path("labels").path("alertname").asText().equals("AgentProviderDown"))
              .findFirst()
              .orElseThrow();
      assertThat(providerDown.path("labels").path("gen_ai_agent_name").asText()).isEqualTo("codex");
      assertThat(providerDown.path("labels").path("severity").asText()).isEqualTo("critical");
      assertThat(providerDown.path("status").asText()).isEqualTo("firing");
    } finally {
      for (Process process : started) {
        LocalCollector.stop(process);
      }
      webhook.stop(0);
    }
  }

  private static Set<String> awaitPages(List<JsonNode> pages, Set<String> expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + LocalCollector.DEADLINE.toNanos();
    Set<String> seen = new TreeSet<>();
    while (System.nanoTime() < deadline) {
      synchronized (pages) {
        for (JsonNode page : pages) {
          toList(page.path("alerts"))
              .forEach(a -> seen.add(a.path("labels").path("alertname").asText()));
        }
      }
      if (seen.containsAll(expected)) {
        return seen;
      }
      Thread.sleep(500);
    }
    return seen;
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }
}
