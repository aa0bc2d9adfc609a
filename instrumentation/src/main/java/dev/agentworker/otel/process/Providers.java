package dev.agentworker.otel.process;

import dev.agentworker.otel.claude.ClaudeOutcome;
import dev.agentworker.otel.claude.ClaudeStreamParser;
import dev.agentworker.otel.cli.AgentCli;
import dev.agentworker.otel.cli.CliInvocation;
import dev.agentworker.otel.codex.CodexOutcome;
import dev.agentworker.otel.codex.CodexStreamParser;
import dev.agentworker.otel.codex.ThreadUsage;
import dev.agentworker.otel.query.ErrorType;
import dev.agentworker.otel.query.ProcessEnd;
import dev.agentworker.otel.query.QueryFacts;
import dev.agentworker.otel.query.StreamParser;
import dev.agentworker.otel.query.ToolCallListener;

/** The stream parser and error classification of each CLI. */
final class Providers {

  private Providers() {}

  static StreamParser parser(AgentCli cli, ToolCallListener listener) {
    return cli == AgentCli.CODEX
        ? new CodexStreamParser(listener, ThreadUsage.shared())
        : new ClaudeStreamParser(listener);
  }

  /**
   * Whether the query ends at the stream's terminal event rather than at process exit: a Claude
   * Code process may stay alive after its {@code result} (stream-json input keeps it open).
   */
  static boolean endsAtTerminalEvent(AgentCli cli) {
    return cli == AgentCli.CLAUDE_CODE;
  }

  /** timeout(1) exits with 124 when the time ran out. */
  static final int TIMEOUT_EXPIRED_EXIT = 124;

  /**
   * @param end null when the query ended before its process exited
   */
  static ErrorType classify(CliInvocation invocation, QueryFacts facts, ProcessEnd end) {
    if (end != null && invocation.isUnderTimeout() && end.exitCode() == TIMEOUT_EXPIRED_EXIT) {
      return ErrorType.TIMEOUT;
    }
    AgentCli cli = invocation.cli();
    if (cli == AgentCli.CODEX) {
      return CodexOutcome.classify(facts, end == null ? new ProcessEnd(0, false) : end);
    }
    return ClaudeOutcome.classify(facts, end);
  }

  /** Classifies the IOException of a failed start from the errno the JDK puts in its message. */
  static ErrorType spawnError(Throwable thrown) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = thrown; t != null && messages.length() < 4096; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    String text = messages.toString();
    if (text.contains("error=2,") || text.contains("No such file or directory")) {
      return ErrorType.BINARY_NOT_FOUND;
    }
    if (text.contains("error=13,")
        || text.contains("error=8,")
        || text.contains("Permission denied")) {
      return ErrorType.BINARY_NOT_EXECUTABLE;
    }
    return ErrorType.SPAWN_FAILED;
  }
}
