package dev.agentworker.otel.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a stream parser learned about one query. Failure messages are kept only to classify the
 * error; they are never exported, because they can quote prompts or key fragments.
 */
public final class QueryFacts {

  /** Bound on distinct MCP server names remembered per query. */
  static final int MAX_MCP_SERVERS = 64;

  private String conversationId;
  private String responseModel;
  private Usage usage;
  private boolean completed;
  private boolean failed;
  private String failureMessage;
  private String lastErrorMessage;
  private ErrorType reportedError;
  private int retries;
  private int toolCalls;
  private int events;
  private Double costUsd;
  private String permissionMode;
  private final Set<String> mcpServers = new LinkedHashSet<>();
  private final Map<String, String> mcpServerStatuses = new LinkedHashMap<>();

  public String conversationId() {
    return conversationId;
  }

  public void setConversationId(String conversationId) {
    this.conversationId = conversationId;
  }

  public String responseModel() {
    return responseModel;
  }

  public void setResponseModel(String responseModel) {
    this.responseModel = responseModel;
  }

  /** Usage of this query, or null when the stream reported none. */
  public Usage usage() {
    return usage;
  }

  public void setUsage(Usage usage) {
    this.usage = usage;
  }

  /** Whether the stream reported a successful end of the turn or conversation. */
  public boolean completed() {
    return completed;
  }

  public void setCompleted(boolean completed) {
    this.completed = completed;
  }

  /** Whether the stream reported the query as failed. */
  public boolean failed() {
    return failed;
  }

  public void setFailed(String message) {
    this.failed = true;
    this.failureMessage = message;
  }

  public String failureMessage() {
    return failureMessage;
  }

  public String lastErrorMessage() {
    return lastErrorMessage;
  }

  public void setLastErrorMessage(String lastErrorMessage) {
    this.lastErrorMessage = lastErrorMessage;
  }

  /** An error type the provider stated outright (e.g. an error subtype), or null. */
  public ErrorType reportedError() {
    return reportedError;
  }

  public void setReportedError(ErrorType reportedError) {
    this.reportedError = reportedError;
  }

  public int retries() {
    return retries;
  }

  public void addRetry() {
    retries++;
  }

  public int toolCalls() {
    return toolCalls;
  }

  public void addToolCall() {
    toolCalls++;
  }

  /** Number of JSON events seen on stdout. */
  public int events() {
    return events;
  }

  public void addEvent() {
    events++;
  }

  public Double costUsd() {
    return costUsd;
  }

  public void setCostUsd(Double costUsd) {
    this.costUsd = costUsd;
  }

  public String permissionMode() {
    return permissionMode;
  }

  public void setPermissionMode(String permissionMode) {
    this.permissionMode = permissionMode;
  }

  /** MCP servers the query's tool calls used, in order of first use. */
  public Set<String> mcpServers() {
    return Collections.unmodifiableSet(mcpServers);
  }

  public void addMcpServer(String server) {
    if (server != null && mcpServers.size() < MAX_MCP_SERVERS) {
      mcpServers.add(server);
    }
  }

  /** Whether the stream reported the end of the query, successful or not. */
  public boolean terminal() {
    return completed || failed;
  }

  /**
   * Connection status of each MCP server as the CLI reported it at start-up (Claude Code {@code
   * system/init}: connected, failed, needs-auth, pending, disabled).
   */
  public Map<String, String> mcpServerStatuses() {
    return Collections.unmodifiableMap(mcpServerStatuses);
  }

  public void setMcpServerStatus(String server, String status) {
    if (server != null && status != null && mcpServerStatuses.size() < MAX_MCP_SERVERS) {
      mcpServerStatuses.put(server, status);
    }
  }
}
