package dev.agentworker.otel.examples.backend;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Received OTLP request bodies kept as they came ({@code <signal>.pb}: 4-byte length, then the
 * protobuf body, repeated), so they can be loaded again or forwarded to a real OTLP endpoint.
 */
public final class RawRequests {

  private RawRequests() {}

  public static void write(ReceivedTelemetry telemetry, Path directory) throws IOException {
    Files.createDirectories(directory);
    for (Map.Entry<String, List<byte[]>> signal : telemetry.rawRequests().entrySet()) {
      try (OutputStream file = Files.newOutputStream(directory.resolve(signal.getKey() + ".pb"));
          DataOutputStream out = new DataOutputStream(file)) {
        for (byte[] body : signal.getValue()) {
          out.writeInt(body.length);
          out.write(body);
        }
      }
    }
  }

  public static ReceivedTelemetry read(Path directory) throws IOException {
    ReceivedTelemetry telemetry = new ReceivedTelemetry();
    for (String signal : List.of("traces", "metrics", "logs")) {
      Path file = directory.resolve(signal + ".pb");
      if (!Files.exists(file)) {
        continue;
      }
      try (InputStream in = Files.newInputStream(file);
          DataInputStream data = new DataInputStream(in)) {
        while (true) {
          int length;
          try {
            length = data.readInt();
          } catch (EOFException end) {
            break;
          }
          byte[] body = data.readNBytes(length);
          switch (signal) {
            case "traces":
              telemetry.add(ExportTraceServiceRequest.parseFrom(body), body);
              break;
            case "metrics":
              telemetry.add(ExportMetricsServiceRequest.parseFrom(body), body);
              break;
            default:
              telemetry.add(ExportLogsServiceRequest.parseFrom(body), body);
          }
        }
      }
    }
    return telemetry;
  }

  /** POSTs every stored request to {@code <endpoint>/v1/<signal>}; returns how many succeeded. */
  public static int forward(ReceivedTelemetry telemetry, String endpoint)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    int sent = 0;
    for (Map.Entry<String, List<byte[]>> signal : telemetry.rawRequests().entrySet()) {
      for (byte[] body : signal.getValue()) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(base + "/v1/" + signal.getKey()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          sent++;
        }
      }
    }
    return sent;
  }
}
