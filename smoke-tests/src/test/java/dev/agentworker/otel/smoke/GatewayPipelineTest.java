package dev.agentworker.otel.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.agentworker.otel.examples.backend.OtlpReceiver;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry.SpanView;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway tier (collector-config/gateway) on its own distribution: every config validates, and
 * a gateway load-balancing by trace id to a tail-sampling sampler keeps the trace with an error and
 * drops the fast, successful one, with bearer-token auth between the tiers.
 */
class GatewayPipelineTest {

  private static final String TOKEN = "tier-token-for-tests";
  private static final String ERROR_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String OK_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @TempDir Path temp;

  private static Path binary() {
    Path binary = Paths.get(System.getProperty("smoke.gateway"));
    assertThat(binary).as("built by collector-config/gateway/build.sh (run-tests.sh)").exists();
    return binary;
  }

  private static Path config(String name) {
    return Paths.get(System.getProperty("smoke.gateway.configs"), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway.yaml", "sampler.yaml", "gateway.yaml,posthog.yaml"})
  void shippedConfigurationsValidate(String configs) throws Exception {
    List<String> command = new ArrayList<>(List.of(binary().toString(), "validate"));
    for (String name : configs.split(",")) {
      command.add("--config=" + config(name));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("OTELCOL_TIER_TOKEN", TOKEN);
    builder.environment().put("POSTHOG_API_KEY", "phc_validate");
    // validate does not read the files; a deployment mounts them.
    builder.environment().put("OTELCOL_TIER_CA_FILE", "/etc/otelcol/tier-ca.pem");
    builder.environment().put("OTELCOL_TIER_CERT_FILE", "/etc/otelcol/tier.pem");
    builder.environment().put("OTELCOL_TIER_KEY_FILE", "/etc/otelcol/tier-key.pem");
    Process validate = builder.start();
    String output = new String(validate.getInputStream().readAllBytes());
    assertThat(validate.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(validate.exitValue()).as(output).isZero();
  }

  @Test
  void tracesWithErrorsSurviveTailSamplingBehindTheLoadBalancer() throws Exception {
    selfSignedCertificate();
    try (OtlpReceiver jaeger = OtlpReceiver.start(0)) {
      int[] ports = LocalCollector.freePorts(7);
      int samplerGrpc = ports[0];
      int samplerHealth = ports[1];
      int gatewayHttp = ports[2];
      int gatewayHealth = ports[3];
      Map<String, String> sampler = tierEnvironment("sampler", samplerHealth, ports[4]);
      sampler.put("OTELCOL_OTLP_GRPC_ENDPOINT", "127.0.0.1:" + samplerGrpc);
      sampler.put("JAEGER_OTLP_HTTP_ENDPOINT", jaeger.endpoint());
      sampler.put("TAIL_SAMPLING_DECISION_WAIT", "2s");
      sampler.put("TAIL_SAMPLING_PERCENT", "0");
      Process samplerProcess = start("sampler.yaml", sampler, "sampler.log");

      Map<String, String> gateway = tierEnvironment("gateway", gatewayHealth, ports[5]);
      gateway.put("OTELCOL_OTLP_GRPC_ENDPOINT", "127.0.0.1:" + ports[6]);
      gateway.put("OTELCOL_OTLP_HTTP_ENDPOINT", "127.0.0.1:" + gatewayHttp);
      gateway.put("OTELCOL_SAMPLER_ENDPOINTS", "[127.0.0.1:" + samplerGrpc + "]");
      Process gatewayProcess = start("gateway.yaml", gateway, "gateway.log");
      try {
        LocalCollector.awaitBody(
            samplerProcess,
            temp.resolve("sampler.log"),
            "http://127.0.0.1:" + samplerHealth + "/",
            body -> true);
        LocalCollector.awaitBody(
            gatewayProcess,
            temp.resolve("gateway.log"),
            "http://127.0.0.1:" + gatewayHealth + "/",
            body -> true);

        String url = "http://127.0.0.1:" + gatewayHttp + "/v1/traces";
        assertThat(post(url, null)).as("no token").isEqualTo(401);
        // 503 until the load balancer has connected to its sampler.
        long deadline = System.nanoTime() + LocalCollector.DEADLINE.toNanos();
        int status = post(url, TOKEN);
        while (status == 503 && System.nanoTime() < deadline) {
          Thread.sleep(250);
          status = post(url, TOKEN);
        }
        assertThat(status).as(Files.readString(temp.resolve("gateway.log"))).isEqualTo(200);

        while (jaeger.telemetry().spans().isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(250);
        }
        // Both traces were decided in the same round; give a late export of the other time.
        Thread.sleep(3000);
        List<SpanView> spans = jaeger.telemetry().spans();
        assertThat(spans.stream().map(s -> s.traceId).distinct().collect(Collectors.toList()))
            .as("%s", spans)
            .containsExactly(ERROR_TRACE);
        assertThat(spans.stream().map(s -> s.name))
            .containsExactlyInAnyOrder("handle request", "invoke_agent codex");
      } finally {
        LocalCollector.stop(gatewayProcess);
        LocalCollector.stop(samplerProcess);
      }
    }
  }

  /** The sampler's certificate for 127.0.0.1, which the gateway trusts as its CA. */
  private void selfSignedCertificate() throws Exception {
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                temp.resolve("key.pem").toString(),
                "-out",
                temp.resolve("cert.pem").toString(),
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1")
            .redirectErrorStream(true)
            .start();
    String output = new String(openssl.getInputStream().readAllBytes());
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).as(output).isZero();
  }

  private Map<String, String> tierEnvironment(String tier, int healthPort, int selfMetricsPort) {
    Map<String, String> environment = new HashMap<>();
    environment.put("OTELCOL_TIER_TOKEN", TOKEN);
    environment.put("OTELCOL_TIER_CA_FILE", temp.resolve("cert.pem").toString());
    environment.put("OTELCOL_TIER_CERT_FILE", temp.resolve("cert.pem").toString());
    environment.put("OTELCOL_TIER_KEY_FILE", temp.resolve("key.pem").toString());
    environment.put("OTELCOL_HEALTH_ENDPOINT", "127.0.0.1:" + healthPort);
    environment.put("OTELCOL_SELF_METRICS_PORT", Integer.toString(selfMetricsPort));
    environment.put("OTELCOL_STORAGE_DIR", temp.resolve(tier + "-storage").toString());
    return environment;
  }

  private Process start(String config, Map<String, String> environment, String log)
      throws Exception {
    return LocalCollector.start(
        List.of(binary().toString(), "--config=" + config(config)), environment, temp.resolve(log));
  }

  /** Two traces in one request: a failed query and a fast successful one. */
  private static int post(String url, String token) throws Exception {
    long now = System.currentTimeMillis() * 1_000_000L;
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    scope.addSpans(span(ERROR_TRACE, "00f067aa0ba902b7", "", "handle request", now, false));
    scope.addSpans(
        span(ERROR_TRACE, "a3ce929d0e0e4736", "00f067aa0ba902b7", "invoke_agent codex", now, true));
    scope.addSpans(span(OK_TRACE, "b7ad6b7169203331", "", "handle request", now, false));
    byte[] body =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
            .build()
            .toByteArray();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static Span span(
      String traceId, String spanId, String parentId, String name, long now, boolean error) {
    HexFormat hex = HexFormat.of();
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(hex.parseHex(traceId)))
            .setSpanId(ByteString.copyFrom(hex.parseHex(spanId)))
            .setName(name)
            .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
            .setStartTimeUnixNano(now - 50_000_000L)
            .setEndTimeUnixNano(now);
    if (!parentId.isEmpty()) {
      span.setParentSpanId(ByteString.copyFrom(hex.parseHex(parentId)));
    }
    if (error) {
      span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
    }
    return span.build();
  }
}
