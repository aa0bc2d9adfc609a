package dev.agentworker.otel.mcp;

import dev.agentworker.otel.json.JsonValues;
import dev.agentworker.otel.json.JsonWriter;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds {@code traceparent} (and {@code tracestate}) to {@code params._meta} of a request line, the
 * keys MCP reserves for W3C trace context. Only inserts: every byte of the original line stays as
 * it was, in order. Nothing is added when the caller set {@code traceparent} itself, when {@code
 * params} or {@code _meta} is not an object, or when the line cannot be navigated safely.
 */
final class MetaInjector {

  static final String TRACEPARENT = "traceparent";
  static final String TRACESTATE = "tracestate";

  private MetaInjector() {}

  /**
   * Returns the line with the context inserted, or null to send it unchanged.
   *
   * @param message the parsed line, used to decide what to insert
   */
  static byte[] inject(byte[] line, int length, Map<String, Object> message, Context context) {
    Map<String, String> carrier = new HashMap<>();
    W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
    String traceparent = carrier.get(TRACEPARENT);
    if (traceparent == null || !(message.get("params") instanceof Map)) {
      return null;
    }
    Map<String, Object> params = JsonRpc.params(message);
    Object meta = params.get("_meta");
    if (meta != null && !(meta instanceof Map)) {
      return null;
    }
    Map<String, Object> metaObject = JsonValues.asObject(meta);
    if (metaObject != null && metaObject.containsKey(TRACEPARENT)) {
      return null;
    }
    String tracestate = carrier.get(TRACESTATE);
    if (metaObject != null && metaObject.containsKey(TRACESTATE)) {
      tracestate = null;
    }

    int top = RawJson.objectStart(line, length);
    int paramsStart = top < 0 ? -1 : RawJson.memberValue(line, length, top, "params");
    if (paramsStart < 0 || line[paramsStart] != '{') {
      return null;
    }
    StringBuilder members = new StringBuilder(96);
    members.append('"').append(TRACEPARENT).append("\":").append(JsonWriter.quoted(traceparent));
    if (tracestate != null) {
      members.append(",\"").append(TRACESTATE).append("\":").append(JsonWriter.quoted(tracestate));
    }
    int insertAt;
    String insertion;
    if (metaObject == null) {
      insertAt = paramsStart + 1;
      boolean empty = RawJson.isEmptyContainer(line, length, paramsStart);
      insertion = "\"_meta\":{" + members + "}" + (empty ? "" : ",");
    } else {
      int metaStart = RawJson.memberValue(line, length, paramsStart, "_meta");
      if (metaStart < 0 || line[metaStart] != '{') {
        return null;
      }
      insertAt = metaStart + 1;
      boolean empty = RawJson.isEmptyContainer(line, length, metaStart);
      insertion = members + (empty ? "" : ",");
    }
    byte[] inserted = insertion.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + inserted.length);
    out.write(line, 0, insertAt);
    out.write(inserted, 0, inserted.length);
    out.write(line, insertAt, length - insertAt);
    return out.toByteArray();
  }
}
