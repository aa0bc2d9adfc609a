package dev.agentworker.otel.examples.backend;

import dev.agentworker.otel.examples.backend.ReceivedTelemetry.LogView;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry.PointView;
import dev.agentworker.otel.examples.backend.ReceivedTelemetry.SpanView;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints received telemetry for a person: span trees, metric values and log bodies. */
public final class TelemetrySummary {

  private TelemetrySummary() {}

  public static void print(ReceivedTelemetry telemetry, PrintStream out) {
    List<SpanView> spans = telemetry.spans();
    out.println("== Traces (" + spans.size() + " spans)");
    spans.stream()
        .filter(
            s ->
                s.parentSpanId.isEmpty()
                    || spans.stream().noneMatch(p -> p.spanId.equals(s.parentSpanId)))
        .sorted(Comparator.comparingLong(s -> s.startNanos))
        .forEach(root -> printTree(root, spans, 0, out));

    out.println();
    out.println(
        "== Metrics (agent_worker.*, gen_ai.* and mcp.*; all metrics are in the OTLP files)");
    List<PointView> points =
        sorted(telemetry.points()).stream()
            .filter(
                p ->
                    p.metric.startsWith("agent_worker.")
                        || p.metric.startsWith("gen_ai.")
                        || p.metric.startsWith("mcp."))
            .collect(Collectors.toList());
    long zeros = points.stream().filter(p -> p.value == 0 && p.count == 0).count();
    for (PointView point : points) {
      if (point.value == 0 && point.count == 0) {
        continue;
      }
      if (point.type.equals("histogram")) {
        out.printf(
            Locale.ROOT,
            "  %s%s count=%d sum=%s%n",
            point.metric,
            point.attributes,
            point.count,
            format(point.value));
      } else {
        out.printf(
            Locale.ROOT, "  %s%s = %s%n", point.metric, point.attributes, format(point.value));
      }
    }
    out.println(
        "  (" + zeros + " more series at 0: created at start-up so that first failures show)");

    out.println();
    out.println("== Logs");
    for (LogView log : telemetry.logs()) {
      out.println("  [" + log.severity + "] " + log.eventName + " " + log.body);
    }
  }

  private static void printTree(SpanView span, List<SpanView> all, int depth, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%s%s [%s, %.3f s%s] %s%n",
        "  ".repeat(depth + 1),
        span.name,
        span.kind,
        span.durationSeconds(),
        span.status.equals("ERROR") ? ", ERROR" : "",
        brief(span.attributes));
    all.stream()
        .filter(child -> child.parentSpanId.equals(span.spanId))
        .sorted(Comparator.comparingLong(s -> s.startNanos))
        .forEach(child -> printTree(child, all, depth + 1, out));
  }

  private static String brief(Map<String, Object> attributes) {
    return attributes.entrySet().stream()
        .filter(e -> !e.getKey().startsWith("thread."))
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static List<PointView> sorted(List<PointView> points) {
    List<PointView> copy = new ArrayList<>(points);
    copy.sort(
        Comparator.comparing((PointView p) -> p.metric)
            .thenComparing(p -> p.attributes.toString()));
    return copy;
  }

  private static String format(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.4f", value);
  }
}
