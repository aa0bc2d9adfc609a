package dev.agentworker.otel.examples.backend;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Everything an {@link OtlpReceiver} received, with flat views for assertions and summaries. */
public final class ReceivedTelemetry {

  private final List<ExportTraceServiceRequest> traces = new ArrayList<>();
  private final List<ExportMetricsServiceRequest> metrics = new ArrayList<>();
  private final List<ExportLogsServiceRequest> logs = new ArrayList<>();
  private final Map<String, List<byte[]>> rawRequests = new LinkedHashMap<>();

  /** A received span. */
  public static final class SpanView {
    public final String name;
    public final String kind;
    public final String traceId;
    public final String spanId;
    public final String parentSpanId;
    public final String scope;
    public final String status;
    public final String statusMessage;
    public final long startNanos;
    public final long endNanos;
    public final Map<String, Object> attributes;
    public final Map<String, Object> resource;

    SpanView(
        io.opentelemetry.proto.trace.v1.Span span, String scope, Map<String, Object> resource) {
      this.name = span.getName();
      this.kind = span.getKind().name().replace("SPAN_KIND_", "");
      this.traceId = hex(span.getTraceId());
      this.spanId = hex(span.getSpanId());
      this.parentSpanId = hex(span.getParentSpanId());
      this.scope = scope;
      this.status = span.getStatus().getCode().name().replace("STATUS_CODE_", "");
      this.statusMessage = span.getStatus().getMessage();
      this.startNanos = span.getStartTimeUnixNano();
      this.endNanos = span.getEndTimeUnixNano();
      this.attributes = attributes(span.getAttributesList());
      this.resource = resource;
    }

    public double durationSeconds() {
      return (endNanos - startNanos) / 1e9;
    }
  }

  /** The latest data point of one metric series. */
  public static final class PointView {
    public final String metric;
    public final String type;
    public final String unit;
    public final Map<String, Object> attributes;

    /** Attributes of the resource (the process) that reported the point. */
    public final Map<String, Object> resource;

    /** Sum or gauge value; histogram sum. */
    public final double value;

    /** Histogram count; 0 for other types. */
    public final long count;

    public final List<Double> bounds;
    public final List<Long> bucketCounts;
    final long timeNanos;

    PointView(Metric metric, NumberDataPoint point, Map<String, Object> resource) {
      this.metric = metric.getName();
      this.resource = resource;
      this.type = metric.hasSum() ? "sum" : "gauge";
      this.unit = metric.getUnit();
      this.attributes = attributes(point.getAttributesList());
      this.value =
          point.getValueCase() == NumberDataPoint.ValueCase.AS_INT
              ? point.getAsInt()
              : point.getAsDouble();
      this.count = 0;
      this.bounds = List.of();
      this.bucketCounts = List.of();
      this.timeNanos = point.getTimeUnixNano();
    }

    PointView(Metric metric, HistogramDataPoint point, Map<String, Object> resource) {
      this.metric = metric.getName();
      this.resource = resource;
      this.type = "histogram";
      this.unit = metric.getUnit();
      this.attributes = attributes(point.getAttributesList());
      this.value = point.getSum();
      this.count = point.getCount();
      this.bounds = point.getExplicitBoundsList();
      this.bucketCounts = point.getBucketCountsList();
      this.timeNanos = point.getTimeUnixNano();
    }
  }

  /** A received log record. */
  public static final class LogView {
    public final String body;
    public final String eventName;
    public final String severity;
    public final String traceId;
    public final String spanId;
    public final Map<String, Object> attributes;

    LogView(LogRecord record) {
      this.body = record.getBody().getStringValue();
      this.eventName = record.getEventName();
      this.severity = record.getSeverityText();
      this.traceId = hex(record.getTraceId());
      this.spanId = hex(record.getSpanId());
      this.attributes = attributes(record.getAttributesList());
    }
  }

  synchronized void add(ExportTraceServiceRequest request, byte[] raw) {
    traces.add(request);
    rawRequests.computeIfAbsent("traces", k -> new ArrayList<>()).add(raw);
  }

  synchronized void add(ExportMetricsServiceRequest request, byte[] raw) {
    metrics.add(request);
    rawRequests.computeIfAbsent("metrics", k -> new ArrayList<>()).add(raw);
  }

  synchronized void add(ExportLogsServiceRequest request, byte[] raw) {
    logs.add(request);
    rawRequests.computeIfAbsent("logs", k -> new ArrayList<>()).add(raw);
  }

  public synchronized void clear() {
    traces.clear();
    metrics.clear();
    logs.clear();
    rawRequests.clear();
  }

  public synchronized List<SpanView> spans() {
    List<SpanView> spans = new ArrayList<>();
    for (ExportTraceServiceRequest request : traces) {
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        Map<String, Object> resource = attributes(resourceSpans.getResource().getAttributesList());
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
            spans.add(new SpanView(span, scopeSpans.getScope().getName(), resource));
          }
        }
      }
    }
    return spans;
  }

  /** Spans whose name starts with {@code prefix}, in arrival order. */
  public List<SpanView> spans(String prefix) {
    return spans().stream().filter(s -> s.name.startsWith(prefix)).collect(Collectors.toList());
  }

  /** The latest point of every series (metric, attributes, resource) of every metric. */
  public synchronized List<PointView> points() {
    Map<String, PointView> latest = new LinkedHashMap<>();
    for (ExportMetricsServiceRequest request : metrics) {
      for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
        Map<String, Object> resource =
            attributes(resourceMetrics.getResource().getAttributesList());
        for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
          for (Metric metric : scopeMetrics.getMetricsList()) {
            List<PointView> points = new ArrayList<>();
            metric
                .getSum()
                .getDataPointsList()
                .forEach(p -> points.add(new PointView(metric, p, resource)));
            metric
                .getGauge()
                .getDataPointsList()
                .forEach(p -> points.add(new PointView(metric, p, resource)));
            metric
                .getHistogram()
                .getDataPointsList()
                .forEach(p -> points.add(new PointView(metric, p, resource)));
            for (PointView point : points) {
              String key = point.metric + sorted(point.attributes) + sorted(resource);
              PointView previous = latest.get(key);
              if (previous == null || previous.timeNanos <= point.timeNanos) {
                latest.put(key, point);
              }
            }
          }
        }
      }
    }
    return new ArrayList<>(latest.values());
  }

  /** Every point of one metric in arrival order, one per series and export. */
  public synchronized List<PointView> pointHistory(String metric) {
    List<PointView> history = new ArrayList<>();
    for (ExportMetricsServiceRequest request : metrics) {
      for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
        Map<String, Object> resource =
            attributes(resourceMetrics.getResource().getAttributesList());
        for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
          for (Metric candidate : scopeMetrics.getMetricsList()) {
            if (candidate.getName().equals(metric)) {
              candidate
                  .getSum()
                  .getDataPointsList()
                  .forEach(p -> history.add(new PointView(candidate, p, resource)));
              candidate
                  .getGauge()
                  .getDataPointsList()
                  .forEach(p -> history.add(new PointView(candidate, p, resource)));
            }
          }
        }
      }
    }
    return history;
  }

  /** The latest points of one metric. */
  public List<PointView> points(String metric) {
    return points().stream().filter(p -> p.metric.equals(metric)).collect(Collectors.toList());
  }

  public List<String> metricNames() {
    return points().stream().map(p -> p.metric).distinct().sorted().collect(Collectors.toList());
  }

  public synchronized List<LogView> logs() {
    List<LogView> views = new ArrayList<>();
    for (ExportLogsServiceRequest request : logs) {
      for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
        for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
          scopeLogs.getLogRecordsList().forEach(record -> views.add(new LogView(record)));
        }
      }
    }
    return views;
  }

  /** Received requests, by signal, as protobuf messages (for writing OTLP JSON). */
  public synchronized Map<String, List<? extends Message>> requests() {
    Map<String, List<? extends Message>> requests = new LinkedHashMap<>();
    requests.put("traces", new ArrayList<>(traces));
    requests.put("metrics", new ArrayList<>(metrics));
    requests.put("logs", new ArrayList<>(logs));
    return requests;
  }

  /** The request bodies as received, by signal ({@code traces}, {@code metrics}, {@code logs}). */
  public synchronized Map<String, List<byte[]>> rawRequests() {
    return new LinkedHashMap<>(rawRequests);
  }

  private static TreeSet<String> sorted(Map<String, Object> attributes) {
    return attributes.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static Map<String, Object> attributes(List<KeyValue> keyValues) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (KeyValue keyValue : keyValues) {
      attributes.put(keyValue.getKey(), value(keyValue.getValue()));
    }
    return attributes;
  }

  private static Object value(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case ARRAY_VALUE:
        return value.getArrayValue().getValuesList().stream()
            .map(ReceivedTelemetry::value)
            .collect(Collectors.toList());
      case KVLIST_VALUE:
        return attributes(value.getKvlistValue().getValuesList());
      case BYTES_VALUE:
        return hex(value.getBytesValue());
      default:
        return null;
    }
  }

  static String hex(ByteString bytes) {
    StringBuilder out = new StringBuilder(bytes.size() * 2);
    for (byte b : bytes.toByteArray()) {
      out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return out.toString();
  }
}
