package dev.agentworker.otel.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code error.type} vocabulary shared by every provider. Query-level values classify a failed
 * query; tool-level values classify a failed tool call; MCP values classify MCP requests and server
 * processes the worker runs over stdio, which also use {@code tool_error}, {@code cancelled},
 * {@code spawn_failed} and JSON-RPC error codes. {@code docs/telemetry.md} lists the same values
 * with their meaning, and a test keeps the two in step.
 */
public enum ErrorType {
  AUTH("auth", Scope.QUERY),
  RATE_LIMIT("rate_limit", Scope.QUERY),
  OVERLOADED("overloaded", Scope.QUERY),
  NETWORK("network", Scope.QUERY),
  TIMEOUT("timeout", Scope.QUERY),
  CANCELLED("cancelled", Scope.QUERY),
  KILLED("killed", Scope.QUERY),
  TURN_FAILED("turn_failed", Scope.QUERY),
  MAX_TURNS("max_turns", Scope.QUERY),
  EXECUTION_ERROR("execution_error", Scope.QUERY),
  BINARY_NOT_FOUND("binary_not_found", Scope.QUERY),
  BINARY_NOT_EXECUTABLE("binary_not_executable", Scope.QUERY),
  VERSION_MISMATCH("version_mismatch", Scope.QUERY),
  SPAWN_FAILED("spawn_failed", Scope.QUERY),
  EXIT_NONZERO("exit_nonzero", Scope.QUERY),
  TOOL_ERROR("tool_error", Scope.TOOL),
  TOOL_DECLINED("tool_declined", Scope.TOOL),
  TOOL_INTERRUPTED("tool_interrupted", Scope.TOOL),
  SERVER_EXITED("server_exited", Scope.MCP),
  OTHER("_OTHER", Scope.MCP);

  /** Where a value applies. */
  public enum Scope {
    QUERY,
    TOOL,
    MCP
  }

  private final String value;
  private final Scope scope;

  ErrorType(String value, Scope scope) {
    this.value = value;
    this.scope = scope;
  }

  /** The {@code error.type} attribute value. */
  public String value() {
    return value;
  }

  public Scope scope() {
    return scope;
  }

  /** Whether this value counts as a binary error ({@code agent_worker.cli.binary_errors}). */
  public boolean isBinaryError() {
    return this == BINARY_NOT_FOUND || this == BINARY_NOT_EXECUTABLE || this == VERSION_MISMATCH;
  }

  public static List<ErrorType> ofScope(Scope scope) {
    List<ErrorType> values = new ArrayList<>();
    for (ErrorType type : values()) {
      if (type.scope == scope) {
        values.add(type);
      }
    }
    return Collections.unmodifiableList(values);
  }
}
