package dev.agentworker.otel.process;

import dev.agentworker.otel.mcp.McpCommand;
import dev.agentworker.otel.telemetry.StartInstant;
import java.util.ArrayList;
import java.util.List;

/** What is known when a possible MCP server is about to start: its command and start time. */
final class McpStart {

  private final String key;
  private final String fallbackName;
  private final StartInstant time;

  McpStart(List<String> command, StartInstant time) {
    List<String> copy = new ArrayList<>(command);
    this.key = McpCommand.key(copy);
    this.fallbackName = McpCommand.fallbackName(copy);
    this.time = time;
  }

  String key() {
    return key;
  }

  String fallbackName() {
    return fallbackName;
  }

  /** When the process was about to be spawned. */
  StartInstant time() {
    return time;
  }
}
