package dev.agentworker.otel.posthog.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentworker.otel.posthog.QuerySpans;
import dev.agentworker.otel.query.ErrorType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final EventMapper mapper = new EventMapper(EnumSet.allOf(EventType.class), null);
  private final AtomicInteger tooLarge = new AtomicInteger();

  private List<JsonNode> events(SpanData span) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (PostHogEvent event : mapper.map(span, tooLarge::addAndGet)) {
      events.add(JSON.readTree(event.json()));
    }
    return events;
  }

  private Map<String, JsonNode> byName(SpanData span) throws IOException {
    Map<String, JsonNode> events = new LinkedHashMap<>();
    for (JsonNode event : events(span)) {
      events.put(event.path("event").asText(), event);
    }
    return events;
  }

  /** The JSON blocks of docs/posthog.md under "### `<event>`", in order. */
  private static Map<String, JsonNode> documentedSamples() throws IOException {
    List<String> lines =
        Files.readAllLines(Paths.get(System.getProperty("docs.dir"), "posthog.md"));
    Map<String, JsonNode> samples = new LinkedHashMap<>();
    String heading = null;
    StringBuilder block = null;
    for (String line : lines) {
      if (line.startsWith("### `")) {
        heading = line.substring(5, line.indexOf('`', 5));
      } else if (line.equals("```json") && heading != null) {
        block = new StringBuilder();
      } else if (line.equals("```") && block != null) {
        samples.put(heading, JSON.readTree(block.toString()));
        block = null;
        heading = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return samples;
  }

  @Test
  void theDocumentedSamplesAreExactlyWhatIsSent() throws IOException {
    Map<String, JsonNode> sent = byName(QuerySpans.codexQuery(null));
    sent.putAll(byName(QuerySpans.codexTool(null)));

    Map<String, JsonNode> documented = documentedSamples();
    assertThat(documented.keySet())
        .containsExactly("agent_query_completed", "$ai_trace", "$ai_generation", "$ai_span");
    for (Map.Entry<String, JsonNode> sample : documented.entrySet()) {
      assertThat(sent.get(sample.getKey())).as(sample.getKey()).isEqualTo(sample.getValue());
    }
    // Properties in the documented order, seed properties first.
    List<String> names = new ArrayList<>();
    sent.get("agent_query_completed").path("properties").fieldNames().forEachRemaining(names::add);
    assertThat(names.subList(0, 8))
        .containsExactly(
            "provider",
            "duration_ms",
            "input_tokens",
            "output_tokens",
            "tools_used",
            "mcp_servers",
            "error",
            "workspace_id");
  }

  @Test
  void everyQueryErrorKindIsTheErrorOfEachEvent() throws IOException {
    for (ErrorType type : ErrorType.ofScope(ErrorType.Scope.QUERY)) {
      Map<String, JsonNode> events = byName(QuerySpans.codexQuery(type.value()));
      assertThat(events.get("agent_query_completed").path("properties").path("error").asText())
          .isEqualTo(type.value());
      for (String name : List.of("$ai_trace", "$ai_generation")) {
        JsonNode properties = events.get(name).path("properties");
        assertThat(properties.path("$ai_is_error").asBoolean()).as(name).isTrue();
        assertThat(properties.path("$ai_error").asText()).as(name).isEqualTo(type.value());
      }
    }
    JsonNode success = byName(QuerySpans.codexQuery(null)).get("$ai_trace").path("properties");
    assertThat(success.path("$ai_is_error").asBoolean()).isFalse();
    assertThat(success.has("$ai_error")).isFalse();
  }

  @Test
  void claudeQueriesCarryTheirReportedCostAndTheAnsweringModel() throws IOException {
    Map<String, JsonNode> events = byName(QuerySpans.claudeQuery(null));

    JsonNode completed = events.get("agent_query_completed").path("properties");
    assertThat(completed.path("provider").asText()).isEqualTo("claude-code");
    assertThat(completed.path("gen_ai_provider").asText()).isEqualTo("anthropic");
    assertThat(completed.path("duration_ms").asLong()).isEqualTo(2500);
    assertThat(completed.path("model").asText()).isEqualTo("claude-sonnet-4-6");
    assertThat(completed.path("cost_usd").asDouble()).isEqualTo(0.0123);
    assertThat(completed.path("mcp_servers").isArray()).isTrue();
    assertThat(completed.path("mcp_servers")).isEmpty();
    assertThat(completed.path("workspace_id").isNull()).isTrue();
    JsonNode generation = events.get("$ai_generation").path("properties");
    assertThat(generation.path("$ai_total_cost_usd").asDouble()).isEqualTo(0.0123);
    assertThat(generation.path("$ai_model").asText()).isEqualTo("claude-sonnet-4-6");
    assertThat(generation.path("$ai_cache_creation_input_tokens").asLong()).isEqualTo(500);
  }

  @Test
  void aQueryThatNeverRanHasNoUsageAndNoGeneration() throws IOException {
    Map<String, JsonNode> events = byName(QuerySpans.binaryNotFound());

    assertThat(events).containsOnlyKeys("agent_query_completed", "$ai_trace");
    JsonNode completed = events.get("agent_query_completed").path("properties");
    assertThat(completed.path("input_tokens").isNull()).isTrue();
    assertThat(completed.path("output_tokens").isNull()).isTrue();
    assertThat(completed.path("exit_code").isNull()).isTrue();
    assertThat(completed.path("error").asText()).isEqualTo("binary_not_found");
  }

  @Test
  void uuidsAreStablePerSpanAndEventAndDistinctAcrossEvents() throws IOException {
    List<String> first = new ArrayList<>();
    for (JsonNode event : events(QuerySpans.codexQuery(null))) {
      first.add(event.path("uuid").asText());
    }
    List<String> again = new ArrayList<>();
    for (JsonNode event : events(QuerySpans.codexQuery("auth"))) {
      again.add(event.path("uuid").asText());
    }
    assertThat(again).isEqualTo(first);
    assertThat(first).doesNotHaveDuplicates().hasSize(3);
    for (String uuid : first) {
      assertThat(UUID.fromString(uuid).version()).isEqualTo(5);
      assertThat(UUID.fromString(uuid).variant()).isEqualTo(2);
    }
  }

  @Test
  void spansThatAreNotQueriesOrTheirToolsGiveNoEvent() throws IOException {
    SpanData worker =
        TestSpanData.builder()
            .setName("handle request")
            .setKind(io.opentelemetry.api.trace.SpanKind.INTERNAL)
            .setSpanContext(QuerySpans.codexQuery(null).getParentSpanContext())
            .setStartEpochNanos(1)
            .setEndEpochNanos(2)
            .setHasEnded(true)
            .setStatus(io.opentelemetry.sdk.trace.data.StatusData.unset())
            .build();
    // The worker's own MCP stdio call: ours, but no provider and no query.
    SpanData stdioCall =
        TestSpanData.builder()
            .setInstrumentationScopeInfo(QuerySpans.codexTool(null).getInstrumentationScopeInfo())
            .setName("tools/call echo")
            .setKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
            .setSpanContext(QuerySpans.codexTool(null).getSpanContext())
            .setParentSpanContext(QuerySpans.codexQuery(null).getParentSpanContext())
            .setAttributes(
                Attributes.builder()
                    .put("gen_ai.operation.name", "execute_tool")
                    .put("mcp.method.name", "tools/call")
                    .build())
            .setStartEpochNanos(1)
            .setEndEpochNanos(2)
            .setHasEnded(true)
            .setStatus(io.opentelemetry.sdk.trace.data.StatusData.unset())
            .build();

    assertThat(events(worker)).isEmpty();
    assertThat(events(stdioCall)).isEmpty();
  }

  @Test
  void onlyTheChosenEventsAndAFixedDistinctId() throws IOException {
    EventMapper chosen = new EventMapper(EnumSet.of(EventType.QUERY_COMPLETED), "worker-7");
    List<PostHogEvent> events = chosen.map(QuerySpans.codexQuery(null), tooLarge::addAndGet);

    assertThat(events).extracting(PostHogEvent::name).containsExactly("agent_query_completed");
    assertThat(JSON.readTree(events.get(0).json()).path("distinct_id").asText())
        .isEqualTo("worker-7");
    assertThat(chosen.map(QuerySpans.codexTool(null), tooLarge::addAndGet)).isEmpty();
  }

  @Test
  void anOversizedEventIsTrimmedOfLongValuesOrDroppedAndCounted() throws IOException {
    SpanData huge =
        TestSpanData.builder()
            .setInstrumentationScopeInfo(QuerySpans.codexQuery(null).getInstrumentationScopeInfo())
            .setName("invoke_agent codex")
            .setKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
            .setSpanContext(QuerySpans.codexQuery(null).getSpanContext())
            .setAttributes(
                QuerySpans.codexQuery(null).getAttributes().toBuilder()
                    .put("agent_worker.workspace.id", "w".repeat(5000))
                    .build())
            .setStartEpochNanos(1)
            .setEndEpochNanos(2)
            .setHasEnded(true)
            .setStatus(io.opentelemetry.sdk.trace.data.StatusData.unset())
            .build();

    EventMapper small = new EventMapper(EnumSet.of(EventType.QUERY_COMPLETED), null, 1500);
    List<PostHogEvent> trimmed = small.map(huge, tooLarge::addAndGet);
    assertThat(trimmed).hasSize(1);
    assertThat(trimmed.get(0).json().length).isLessThanOrEqualTo(1500);
    assertThat(
            JSON.readTree(trimmed.get(0).json()).path("properties").path("workspace_id").asText())
        .isEqualTo("w".repeat(EventMapper.TRIMMED_STRING));
    assertThat(tooLarge.get()).isZero();

    EventMapper tiny = new EventMapper(EnumSet.of(EventType.QUERY_COMPLETED), null, 200);
    assertThat(tiny.map(huge, tooLarge::addAndGet)).isEmpty();
    assertThat(tooLarge.get()).isEqualTo(1);

    // Without a limit problem, strings are cut at MAX_STRING.
    JsonNode normal = JSON.readTree(mapper.map(huge, tooLarge::addAndGet).get(0).json());
    assertThat(normal.path("properties").path("workspace_id").asText())
        .hasSize(EventMapper.MAX_STRING);
  }

  /** Prints the events of the documented spans, to refresh docs/posthog.md by hand. */
  public static void main(String[] args) throws IOException {
    EventMapperTest test = new EventMapperTest();
    for (SpanData span : List.of(QuerySpans.codexQuery(null), QuerySpans.codexTool(null))) {
      for (JsonNode event : test.events(span)) {
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event));
      }
    }
  }
}
