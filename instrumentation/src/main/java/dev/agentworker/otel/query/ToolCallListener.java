package dev.agentworker.otel.query;

/** Receives tool calls as a stream parser sees them start and finish. */
public interface ToolCallListener {

  void onToolStarted(ToolCall call);

  /** Called once per call; {@link ToolCall#errorType()} is null when it succeeded. */
  void onToolFinished(ToolCall call);
}
