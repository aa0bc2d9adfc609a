package dev.agentworker.otel.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Programs the tests start on 127.0.0.1 (collector, Prometheus, Alertmanager), ended by pid. */
final class LocalCollector implements AutoCloseable {

  static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final int otlpHttpPort;
  final int prometheusPort;
  private final Process process;
  private final Path log;

  private LocalCollector(Process process, Path log, int otlpHttpPort, int prometheusPort) {
    this.process = process;
    this.log = log;
    this.otlpHttpPort = otlpHttpPort;
    this.prometheusPort = prometheusPort;
  }

  static Path binary() {
    Path binary = Paths.get(System.getProperty("smoke.otelcol"));
    assertThat(binary).as("built by collector-config/otelcol/build.sh (run-tests.sh)").exists();
    return binary;
  }

  static Path agentConfig() {
    return Paths.get(System.getProperty("smoke.otelcol.config"));
  }

  /** Starts the built collector with the shipped agent config and waits until it is healthy. */
  static LocalCollector start(Path directory) throws Exception {
    int healthPort = freePort();
    int otlpHttpPort = freePort();
    int prometheusPort = freePort();
    Path log = directory.resolve("collector.log");
    Process process =
        start(
            List.of(binary().toString(), "--config=" + agentConfig()),
            Map.of(
                "OTELCOL_OTLP_GRPC_ENDPOINT", "127.0.0.1:" + freePort(),
                "OTELCOL_OTLP_HTTP_ENDPOINT", "127.0.0.1:" + otlpHttpPort,
                "OTELCOL_PROMETHEUS_ENDPOINT", "127.0.0.1:" + prometheusPort,
                "OTELCOL_HEALTH_ENDPOINT", "127.0.0.1:" + healthPort,
                "OTELCOL_SELF_METRICS_PORT", Integer.toString(freePort()),
                "JAEGER_OTLP_GRPC_ENDPOINT", "127.0.0.1:" + freePort()),
            log);
    LocalCollector collector = new LocalCollector(process, log, otlpHttpPort, prometheusPort);
    awaitBody(process, log, "http://127.0.0.1:" + healthPort + "/", body -> true);
    return collector;
  }

  String otlpEndpoint() {
    return "http://127.0.0.1:" + otlpHttpPort;
  }

  String awaitMetrics(Predicate<String> ready) throws Exception {
    return awaitBody(process, log, "http://127.0.0.1:" + prometheusPort + "/metrics", ready);
  }

  @Override
  public void close() throws InterruptedException {
    stop(process);
  }

  static Process start(List<String> command, Map<String, String> environment, Path log)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(new File("/dev/null"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** GETs {@code url} until the body satisfies {@code ready}, or fails after the deadline. */
  static String awaitBody(Process process, Path log, String url, Predicate<String> ready)
      throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
      try {
        HttpResponse<String> response =
            HTTP.send(
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

  /** {@code n} distinct free ports: all are held open until all are chosen. */
  static int[] freePorts(int n) throws IOException {
    ServerSocket[] sockets = new ServerSocket[n];
    int[] ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
    return ports;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
