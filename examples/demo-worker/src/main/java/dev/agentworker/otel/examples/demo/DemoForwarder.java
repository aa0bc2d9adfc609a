package dev.agentworker.otel.examples.demo;

import dev.agentworker.otel.examples.backend.RawRequests;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry;
import java.nio.file.Paths;

/**
 * Sends what a demo run received to a real OTLP/HTTP endpoint (a collector), from outside the
 * demo's isolated network namespace: {@code DemoForwarder <otlp/raw dir> <endpoint>}.
 */
public final class DemoForwarder {

  public static void main(String[] args) throws Exception {
    ReceivedTelemetry telemetry = RawRequests.read(Paths.get(args[0]));
    int total = telemetry.rawRequests().values().stream().mapToInt(java.util.List::size).sum();
    int sent = RawRequests.forward(telemetry, args[1]);
    System.out.println("forwarded " + sent + " of " + total + " OTLP requests to " + args[1]);
    if (sent != total) {
      System.exit(1);
    }
  }

  private DemoForwarder() {}
}
