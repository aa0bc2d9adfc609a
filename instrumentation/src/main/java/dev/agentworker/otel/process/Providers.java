package dev.agentworker.otel.process;

import dev.agentworker.otel.cli.AgentCli;
import dev.agentworker.otel.codex.CodexOutcome;
import dev.agentworker.otel.codex.CodexStreamParser;
import dev.agentworker.otel.codex.ThreadUsage;
import dev.agentworker.otel.query.ErrorMessages;
import dev.agentworker.otel.query.ErrorType;
import dev.agentworker.otel.query.ProcessEnd;
import dev.agentworker.otel.query.QueryFacts;
import dev.agentworker.otel.query.StreamParser;
import dev.agentworker.otel.query.ToolCallListener;

/** The stream parser and error classification of each CLI. */
final class Providers {

  private Providers() {}

  /** Returns null for a CLI whose stream is not parsed (its queries get timing and exit only). */
  static StreamParser parser(AgentCli cli, ToolCallListener listener) {
    if (cli == AgentCli.CODEX) {
      return new CodexStreamParser(listener, ThreadUsage.shared());
    }
    // TODO: parse Claude Code stream-json; until then its queries carry timing and exit code only.
    return null;
  }

  static ErrorType classify(AgentCli cli, QueryFacts facts, ProcessEnd end) {
    if (cli == AgentCli.CODEX) {
      return CodexOutcome.classify(facts, end);
    }
    ErrorType signal = end.signalError();
    if (signal != null || end.exitCode() == 0) {
      return signal;
    }
    return ErrorMessages.classify(facts.lastErrorMessage(), ErrorType.EXIT_NONZERO);
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
    if (text.contains("error=13,") || text.contains("error=8,") || text.contains("Permission denied")) {
      return ErrorType.BINARY_NOT_EXECUTABLE;
    }
    return ErrorType.SPAWN_FAILED;
  }
}
