package dev.agentworker.otel.examples.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs an agent CLI the way a provider adapter does: read stdout line by line, wait for exit. */
final class AgentProcess {

  /** The outcome of one query as the worker sees it. */
  static final class Answer {
    final int exitCode;
    final String finalMessage;
    final int events;

    Answer(int exitCode, String finalMessage, int events) {
      this.exitCode = exitCode;
      this.finalMessage = finalMessage;
      this.events = events;
    }
  }

  private AgentProcess() {}

  /**
   * Starts {@code builder} and returns its exit code, the number of stdout lines and the first
   * group of {@code answer} in the last line that {@code candidate} selects and that matches.
   */
  static Answer run(ProcessBuilder builder, Predicate<String> candidate, Pattern answer)
      throws IOException, InterruptedException {
    Process process = builder.start();
    String finalMessage = null;
    int events = 0;
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        events++;
        if (candidate.test(line)) {
          Matcher matcher = answer.matcher(line);
          if (matcher.find()) {
            finalMessage = matcher.group(1);
          }
        }
      }
    }
    return new Answer(process.waitFor(), finalMessage, events);
  }
}
