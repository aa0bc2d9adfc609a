package dev.agentworker.otel.examples.backend;

import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP (protobuf) receiver on 127.0.0.1: what the OpenTelemetry Java agent exports with
 * {@code otel.exporter.otlp.protocol=http/protobuf}. It keeps everything it receives in a {@link
 * ReceivedTelemetry}.
 */
public final class OtlpReceiver implements AutoCloseable {

  private final LoopbackServer server;
  private final ReceivedTelemetry telemetry = new ReceivedTelemetry();

  private OtlpReceiver(LoopbackServer server) {
    this.server = server;
  }

  /** Starts a receiver on 127.0.0.1; port 0 picks a free port. */
  public static OtlpReceiver start(int port) throws IOException {
    LoopbackServer server = LoopbackServer.create(port, 2, "otlp-receiver");
    OtlpReceiver receiver = new OtlpReceiver(server);
    server.server.createContext("/v1/traces", receiver::handleTraces);
    server.server.createContext("/v1/metrics", receiver::handleMetrics);
    server.server.createContext("/v1/logs", receiver::handleLogs);
    server.start();
    return receiver;
  }

  /** The base endpoint, as {@code otel.exporter.otlp.endpoint} expects it. */
  public String endpoint() {
    return server.baseUrl();
  }

  public ReceivedTelemetry telemetry() {
    return telemetry;
  }

  @Override
  public void close() {
    server.stop();
  }

  private void handleTraces(HttpExchange exchange) throws IOException {
    byte[] body = body(exchange);
    if (body != null) {
      telemetry.add(ExportTraceServiceRequest.parseFrom(body), body);
      respond(exchange, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
    }
  }

  private void handleMetrics(HttpExchange exchange) throws IOException {
    byte[] body = body(exchange);
    if (body != null) {
      telemetry.add(ExportMetricsServiceRequest.parseFrom(body), body);
      respond(exchange, ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
    }
  }

  private void handleLogs(HttpExchange exchange) throws IOException {
    byte[] body = body(exchange);
    if (body != null) {
      telemetry.add(ExportLogsServiceRequest.parseFrom(body), body);
      respond(exchange, ExportLogsServiceResponse.getDefaultInstance().toByteArray());
    }
  }

  /** The decoded request body, or null after answering a request this receiver does not take. */
  private static byte[] body(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(405, -1);
      exchange.close();
      return null;
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    try (InputStream raw = exchange.getRequestBody();
        InputStream in = "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(raw) : raw) {
      return in.readAllBytes();
    }
  }

  private static void respond(HttpExchange exchange, byte[] response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response);
    }
  }
}
