package dev.agentworker.otel.telemetry;

/** What is known about one MCP request when it ends: the input of its span and metrics. */
public final class McpOperation {

  private final String method;
  private final String toolName;
  private final String promptName;
  private final String server;
  private final String protocolVersion;
  private final String errorType;
  private final String statusCode;

  public McpOperation(
      String method,
      String toolName,
      String promptName,
      String server,
      String protocolVersion,
      String errorType,
      String statusCode) {
    this.method = method;
    this.toolName = toolName;
    this.promptName = promptName;
    this.server = server;
    this.protocolVersion = protocolVersion;
    this.errorType = errorType;
    this.statusCode = statusCode;
  }

  public String method() {
    return method;
  }

  /** Set for {@code tools/call} only. */
  public String toolName() {
    return toolName;
  }

  /** Set for {@code prompts/get} only. */
  public String promptName() {
    return promptName;
  }

  public String server() {
    return server;
  }

  public String protocolVersion() {
    return protocolVersion;
  }

  /**
   * {@code tool_error}, a JSON-RPC error code, {@code server_exited}, {@code cancelled}, or null.
   */
  public String errorType() {
    return errorType;
  }

  /** The JSON-RPC error code of an error response, as a string; null otherwise. */
  public String statusCode() {
    return statusCode;
  }
}
