package dev.agentworker.otel.cli;

import java.util.Collections;
import java.util.List;

/** The agent CLIs this extension understands, with the names they carry in telemetry. */
public enum AgentCli {
  CODEX("codex-cli", "codex", "openai", "codex", "@openai/codex/"),
  CLAUDE_CODE(
      "claude-code-cli", "claude-code", "anthropic", "claude", "@anthropic-ai/claude-code/");

  private final String instrumentationName;
  private final String agentName;
  private final String providerName;
  private final String defaultExecutable;
  private final String npmPackagePath;

  AgentCli(
      String instrumentationName,
      String agentName,
      String providerName,
      String defaultExecutable,
      String npmPackagePath) {
    this.instrumentationName = instrumentationName;
    this.agentName = agentName;
    this.providerName = providerName;
    this.defaultExecutable = defaultExecutable;
    this.npmPackagePath = npmPackagePath;
  }

  /** The {@code otel.instrumentation.<name>.*} namespace of this CLI's settings. */
  public String instrumentationName() {
    return instrumentationName;
  }

  /** {@code gen_ai.agent.name}, and the {@code provider} field of the query log line. */
  public String agentName() {
    return agentName;
  }

  /** {@code gen_ai.provider.name} (well-known values of the GenAI semantic conventions). */
  public String providerName() {
    return providerName;
  }

  public List<String> defaultExecutables() {
    return Collections.singletonList(defaultExecutable);
  }

  /** Path fragment of the npm package whose script a {@code node} launch may run. */
  public String npmPackagePath() {
    return npmPackagePath;
  }
}
