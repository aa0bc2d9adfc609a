package dev.agentworker.otel.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Metric names as documented in the metrics table of {@code docs/telemetry.md}. */
final class DocumentedTelemetry {

  private static final Pattern METRIC_ROW = Pattern.compile("^\\| `([a-z_.]+)` \\|");

  private DocumentedTelemetry() {}

  static List<String> metricNames() {
    Path doc = Paths.get(System.getProperty("smoke.docs"), "telemetry.md");
    List<String> names = new ArrayList<>();
    try {
      boolean inMetrics = false;
      for (String line : Files.readAllLines(doc)) {
        if (line.startsWith("## ")) {
          inMetrics = line.startsWith("## Metrics");
        }
        Matcher matcher = METRIC_ROW.matcher(line);
        if (inMetrics && matcher.find()) {
          names.add(matcher.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }
}
