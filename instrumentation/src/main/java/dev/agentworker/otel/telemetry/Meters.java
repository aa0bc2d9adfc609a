package dev.agentworker.otel.telemetry;

import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds instruments from their {@link Instruments} definitions. Building the same definition twice
 * on one meter yields the same instrument, so query and MCP metrics can share counters.
 */
final class Meters {

  private Meters() {}

  static LongCounter counter(Meter meter, Instruments.Definition definition) {
    return meter
        .counterBuilder(definition.name())
        .setDescription(definition.description())
        .setUnit(definition.unit())
        .build();
  }

  static DoubleHistogram doubleHistogram(Meter meter, Instruments.Definition definition) {
    return meter
        .histogramBuilder(definition.name())
        .setDescription(definition.description())
        .setUnit(definition.unit())
        .setExplicitBucketBoundariesAdvice(definition.buckets())
        .build();
  }

  static LongHistogram longHistogram(Meter meter, Instruments.Definition definition) {
    List<Long> buckets = new ArrayList<>();
    for (double bound : definition.buckets()) {
      buckets.add((long) bound);
    }
    return meter
        .histogramBuilder(definition.name())
        .setDescription(definition.description())
        .setUnit(definition.unit())
        .ofLongs()
        .setExplicitBucketBoundariesAdvice(buckets)
        .build();
  }
}
