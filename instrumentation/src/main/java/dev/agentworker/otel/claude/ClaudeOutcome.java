package dev.agentworker.otel.claude;

import dev.agentworker.otel.query.ErrorMessages;
import dev.agentworker.otel.query.ErrorType;
import dev.agentworker.otel.query.ProcessEnd;
import dev.agentworker.otel.query.QueryFacts;

/** Decides a Claude Code query's {@code error.type} from its stream facts and its exit. */
public final class ClaudeOutcome {

  private ClaudeOutcome() {}

  /**
   * Returns null for a successful query.
   *
   * @param end null when the query ended at its {@code result} before the process exited
   */
  public static ErrorType classify(QueryFacts facts, ProcessEnd end) {
    ErrorType signal = end == null ? null : end.signalError();
    if (signal != null) {
      return signal;
    }
    if (facts.failed()) {
      if (facts.reportedError() != null) {
        return facts.reportedError();
      }
      return ErrorMessages.classify(facts.failureMessage(), ErrorType.EXECUTION_ERROR);
    }
    if (facts.completed()) {
      return end == null || end.exitCode() == 0 ? null : ErrorType.EXIT_NONZERO;
    }
    if (facts.reportedError() != null) {
      return facts.reportedError();
    }
    if (end == null || end.exitCode() == 0) {
      return null;
    }
    return ErrorMessages.classify(facts.lastErrorMessage(), ErrorType.EXIT_NONZERO);
  }
}
