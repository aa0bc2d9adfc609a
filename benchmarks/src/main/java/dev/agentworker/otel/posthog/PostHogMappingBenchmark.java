package dev.agentworker.otel.posthog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentworker.otel.posthog.events.EventMapper;
import dev.agentworker.otel.posthog.events.EventType;
import dev.agentworker.otel.posthog.events.PostHogEvent;
import dev.agentworker.otel.posthog.transport.Batches;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the PostHog exporter costs per query span, as ratios within one run:
 *
 * <ul>
 *   <li>{@code attributesAsJson}, the baseline: Jackson writing the span's attributes as one flat
 *       object, the least any JSON exporter does;
 *   <li>{@code mapQuery}: the three events of a query span ({@code agent_query_completed}, {@code
 *       $ai_trace}, {@code $ai_generation}), uuids included;
 *   <li>{@code requestBody}: 100 query spans mapped, assembled into one {@code /batch/} body and
 *       gzipped, what one request costs the sender thread (per span: divide by 100).
 * </ul>
 *
 * {@link #main} prints the bytes per event. See {@code docs/performance.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PostHogMappingBenchmark {

  private static final EventMapper.Drops NO_DROPS = count -> {};

  private final ObjectMapper json = new ObjectMapper();
  private final EventMapper mapper = new EventMapper(EnumSet.allOf(EventType.class), null);
  private SpanData query;
  private List<SpanData> hundred;

  @Setup
  public void setUp() {
    query = querySpan(1);
    hundred = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      hundred.add(querySpan(i + 1));
    }
  }

  @Benchmark
  public byte[] attributesAsJson() throws IOException {
    Map<String, Object> flat = new LinkedHashMap<>();
    query.getAttributes().forEach((key, value) -> flat.put(key.getKey(), value));
    return json.writeValueAsBytes(flat);
  }

  @Benchmark
  public List<PostHogEvent> mapQuery() {
    return mapper.map(query, NO_DROPS);
  }

  @Benchmark
  public byte[] requestBody() throws IOException {
    List<PostHogEvent> events = new ArrayList<>(300);
    for (SpanData span : hundred) {
      events.addAll(mapper.map(span, NO_DROPS));
    }
    return gzip(Batches.body("phc_benchmark", "2026-12-03T10:00:00.000Z", events));
  }

  static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4);
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(body);
    }
    return out.toByteArray();
  }

  /** The recorded Codex tool-calling query (the exporter tests' fixture), as query {@code n}. */
  static SpanData querySpan(int n) {
    return QuerySpans.codexQuery(null, String.format("%016x", n));
  }

  /** Bytes per event and per request, which do not vary between runs. */
  public static void main(String[] args) throws IOException {
    PostHogMappingBenchmark benchmark = new PostHogMappingBenchmark();
    benchmark.setUp();
    for (PostHogEvent event : benchmark.mapQuery()) {
      System.out.printf("%-22s %4d bytes%n", event.name(), event.json().length);
    }
    List<PostHogEvent> events = new ArrayList<>();
    for (SpanData span : benchmark.hundred) {
      events.addAll(benchmark.mapper.map(span, NO_DROPS));
    }
    byte[] body = Batches.body("phc_benchmark", "2026-12-03T10:00:00.000Z", events);
    System.out.printf(
        "request of %d events: %d bytes, %d gzipped (%.0f bytes per event gzipped)%n",
        events.size(), body.length, gzip(body).length, gzip(body).length / (double) events.size());
  }
}
