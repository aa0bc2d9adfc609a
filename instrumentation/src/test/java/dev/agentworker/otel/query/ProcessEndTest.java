package dev.agentworker.otel.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentworker.otel.codex.CodexOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessEndTest {

  @ParameterizedTest
  @CsvSource({
    "unexpected status 401 Unauthorized: Incorrect API key provided, auth",
    "'exceeded retry limit, last status: 429 Too Many Requests', rate_limit",
    "You have hit your usage limit. Try again in 4 days, rate_limit",
    "API Error: 529 Overloaded, overloaded",
    "request timed out, timeout",
    "stream disconnected before completion: error sending request, network",
    "model response stream ended unexpectedly, network",
    "something else entirely, turn_failed"
  })
  void classifiesFailedTurnMessages(String message, String expected) {
    QueryFacts facts = new QueryFacts();
    facts.setFailed(message);
    assertThat(CodexOutcome.classify(facts, new ProcessEnd(1, false)).value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "0, false, ",
    "1, false, exit_nonzero",
    "137, false, killed",
    "143, false, killed",
    "130, false, cancelled",
    "143, true, cancelled",
    "0, true, cancelled"
  })
  void classifiesExitWithoutTerminalEvent(int exit, boolean destroyed, String expected) {
    QueryFacts facts = new QueryFacts();
    facts.addEvent();
    ErrorType type = CodexOutcome.classify(facts, new ProcessEnd(exit, destroyed));
    assertThat(type == null ? null : type.value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, turn_failed", "1, turn_failed"})
  void failedTurnWinsOverExitCode(int exit, String expected) {
    QueryFacts facts = new QueryFacts();
    facts.setFailed("boom");
    assertThat(CodexOutcome.classify(facts, new ProcessEnd(exit, false)).value())
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"Reconnecting... 5/5 (unexpected status 503), overloaded", ", exit_nonzero"})
  void lastErrorMessageClassifiesUnexplainedExit(String message, String expected) {
    QueryFacts facts = new QueryFacts();
    facts.addEvent();
    facts.setLastErrorMessage(message);
    assertThat(CodexOutcome.classify(facts, new ProcessEnd(1, false)).value()).isEqualTo(expected);
  }
}
