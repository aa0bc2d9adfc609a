package dev.agentworker.otel.posthog.events;

/** The events the exporter can send; all are on by default. */
public enum EventType {
  /** The product event of the design: one per agent query, with the seed's properties. */
  QUERY_COMPLETED("agent_query_completed"),
  /** LLM analytics: the query as a trace. */
  AI_TRACE("$ai_trace"),
  /** LLM analytics: the query's model usage, with tokens for PostHog's cost. */
  AI_GENERATION("$ai_generation"),
  /** LLM analytics: one tool call of a query. */
  AI_SPAN("$ai_span");

  private final String eventName;

  EventType(String eventName) {
    this.eventName = eventName;
  }

  public String eventName() {
    return eventName;
  }

  /** The type with this event name, or null. */
  public static EventType named(String name) {
    for (EventType type : values()) {
      if (type.eventName.equals(name)) {
        return type;
      }
    }
    return null;
  }
}
