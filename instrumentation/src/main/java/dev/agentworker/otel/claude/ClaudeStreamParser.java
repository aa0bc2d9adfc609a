package dev.agentworker.otel.claude;

import static dev.agentworker.otel.json.JsonValues.array;
import static dev.agentworker.otel.json.JsonValues.asObject;
import static dev.agentworker.otel.json.JsonValues.count;
import static dev.agentworker.otel.json.JsonValues.integer;
import static dev.agentworker.otel.json.JsonValues.isTrue;
import static dev.agentworker.otel.json.JsonValues.number;
import static dev.agentworker.otel.json.JsonValues.object;
import static dev.agentworker.otel.json.JsonValues.string;

import dev.agentworker.otel.query.ErrorType;
import dev.agentworker.otel.query.OpenToolCalls;
import dev.agentworker.otel.query.QueryFacts;
import dev.agentworker.otel.query.StreamParser;
import dev.agentworker.otel.query.ToolCall;
import dev.agentworker.otel.query.ToolCallListener;
import dev.agentworker.otel.query.Usage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses Claude Code {@code --output-format stream-json} messages: {@code system/init} (session,
 * model, permission mode, MCP server status), {@code assistant} (model, usage, {@code tool_use}
 * blocks, API errors), {@code user} ({@code tool_result} blocks) and {@code result}.
 *
 * <p>Anthropic's {@code input_tokens} excludes cache reads and writes; the semantic-convention
 * input total adds both. Totals come from {@code result.usage}; a stream that ends without a result
 * sums assistant usage counting each {@code message.id} once, because one API response is split
 * into several assistant messages that repeat the same usage.
 */
public final class ClaudeStreamParser implements StreamParser {

  static final int MAX_MESSAGE_IDS = 4096;
  private static final String MCP_PREFIX = "mcp__";
  private static final String SYNTHETIC_MODEL = "<synthetic>";

  private final QueryFacts facts = new QueryFacts();
  private final OpenToolCalls openCalls;
  private final Set<String> seenToolIds = new HashSet<>();
  private final Set<String> countedMessageIds = new HashSet<>();
  private final List<String> mcpServerNames = new ArrayList<>();
  private Usage assistantUsage;
  private boolean resultSeen;

  public ClaudeStreamParser(ToolCallListener listener) {
    this.openCalls = new OpenToolCalls(listener);
  }

  @Override
  public QueryFacts facts() {
    return facts;
  }

  @Override
  public void onEvent(Map<String, Object> event) {
    facts.addEvent();
    String type = string(event, "type");
    if (type == null || resultSeen) {
      return;
    }
    switch (type) {
      case "system":
        if ("init".equals(string(event, "subtype"))) {
          onInit(event);
        }
        break;
      case "assistant":
        onAssistant(event);
        break;
      case "user":
        onUser(object(event, "message"));
        break;
      case "result":
        onResult(event);
        break;
      default:
        // stream_event, rate_limit_event, control messages and future types are not needed.
    }
  }

  @Override
  public void finishOpenCalls() {
    openCalls.interruptAll();
  }

  private void onInit(Map<String, Object> init) {
    facts.setConversationId(string(init, "session_id"));
    facts.setResponseModel(string(init, "model"));
    facts.setPermissionMode(string(init, "permissionMode"));
    for (Object item : array(init, "mcp_servers")) {
      Map<String, Object> server = asObject(item);
      String name = string(server, "name");
      if (name != null) {
        mcpServerNames.add(name);
        facts.setMcpServerStatus(name, string(server, "status"));
      }
    }
  }

  private void onAssistant(Map<String, Object> event) {
    Map<String, Object> message = object(event, "message");
    String model = string(message, "model");
    if (model != null && !model.equals(SYNTHETIC_MODEL)) {
      facts.setResponseModel(model);
    }
    String error = string(event, "error");
    if (error != null) {
      ErrorType reported = assistantError(error, integer(event, "api_error_status"));
      if (reported != null) {
        facts.setReportedError(reported);
      }
    }
    String id = string(message, "id");
    Map<String, Object> usage = object(message, "usage");
    if (usage != null
        && id != null
        && countedMessageIds.size() < MAX_MESSAGE_IDS
        && countedMessageIds.add(id)) {
      Usage usageOfMessage = usage(usage);
      assistantUsage =
          assistantUsage == null ? usageOfMessage : assistantUsage.plus(usageOfMessage);
      facts.setUsage(assistantUsage);
    }
    for (Object item : array(message, "content")) {
      Map<String, Object> block = asObject(item);
      if ("tool_use".equals(string(block, "type"))) {
        onToolUse(string(block, "id"), string(block, "name"));
      }
    }
  }

  private void onToolUse(String id, String name) {
    if (id == null || name == null || !seenToolIds.add(id)) {
      return;
    }
    ToolCall call = newCall(id, name);
    facts.addToolCall();
    facts.addMcpServer(call.mcpServer());
    openCalls.start(call);
  }

  private void onUser(Map<String, Object> message) {
    for (Object item : array(message, "content")) {
      Map<String, Object> block = asObject(item);
      if (!"tool_result".equals(string(block, "type"))) {
        continue;
      }
      openCalls.finish(
          string(block, "tool_use_id"), isTrue(block, "is_error") ? ErrorType.TOOL_ERROR : null);
    }
  }

  private void onResult(Map<String, Object> result) {
    resultSeen = true;
    if (facts.conversationId() == null) {
      facts.setConversationId(string(result, "session_id"));
    }
    Map<String, Object> usage = object(result, "usage");
    if (usage != null) {
      facts.setUsage(usage(usage));
    }
    facts.setCostUsd(number(result, "total_cost_usd"));
    // An API failure is reported as subtype "success" with is_error true.
    if (!isTrue(result, "is_error")) {
      facts.setCompleted(true);
      return;
    }
    facts.setFailed(string(result, "result"));
    String subtype = string(result, "subtype");
    Long status = integer(result, "api_error_status");
    if ("error_max_turns".equals(subtype)) {
      facts.setReportedError(ErrorType.MAX_TURNS);
    } else if (subtype != null && subtype.startsWith("error_")) {
      facts.setReportedError(ErrorType.EXECUTION_ERROR);
    } else if (status != null) {
      ErrorType byStatus = statusError(status);
      if (byStatus != null) {
        facts.setReportedError(byStatus);
      }
    }
  }

  private ToolCall newCall(String id, String name) {
    if (name.startsWith(MCP_PREFIX)) {
      String qualified = name.substring(MCP_PREFIX.length());
      String server = null;
      String tool = null;
      // Server names are sanitised into the tool name; match them rather than split blindly.
      for (String candidate : mcpServerNames) {
        String prefix = sanitize(candidate) + "__";
        if (qualified.startsWith(prefix)
            && qualified.length() > prefix.length()
            && (server == null || candidate.length() > server.length())) {
          server = candidate;
          tool = qualified.substring(prefix.length());
        }
      }
      if (server == null) {
        int separator = qualified.indexOf("__");
        server = separator > 0 ? qualified.substring(0, separator) : qualified;
        tool = separator > 0 ? qualified.substring(separator + 2) : qualified;
      }
      return new ToolCall(id, tool, ToolCall.Kind.MCP, server);
    }
    return new ToolCall(id, name, builtinKind(name), null);
  }

  private static ToolCall.Kind builtinKind(String name) {
    switch (name) {
      case "Bash":
      case "BashOutput":
      case "KillShell":
        return ToolCall.Kind.SHELL;
      case "Edit":
      case "MultiEdit":
      case "Write":
      case "NotebookEdit":
        return ToolCall.Kind.FILE_CHANGE;
      case "WebSearch":
      case "WebFetch":
        return ToolCall.Kind.WEB_SEARCH;
      case "Task":
      case "Agent":
        return ToolCall.Kind.AGENT;
      default:
        return ToolCall.Kind.BUILTIN;
    }
  }

  /** Claude Code replaces characters outside {@code [A-Za-z0-9_-]} in server names with '_'. */
  static String sanitize(String server) {
    StringBuilder out = new StringBuilder(server.length());
    for (int i = 0; i < server.length(); i++) {
      char c = server.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      out.append(allowed ? c : '_');
    }
    return out.toString();
  }

  private static ErrorType assistantError(String error, Long status) {
    switch (error) {
      case "authentication_failed":
        return ErrorType.AUTH;
      case "rate_limit":
        return ErrorType.RATE_LIMIT;
      default:
        return status == null ? null : statusError(status);
    }
  }

  static ErrorType statusError(long status) {
    if (status == 401 || status == 403) {
      return ErrorType.AUTH;
    }
    if (status == 429) {
      return ErrorType.RATE_LIMIT;
    }
    if (status == 529 || status == 503) {
      return ErrorType.OVERLOADED;
    }
    return null;
  }

  private static Usage usage(Map<String, Object> usage) {
    long input = count(usage, "input_tokens");
    long cacheRead = count(usage, "cache_read_input_tokens");
    long cacheCreation = count(usage, "cache_creation_input_tokens");
    long reasoning = count(object(usage, "output_tokens_details"), "thinking_tokens");
    return new Usage(
        input + cacheRead + cacheCreation,
        count(usage, "output_tokens"),
        cacheRead,
        cacheCreation,
        reasoning);
  }
}
