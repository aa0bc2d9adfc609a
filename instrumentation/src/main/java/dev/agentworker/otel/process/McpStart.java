package dev.agentworker.otel.process;

import dev.agentworker.otel.mcp.McpCommand;
import java.util.ArrayList;
import java.util.List;

/** What is known when a possible MCP server is about to start: its command and start time. */
final class McpStart {

  private final String key;
  private final String fallbackName;
  private final long epochNanos;
  private final long nanoTime;

  McpStart(List<String> command, long epochNanos, long nanoTime) {
    List<String> copy = new ArrayList<>(command);
    this.key = McpCommand.key(copy);
    this.fallbackName = McpCommand.fallbackName(copy);
    this.epochNanos = epochNanos;
    this.nanoTime = nanoTime;
  }

  String key() {
    return key;
  }

  String fallbackName() {
    return fallbackName;
  }

  long epochNanos() {
    return epochNanos;
  }

  long nanoTime() {
    return nanoTime;
  }

  double secondsSince() {
    return Math.max(0, System.nanoTime() - nanoTime) / 1e9;
  }
}
