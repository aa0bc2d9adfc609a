package dev.agentworker.otel.codex;

import static dev.agentworker.otel.json.JsonValues.count;
import static dev.agentworker.otel.json.JsonValues.integer;
import static dev.agentworker.otel.json.JsonValues.isTrue;
import static dev.agentworker.otel.json.JsonValues.object;
import static dev.agentworker.otel.json.JsonValues.string;

import dev.agentworker.otel.query.ErrorType;
import dev.agentworker.otel.query.OpenToolCalls;
import dev.agentworker.otel.query.QueryFacts;
import dev.agentworker.otel.query.StreamParser;
import dev.agentworker.otel.query.ToolCall;
import dev.agentworker.otel.query.ToolCallListener;
import dev.agentworker.otel.query.Usage;
import java.util.Map;

/**
 * Parses {@code codex exec --json} events ({@code codex-rs/exec/src/exec_events.rs}): thread and
 * turn lifecycle, usage, top-level errors and tool items.
 *
 * <p>Usage in {@code turn.completed} is the cumulative total of the thread, and its {@code
 * input_tokens} already includes {@code cached_input_tokens}. A resumed thread therefore reports
 * earlier queries' tokens again, and several turns in one process report growing totals; the
 * query's usage is therefore its last total minus the thread's total before it started, which
 * {@link ThreadUsage} remembers per thread.
 */
public final class CodexStreamParser implements StreamParser {

  private static final String RETRY_PREFIX = "Reconnecting...";

  private final QueryFacts facts = new QueryFacts();
  private final OpenToolCalls openCalls;
  private final ThreadUsage threadUsage;
  private Usage baseline = Usage.NONE;

  public CodexStreamParser(ToolCallListener listener, ThreadUsage threadUsage) {
    this.openCalls = new OpenToolCalls(listener);
    this.threadUsage = threadUsage;
  }

  @Override
  public QueryFacts facts() {
    return facts;
  }

  @Override
  public void onEvent(Map<String, Object> event) {
    facts.addEvent();
    String type = string(event, "type");
    if (type == null) {
      return;
    }
    switch (type) {
      case "thread.started":
        facts.setConversationId(string(event, "thread_id"));
        baseline = threadUsage.baseline(facts.conversationId());
        break;
      case "turn.completed":
        onTurnCompleted(object(event, "usage"));
        break;
      case "turn.failed":
        facts.setFailed(string(object(event, "error"), "message"));
        break;
      case "error":
        onError(string(event, "message"));
        break;
      case "item.started":
      case "item.updated":
        onItem(object(event, "item"), false);
        break;
      case "item.completed":
        onItem(object(event, "item"), true);
        break;
      default:
        // Unknown event types are expected as the schema evolves.
    }
  }

  @Override
  public void finishOpenCalls() {
    openCalls.interruptAll();
  }

  private void onTurnCompleted(Map<String, Object> usage) {
    facts.setCompleted(true);
    if (usage == null) {
      return;
    }
    Usage total =
        new Usage(
            count(usage, "input_tokens"),
            count(usage, "output_tokens"),
            count(usage, "cached_input_tokens"),
            count(usage, "cache_write_input_tokens"),
            count(usage, "reasoning_output_tokens"));
    threadUsage.record(facts.conversationId(), total);
    // A total below the baseline means the CLI started counting afresh.
    boolean cumulative =
        total.inputTokens() >= baseline.inputTokens()
            && total.outputTokens() >= baseline.outputTokens();
    facts.setUsage(cumulative ? total.minus(baseline) : total);
  }

  private void onError(String message) {
    if (message != null && message.startsWith(RETRY_PREFIX)) {
      facts.addRetry();
    }
    facts.setLastErrorMessage(message);
  }

  private void onItem(Map<String, Object> item, boolean completed) {
    if (item == null) {
      return;
    }
    String id = string(item, "id");
    // Early builds of the JSON mode used "item_type".
    String type = string(item, "type");
    if (type == null) {
      type = string(item, "item_type");
    }
    if (id == null || type == null || !isToolItem(type)) {
      return;
    }

    ToolCall call = openCalls.get(id);
    if (call != null) {
      if (completed) {
        call.setExitCode(integer(item, "exit_code"));
        openCalls.finish(id, outcome(item));
      }
      return;
    }
    call = newCall(id, type, item);
    facts.addToolCall();
    facts.addMcpServer(call.mcpServer());
    if (completed) {
      // Reported only once it was done: a call of zero length.
      call.setExitCode(integer(item, "exit_code"));
      openCalls.startAndFinish(call, outcome(item));
    } else {
      openCalls.start(call);
    }
  }

  private static ToolCall newCall(String id, String type, Map<String, Object> item) {
    switch (type) {
      case "mcp_tool_call":
        return new ToolCall(
            id,
            orDefault(string(item, "tool"), "unknown"),
            ToolCall.Kind.MCP,
            string(item, "server"));
      case "command_execution":
        return new ToolCall(id, "shell", ToolCall.Kind.SHELL, null);
      case "file_change":
        return new ToolCall(id, "file_change", ToolCall.Kind.FILE_CHANGE, null);
      case "web_search":
        return new ToolCall(id, "web_search", ToolCall.Kind.WEB_SEARCH, null);
      case "collab_tool_call":
        return new ToolCall(
            id, orDefault(string(item, "tool"), "collab"), ToolCall.Kind.AGENT, null);
      default:
        return new ToolCall(id, type, ToolCall.Kind.OTHER, null);
    }
  }

  /** Item types that describe the agent's own output rather than a tool call. */
  private static boolean isToolItem(String type) {
    switch (type) {
      case "agent_message":
      case "assistant_message":
      case "reasoning":
      case "todo_list":
      case "error":
        return false;
      default:
        return true;
    }
  }

  private static ErrorType outcome(Map<String, Object> item) {
    String status = string(item, "status");
    if ("declined".equals(status)) {
      return ErrorType.TOOL_DECLINED;
    }
    Map<String, Object> result = object(item, "result");
    if ("failed".equals(status)
        || object(item, "error") != null
        || isTrue(result, "is_error")
        || isTrue(result, "isError")) {
      return ErrorType.TOOL_ERROR;
    }
    Long exitCode = integer(item, "exit_code");
    if (exitCode != null && exitCode != 0) {
      return ErrorType.TOOL_ERROR;
    }
    return null;
  }

  private static String orDefault(String value, String defaultValue) {
    return value == null ? defaultValue : value;
  }
}
