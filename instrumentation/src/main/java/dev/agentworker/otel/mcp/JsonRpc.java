package dev.agentworker.otel.mcp;

import dev.agentworker.otel.json.JsonValues;
import java.util.Map;

/**
 * JSON-RPC 2.0 message shapes as MCP uses them on stdio. Ids are opaque JSON values (the Java SDK
 * sends strings, other SDKs numbers), so a string id and a number id never match each other.
 */
final class JsonRpc {

  static final String METHOD_INITIALIZE = "initialize";
  static final String METHOD_DISCOVER = "server/discover";
  static final String METHOD_TOOLS_CALL = "tools/call";
  static final String METHOD_PROMPTS_GET = "prompts/get";
  static final String NOTIFICATION_CANCELLED = "notifications/cancelled";

  /** The 2026-07-28 protocol carries the version in every request's {@code _meta}. */
  static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

  static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

  private JsonRpc() {}

  static String method(Map<String, Object> message) {
    return JsonValues.string(message, "method");
  }

  static boolean hasId(Map<String, Object> message) {
    Object id = message.get("id");
    return id instanceof String || id instanceof Number;
  }

  /** A request: a method and an id. */
  static boolean isRequest(Map<String, Object> message) {
    return method(message) != null && hasId(message);
  }

  /** A notification: a method and no id. */
  static boolean isNotification(Map<String, Object> message) {
    return method(message) != null && !message.containsKey("id");
  }

  /** A response: an id, no method, and a result or an error. */
  static boolean isResponse(Map<String, Object> message) {
    return method(message) == null
        && hasId(message)
        && (message.containsKey("result") || message.containsKey("error"));
  }

  /** The key under which a request waits for its response. */
  static String idKey(Object id) {
    if (id instanceof String) {
      return "s:" + id;
    }
    if (id instanceof Number) {
      return "n:" + idText(id);
    }
    return null;
  }

  /** The id in string form, as {@code jsonrpc.request.id} records it. */
  static String idText(Object id) {
    if (id instanceof Double && Math.rint((Double) id) == (Double) id) {
      return Long.toString(((Double) id).longValue());
    }
    return String.valueOf(id);
  }

  static Map<String, Object> params(Map<String, Object> message) {
    return JsonValues.object(message, "params");
  }

  static Map<String, Object> meta(Map<String, Object> message) {
    return JsonValues.object(params(message), "_meta");
  }

  /**
   * Whether a client's first message opens an MCP session: a legacy {@code initialize} with a
   * protocol version, the 2026-07-28 discovery call, or a request carrying that protocol's {@code
   * _meta} version. Other JSON-RPC dialects that also start with {@code initialize} (such as {@code
   * codex app-server}, which omits the {@code jsonrpc} member) are not taken for MCP.
   */
  static boolean opensMcpSession(Map<String, Object> message) {
    if (!"2.0".equals(message.get("jsonrpc")) || !isRequest(message)) {
      return false;
    }
    String method = method(message);
    if (METHOD_INITIALIZE.equals(method)) {
      return JsonValues.string(params(message), "protocolVersion") != null;
    }
    return METHOD_DISCOVER.equals(method)
        || JsonValues.string(meta(message), META_PROTOCOL_VERSION) != null;
  }

  /** The span target of a request: the tool or prompt name, else null. */
  static String target(String method, Map<String, Object> message) {
    if (METHOD_TOOLS_CALL.equals(method) || METHOD_PROMPTS_GET.equals(method)) {
      return JsonValues.string(params(message), "name");
    }
    return null;
  }
}
