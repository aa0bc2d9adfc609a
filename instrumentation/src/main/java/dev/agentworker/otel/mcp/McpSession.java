package dev.agentworker.otel.mcp;

import dev.agentworker.otel.config.Settings;
import dev.agentworker.otel.json.Json;
import dev.agentworker.otel.json.JsonValues;
import dev.agentworker.otel.query.ErrorType;
import dev.agentworker.otel.telemetry.McpOperation;
import dev.agentworker.otel.telemetry.McpTracing;
import dev.agentworker.otel.telemetry.StartInstant;
import dev.agentworker.otel.telemetry.Telemetry;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One MCP server process as the worker's client talks to it over stdio: requests the worker writes
 * open spans that the matching responses end; the first answer marks the server started; the
 * process end closes what is still open and tells the lifecycle history whether the server crashed.
 * All entry points are synchronized, do no I/O and never throw on any input.
 */
public final class McpSession {

  /** Requests waiting for an answer beyond this are not traced, so memory stays bounded. */
  static final int MAX_PENDING = 4096;

  static final String ERROR_TOOL = ErrorType.TOOL_ERROR.value();
  static final String ERROR_SERVER_EXITED = ErrorType.SERVER_EXITED.value();
  static final String ERROR_CANCELLED = ErrorType.CANCELLED.value();
  static final String ERROR_OTHER = ErrorType.OTHER.value();

  private static final int MAX_NAME_LENGTH = 128;

  private final String key;
  private final Telemetry telemetry;
  private final McpServers servers;
  private final Settings.McpSettings settings;
  private final StartInstant spawn;
  private final Map<String, Pending> pending = new LinkedHashMap<>();

  private String serverName;
  private String protocolVersion;
  private boolean ready;
  private boolean startupRecorded;
  private boolean clientClosed;
  private boolean ended;

  private static final class Pending {
    final String method;
    final String toolName;
    final String promptName;
    final McpTracing.RequestSpan span;
    final long startNanoTime;

    Pending(
        String method,
        String toolName,
        String promptName,
        McpTracing.RequestSpan span,
        long startNanoTime) {
      this.method = method;
      this.toolName = toolName;
      this.promptName = promptName;
      this.span = span;
      this.startNanoTime = startNanoTime;
    }
  }

  /**
   * @param key the command line, which identifies the server across restarts
   * @param fallbackName the name used until the server reports its own
   */
  public McpSession(
      String key,
      String fallbackName,
      StartInstant spawn,
      Telemetry telemetry,
      McpServers servers,
      Settings.McpSettings settings) {
    this.key = key;
    this.telemetry = telemetry;
    this.servers = servers;
    this.settings = settings;
    this.spawn = spawn;
    String known = servers.knownName(key);
    this.serverName = known != null ? known : fallbackName;
    servers.started(key, serverName);
  }

  /** Whether a client's first line opens an MCP session (see {@link JsonRpc#opensMcpSession}). */
  public static boolean opensSession(Object parsed) {
    Map<String, Object> message = JsonValues.asObject(parsed);
    return message != null && JsonRpc.opensMcpSession(message);
  }

  /**
   * A line the worker is about to send, parsed as JSON (an object or a batch array). Called before
   * the line's last bytes reach the server, so the response cannot overtake it.
   *
   * @param replaceable whether none of the line has been sent yet, so it may be replaced
   * @return the line to send instead (with trace context in {@code _meta}), or null to send it
   *     unchanged
   */
  public synchronized byte[] onClientLine(
      Object parsed, byte[] line, int length, boolean replaceable) {
    if (ended) {
      return null;
    }
    Map<String, Object> message = JsonValues.asObject(parsed);
    if (message != null) {
      return clientMessage(message, line, length, replaceable);
    }
    if (parsed instanceof List) {
      for (Object element : (List<?>) parsed) {
        Map<String, Object> item = JsonValues.asObject(element);
        if (item != null) {
          clientMessage(item, null, 0, false);
        }
      }
    }
    return null;
  }

  /** A line the server wrote, parsed as JSON (an object or a batch array). */
  public synchronized void onServerLine(Object parsed, byte[] line, int length) {
    if (ended) {
      return;
    }
    Map<String, Object> message = JsonValues.asObject(parsed);
    if (message != null) {
      serverMessage(message, line, length);
    } else if (parsed instanceof List) {
      for (Object element : (List<?>) parsed) {
        Map<String, Object> item = JsonValues.asObject(element);
        if (item != null) {
          serverMessage(item, null, 0);
        }
      }
    }
  }

  /**
   * A server line too long to keep: its beginning still names the request it answers when {@code
   * id} comes before the result, as every SDK writes it; that request ends without its result.
   */
  public synchronized void onOversizedServerLine(byte[] prefix, int offset, int length) {
    if (ended || pending.isEmpty()) {
      return;
    }
    byte[] head = new byte[length];
    System.arraycopy(prefix, offset, head, 0, length);
    int top = RawJson.objectStart(head, length);
    int idStart = top < 0 ? -1 : RawJson.memberValue(head, length, top, "id");
    int idEnd = RawJson.valueEnd(head, length, idStart);
    if (idEnd < 0) {
      return;
    }
    Object id = Json.parse(new String(head, idStart, idEnd - idStart, StandardCharsets.UTF_8));
    String idKey = JsonRpc.idKey(id);
    Pending request = idKey == null ? null : pending.remove(idKey);
    if (request != null) {
      end(request, null, null, null);
    }
  }

  /** A server line that was not JSON-RPC, by skip reason. */
  public synchronized void onSkippedServerLine(String reason) {
    telemetry.mcpMetrics().recordSkippedLines(serverName, reason, 1);
  }

  /** The worker closed the server's stdin or destroyed the process: an exit now is no crash. */
  public synchronized void onClientClosed() {
    clientClosed = true;
  }

  /**
   * The process exited and its stdout has been read to the end (or the drain time ran out).
   * Requests still open end as errors; an exit the worker did not ask for is a crash.
   */
  public synchronized void onProcessEnded(int exitCode) {
    if (ended) {
      return;
    }
    ended = true;
    boolean hadPending = !pending.isEmpty();
    String abandoned = clientClosed ? ERROR_CANCELLED : ERROR_SERVER_EXITED;
    for (Pending request : new ArrayList<>(pending.values())) {
      end(request, abandoned, null, null);
    }
    pending.clear();
    if (!startupRecorded) {
      startupFailed(abandoned);
    }
    boolean crashed = !clientClosed && (exitCode != 0 || hadPending || !ready);
    if (crashed) {
      servers.crashed(key, serverName, System.nanoTime());
    }
    telemetry
        .mcpMetrics()
        .recordSession(
            serverName,
            protocolVersion,
            spawn.secondsSince(),
            crashed ? ERROR_SERVER_EXITED : null);
  }

  /** The server's name: from its {@code serverInfo} once it has answered, else the fallback. */
  public synchronized String serverName() {
    return serverName;
  }

  private byte[] clientMessage(
      Map<String, Object> message, byte[] line, int length, boolean replaceable) {
    if (JsonRpc.isRequest(message)) {
      return startRequest(message, line, length, replaceable);
    }
    if (JsonRpc.isNotification(message)
        && JsonRpc.NOTIFICATION_CANCELLED.equals(JsonRpc.method(message))) {
      String idKey =
          JsonRpc.idKey(
              JsonRpc.params(message) == null ? null : JsonRpc.params(message).get("requestId"));
      Pending request = idKey == null ? null : pending.remove(idKey);
      if (request != null) {
        end(request, ERROR_CANCELLED, null, null);
      }
    }
    return null;
  }

  private byte[] startRequest(
      Map<String, Object> message, byte[] line, int length, boolean replaceable) {
    Object id = message.get("id");
    String idKey = JsonRpc.idKey(id);
    if (pending.containsKey(idKey) || pending.size() >= MAX_PENDING) {
      return null;
    }
    String method = JsonRpc.method(message);
    String version = JsonValues.string(JsonRpc.meta(message), JsonRpc.META_PROTOCOL_VERSION);
    if (version != null) {
      protocolVersion = version;
    }
    String target = JsonRpc.target(method, message);
    String toolName = JsonRpc.METHOD_TOOLS_CALL.equals(method) ? target : null;
    String promptName = JsonRpc.METHOD_PROMPTS_GET.equals(method) ? target : null;
    String resourceUri =
        method.startsWith("resources/") ? JsonValues.string(JsonRpc.params(message), "uri") : null;
    String arguments =
        toolName != null && line != null && settings.captureContent()
            ? content(line, length, "params", "arguments")
            : null;
    Context parent = Context.current();
    McpOperation request =
        new McpOperation(method, toolName, promptName, null, protocolVersion, null, null);
    McpTracing.RequestSpan span =
        telemetry
            .mcpTracing()
            .startRequest(
                parent, request, JsonRpc.idText(id), resourceUri, arguments, spawn.epochNanosNow());
    pending.put(idKey, new Pending(method, toolName, promptName, span, System.nanoTime()));
    if (replaceable && line != null && settings.propagateTraceContext()) {
      return MetaInjector.inject(line, length, message, parent.with(span.span()));
    }
    return null;
  }

  private void serverMessage(Map<String, Object> message, byte[] line, int length) {
    if (!JsonRpc.isResponse(message)) {
      return;
    }
    Pending request = pending.remove(JsonRpc.idKey(message.get("id")));
    if (request == null) {
      return;
    }
    String errorType = null;
    String statusCode = null;
    Map<String, Object> result = JsonValues.object(message, "result");
    if (message.get("error") != null) {
      Long code = JsonValues.integer(JsonValues.object(message, "error"), "code");
      statusCode = code == null ? null : Long.toString(code);
      errorType = statusCode == null ? ERROR_OTHER : statusCode;
    } else if (JsonValues.isTrue(result, "isError")) {
      errorType = ERROR_TOOL;
    }

    boolean initialize = JsonRpc.METHOD_INITIALIZE.equals(request.method);
    if (initialize && result != null) {
      String version = JsonValues.string(result, "protocolVersion");
      if (version != null) {
        protocolVersion = version;
      }
      learnName(JsonValues.object(result, "serverInfo"));
    } else if (result != null) {
      learnName(JsonValues.object(JsonValues.object(result, "_meta"), JsonRpc.META_SERVER_INFO));
    }
    if (!startupRecorded) {
      if (initialize) {
        if (statusCode == null && result != null) {
          started();
        } else {
          startupFailed(errorType);
        }
      } else if (statusCode == null) {
        // The 2026-07-28 protocol has no handshake: the first answer shows the server is up.
        started();
      }
    }
    String captured =
        request.toolName != null && line != null && settings.captureContent()
            ? content(line, length, "result", null)
            : null;
    end(request, errorType, statusCode, captured);
  }

  private void learnName(Map<String, Object> serverInfo) {
    String name = JsonValues.string(serverInfo, "name");
    if (name != null && !name.trim().isEmpty()) {
      String trimmed = name.trim();
      serverName =
          trimmed.length() > MAX_NAME_LENGTH ? trimmed.substring(0, MAX_NAME_LENGTH) : trimmed;
    }
  }

  private void started() {
    ready = true;
    startupRecorded = true;
    telemetry.mcpMetrics().recordStartup(serverName, spawn.secondsSince(), null);
    servers.healthy(key, serverName);
  }

  private void startupFailed(String errorType) {
    startupRecorded = true;
    telemetry.mcpMetrics().recordStartup(serverName, spawn.secondsSince(), errorType);
    servers.startFailed(key, serverName);
  }

  private void end(Pending request, String errorType, String statusCode, String result) {
    McpOperation outcome =
        new McpOperation(
            request.method,
            request.toolName,
            request.promptName,
            serverName,
            protocolVersion,
            errorType,
            statusCode);
    telemetry.mcpTracing().endRequest(request.span, outcome, result, spawn.epochNanosNow());
    telemetry
        .mcpMetrics()
        .recordOperation(outcome, StartInstant.secondsSince(request.startNanoTime));
  }

  /** The raw JSON of {@code member} (or of {@code member.child}), cut to the configured size. */
  private String content(byte[] line, int length, String member, String child) {
    int top = RawJson.objectStart(line, length);
    int start = top < 0 ? -1 : RawJson.memberValue(line, length, top, member);
    if (child != null && start >= 0) {
      start = line[start] == '{' ? RawJson.memberValue(line, length, start, child) : -1;
    }
    int end = RawJson.valueEnd(line, length, start);
    if (end < 0) {
      return null;
    }
    int size = Math.min(end - start, settings.contentMaxBytes());
    return new String(line, start, size, StandardCharsets.UTF_8);
  }
}
