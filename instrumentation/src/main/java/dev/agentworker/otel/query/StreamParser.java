package dev.agentworker.otel.query;

import java.util.Map;

/**
 * Turns a provider's JSON events, one per stdout line, into {@link QueryFacts}. Implementations are
 * pure (events in, facts out), ignore unknown event types and fields, and never throw on unexpected
 * shapes.
 */
public interface StreamParser {

  void onEvent(Map<String, Object> event);

  /** The stream is over: tool calls still open are finished as interrupted. */
  void finishOpenCalls();

  QueryFacts facts();
}
