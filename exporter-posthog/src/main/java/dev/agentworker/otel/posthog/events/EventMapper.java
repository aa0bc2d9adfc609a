package dev.agentworker.otel.posthog.events;

import static dev.agentworker.otel.telemetry.AttributeKeys.COST_USD;
import static dev.agentworker.otel.telemetry.AttributeKeys.ERROR_TYPE;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_AGENT_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_CONVERSATION_ID;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_OPERATION_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_PROVIDER_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_REQUEST_MODEL;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_RESPONSE_MODEL;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_TOOL_CALL_ID;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_TOOL_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_SERVER_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.PROCESS_EXIT_CODE;
import static dev.agentworker.otel.telemetry.AttributeKeys.QUERY_MCP_SERVERS;
import static dev.agentworker.otel.telemetry.AttributeKeys.QUERY_TOOL_CALLS;
import static dev.agentworker.otel.telemetry.AttributeKeys.SANDBOX_MODE;
import static dev.agentworker.otel.telemetry.AttributeKeys.TOOL_KIND;
import static dev.agentworker.otel.telemetry.AttributeKeys.WORKSPACE_ID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentworker.otel.telemetry.Telemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the extension's spans into PostHog events: each query span ({@code invoke_agent ...})
 * becomes {@code agent_query_completed}, {@code $ai_trace} and, when usage was reported, {@code
 * $ai_generation}; each of its tool spans ({@code execute_tool ...}) becomes {@code $ai_span}.
 * Other spans give no event. The contract, with a sample of each event, is {@code docs/posthog.md}.
 */
public final class EventMapper {

  /** PostHog discards events over 1 MB after processing; stay well below. */
  public static final int MAX_EVENT_BYTES = 900 * 1024;

  static final String LIB = "agent-worker-otel";
  static final int MAX_STRING = 1000;
  static final int TRIMMED_STRING = 64;
  static final int MAX_ARRAY = 64;
  static final int TRIMMED_ARRAY = 8;

  /** RFC 3339 in UTC with milliseconds, always written out. */
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final String INVOKE_AGENT = "invoke_agent";
  private static final String EXECUTE_TOOL = "execute_tool";

  private final ObjectMapper json = new ObjectMapper();
  private final Set<EventType> types;
  private final String fixedDistinctId;
  private final int maxEventBytes;

  /** Counts events that stayed too large after trimming. */
  public interface Drops {
    void tooLarge(int events);
  }

  public EventMapper(Set<EventType> types, String fixedDistinctId) {
    this(types, fixedDistinctId, MAX_EVENT_BYTES);
  }

  EventMapper(Set<EventType> types, String fixedDistinctId, int maxEventBytes) {
    this.types = types;
    this.fixedDistinctId = fixedDistinctId;
    this.maxEventBytes = maxEventBytes;
  }

  /** The events of one span, in the order they are sent; empty for spans that are not ours. */
  public List<PostHogEvent> map(SpanData span, Drops drops) {
    List<PostHogEvent> events = new ArrayList<>(3);
    if (!span.getInstrumentationScopeInfo().getName().equals(Telemetry.SCOPE)
        || span.getAttributes().get(GEN_AI_PROVIDER_NAME) == null) {
      return events;
    }
    String operation = span.getAttributes().get(GEN_AI_OPERATION_NAME);
    if (INVOKE_AGENT.equals(operation)) {
      add(events, EventType.QUERY_COMPLETED, span, drops);
      add(events, EventType.AI_TRACE, span, drops);
      if (span.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS) != null) {
        add(events, EventType.AI_GENERATION, span, drops);
      }
    } else if (EXECUTE_TOOL.equals(operation) && span.getParentSpanContext().isValid()) {
      add(events, EventType.AI_SPAN, span, drops);
    }
    return events;
  }

  private void add(List<PostHogEvent> events, EventType type, SpanData span, Drops drops) {
    if (!types.contains(type)) {
      return;
    }
    String uuid = EventIds.uuid(span.getTraceId(), span.getSpanId(), type.eventName());
    byte[] bytes = serialize(envelope(type, span, uuid, MAX_STRING, MAX_ARRAY));
    if (bytes.length > maxEventBytes) {
      // Only identifiers and numbers are needed; long strings and lists are what make it big.
      bytes = serialize(envelope(type, span, uuid, TRIMMED_STRING, TRIMMED_ARRAY));
    }
    if (bytes.length > maxEventBytes) {
      drops.tooLarge(1);
      return;
    }
    events.add(new PostHogEvent(uuid, type.eventName(), bytes));
  }

  private ObjectNode envelope(
      EventType type, SpanData span, String uuid, int maxString, int maxArray) {
    Values values = new Values(span, maxString);
    String aiTraceId = aiTraceId(span, type);
    ObjectNode event = json.createObjectNode();
    event.put("event", type.eventName());
    event.put("distinct_id", fixedDistinctId != null ? fixedDistinctId : aiTraceId);
    event.put("uuid", uuid);
    event.put("timestamp", TIMESTAMP.format(Instant.EPOCH.plusNanos(span.getEndEpochNanos())));
    ObjectNode properties = event.putObject("properties");
    switch (type) {
      case QUERY_COMPLETED:
        queryCompleted(properties, span, values, maxArray);
        break;
      case AI_TRACE:
        aiTrace(properties, span, values, aiTraceId);
        break;
      case AI_GENERATION:
        aiGeneration(properties, span, values, aiTraceId);
        break;
      case AI_SPAN:
        aiSpan(properties, span, values, aiTraceId);
        break;
    }
    properties.put("$process_person_profile", false);
    properties.put("$geoip_disable", true);
    properties.put("$lib", LIB);
    properties.put("$lib_version", Telemetry.VERSION);
    return event;
  }

  /** The seed's properties, with its names and units, then the additions. */
  private static void queryCompleted(
      ObjectNode properties, SpanData span, Values values, int maxArray) {
    properties.put("provider", values.string(GEN_AI_AGENT_NAME));
    properties.put("duration_ms", durationNanos(span) / 1_000_000);
    properties.put("input_tokens", values.number(GEN_AI_USAGE_INPUT_TOKENS));
    properties.put("output_tokens", values.number(GEN_AI_USAGE_OUTPUT_TOKENS));
    Long tools = values.number(QUERY_TOOL_CALLS);
    properties.put("tools_used", tools == null ? 0 : tools);
    ArrayNode servers = properties.putArray("mcp_servers");
    List<String> names = span.getAttributes().get(QUERY_MCP_SERVERS);
    if (names != null) {
      for (int i = 0; i < names.size() && i < maxArray; i++) {
        servers.add(values.cut(names.get(i)));
      }
    }
    properties.put("error", values.string(ERROR_TYPE));
    properties.put("workspace_id", values.string(WORKSPACE_ID));
    properties.put("cached_input_tokens", values.number(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS));
    properties.put("model", values.model());
    properties.put("sandbox_mode", values.string(SANDBOX_MODE));
    properties.put("exit_code", values.number(PROCESS_EXIT_CODE));
    properties.put("conversation_id", values.string(GEN_AI_CONVERSATION_ID));
    properties.put("trace_id", span.getTraceId());
    properties.put("span_id", span.getSpanId());
    properties.put("gen_ai_provider", values.string(GEN_AI_PROVIDER_NAME));
    Double cost = span.getAttributes().get(COST_USD);
    if (cost != null) {
      properties.put("cost_usd", cost);
    }
  }

  private static void aiTrace(
      ObjectNode properties, SpanData span, Values values, String aiTraceId) {
    properties.put("$ai_trace_id", aiTraceId);
    properties.put("$ai_trace_name", values.cut(span.getName()));
    properties.put("$ai_span_name", values.cut(span.getName()));
    properties.put("$ai_latency", durationNanos(span) / 1e9);
    properties.put("$ai_provider", values.string(GEN_AI_PROVIDER_NAME));
    putIfPresent(properties, "$ai_model", values.model());
    putIfPresent(properties, "$ai_session_id", values.string(GEN_AI_CONVERSATION_ID));
    error(properties, values);
    properties.put("provider", values.string(GEN_AI_AGENT_NAME));
    putIfPresent(properties, "workspace_id", values.string(WORKSPACE_ID));
    properties.put("trace_id", span.getTraceId());
  }

  private static void aiGeneration(
      ObjectNode properties, SpanData span, Values values, String aiTraceId) {
    properties.put("$ai_trace_id", aiTraceId);
    properties.put("$ai_span_id", span.getSpanId() + "-model");
    properties.put("$ai_parent_id", aiTraceId);
    properties.put("$ai_span_name", values.model() == null ? "model" : values.model());
    properties.put("$ai_provider", values.string(GEN_AI_PROVIDER_NAME));
    putIfPresent(properties, "$ai_model", values.model());
    properties.put("$ai_input_tokens", values.number(GEN_AI_USAGE_INPUT_TOKENS));
    properties.put("$ai_output_tokens", values.number(GEN_AI_USAGE_OUTPUT_TOKENS));
    properties.put(
        "$ai_cache_read_input_tokens", values.number(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS));
    properties.put(
        "$ai_cache_creation_input_tokens", values.number(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS));
    properties.put("$ai_reasoning_tokens", values.number(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS));
    // The input tokens already include the cached ones (docs/telemetry.md).
    properties.put("$ai_cache_reporting_exclusive", false);
    properties.put("$ai_latency", durationNanos(span) / 1e9);
    Long tools = values.number(QUERY_TOOL_CALLS);
    properties.put("$ai_tool_call_count", tools == null ? 0 : tools);
    Double cost = span.getAttributes().get(COST_USD);
    if (cost != null) {
      properties.put("$ai_total_cost_usd", cost);
    }
    error(properties, values);
    properties.put("provider", values.string(GEN_AI_AGENT_NAME));
  }

  private static void aiSpan(
      ObjectNode properties, SpanData span, Values values, String aiTraceId) {
    properties.put("$ai_trace_id", aiTraceId);
    properties.put("$ai_span_id", span.getSpanId());
    properties.put("$ai_parent_id", aiTraceId);
    properties.put("$ai_span_name", values.string(GEN_AI_TOOL_NAME));
    properties.put("$ai_span_type", "tool");
    properties.put("$ai_latency", durationNanos(span) / 1e9);
    properties.put("$ai_provider", values.string(GEN_AI_PROVIDER_NAME));
    error(properties, values);
    properties.put("tool_kind", values.string(TOOL_KIND));
    putIfPresent(properties, "mcp_server", values.string(MCP_SERVER_NAME));
    putIfPresent(properties, "tool_call_id", values.string(GEN_AI_TOOL_CALL_ID));
  }

  private static void error(ObjectNode properties, Values values) {
    String error = values.string(ERROR_TYPE);
    properties.put("$ai_is_error", error != null);
    putIfPresent(properties, "$ai_error", error);
  }

  /**
   * One PostHog trace per query: the query span's trace and span ids. Tool spans are children of
   * the query span, so their parent span id gives the same value.
   */
  static String aiTraceId(SpanData span, EventType type) {
    String querySpanId =
        type == EventType.AI_SPAN ? span.getParentSpanContext().getSpanId() : span.getSpanId();
    return span.getTraceId() + "-" + querySpanId;
  }

  private static long durationNanos(SpanData span) {
    return Math.max(0, span.getEndEpochNanos() - span.getStartEpochNanos());
  }

  private static void putIfPresent(ObjectNode properties, String name, String value) {
    if (value != null) {
      properties.put(name, value);
    }
  }

  private byte[] serialize(ObjectNode event) {
    try {
      return json.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  /** Attribute values of a span, strings cut to a length. */
  private static final class Values {
    private final SpanData span;
    private final int maxString;

    Values(SpanData span, int maxString) {
      this.span = span;
      this.maxString = maxString;
    }

    String string(AttributeKey<String> key) {
      return cut(span.getAttributes().get(key));
    }

    Long number(AttributeKey<Long> key) {
      return span.getAttributes().get(key);
    }

    /** The model that answered, else the one asked for. */
    String model() {
      String response = string(GEN_AI_RESPONSE_MODEL);
      return response != null ? response : string(GEN_AI_REQUEST_MODEL);
    }

    String cut(String value) {
      if (value == null || value.length() <= maxString) {
        return value;
      }
      // Do not split a surrogate pair.
      int end = Character.isHighSurrogate(value.charAt(maxString - 1)) ? maxString - 1 : maxString;
      return value.substring(0, end);
    }
  }
}
