package dev.agentworker.otel.query;

/**
 * One tool call an agent reported in its stream. Arguments and results are never kept: only the
 * identity, the kind and the outcome.
 */
public final class ToolCall {

  /** What the tool is, independent of the provider's own item or block names. */
  public enum Kind {
    MCP("mcp"),
    SHELL("shell"),
    FILE_CHANGE("file_change"),
    WEB_SEARCH("web_search"),
    BUILTIN("builtin"),
    AGENT("agent"),
    OTHER("other");

    private final String value;

    Kind(String value) {
      this.value = value;
    }

    /** The {@code agent_worker.tool.kind} attribute value. */
    public String value() {
      return value;
    }
  }

  private final String id;
  private final String name;
  private final Kind kind;
  private final String mcpServer;
  private ErrorType errorType;
  private Long exitCode;

  public ToolCall(String id, String name, Kind kind, String mcpServer) {
    this.id = id;
    this.name = name;
    this.kind = kind;
    this.mcpServer = mcpServer;
  }

  /** The provider's call id ({@code gen_ai.tool.call.id}). */
  public String id() {
    return id;
  }

  /** {@code gen_ai.tool.name}. */
  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** The MCP server that serves the tool, or null for a tool that is not an MCP tool. */
  public String mcpServer() {
    return mcpServer;
  }

  /** Null while running or when the call succeeded. */
  public ErrorType errorType() {
    return errorType;
  }

  public void setErrorType(ErrorType errorType) {
    this.errorType = errorType;
  }

  /** Exit code of a shell command, when the stream reports one. */
  public Long exitCode() {
    return exitCode;
  }

  public void setExitCode(Long exitCode) {
    this.exitCode = exitCode;
  }

  @Override
  public String toString() {
    return kind.value()
        + ":"
        + (mcpServer == null ? "" : mcpServer + "/")
        + name
        + "#"
        + id
        + (errorType == null ? "" : "!" + errorType.value());
  }
}
