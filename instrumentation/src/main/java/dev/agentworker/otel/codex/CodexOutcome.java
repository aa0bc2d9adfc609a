package dev.agentworker.otel.codex;

import dev.agentworker.otel.query.ErrorMessages;
import dev.agentworker.otel.query.ErrorType;
import dev.agentworker.otel.query.ProcessEnd;
import dev.agentworker.otel.query.QueryFacts;

/** Decides a Codex query's {@code error.type} from its stream facts and its exit. */
public final class CodexOutcome {

  /** clap exits with 2 on an argument error: the CLI does not know a flag the worker passed. */
  static final int ARGUMENT_ERROR_EXIT = 2;

  private CodexOutcome() {}

  /** Returns null for a successful query. */
  public static ErrorType classify(QueryFacts facts, ProcessEnd end) {
    ErrorType signal = end.signalError();
    if (signal != null) {
      return signal;
    }
    // Some builds exit 0 after a failed turn, so the stream wins over the exit code.
    if (facts.failed()) {
      return ErrorMessages.classify(facts.failureMessage(), ErrorType.TURN_FAILED);
    }
    if (end.exitCode() == 0) {
      return null;
    }
    if (end.exitCode() == ARGUMENT_ERROR_EXIT && facts.events() == 0) {
      return ErrorType.VERSION_MISMATCH;
    }
    return ErrorMessages.classify(facts.lastErrorMessage(), ErrorType.EXIT_NONZERO);
  }
}
