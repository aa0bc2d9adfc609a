package dev.agentworker.otel.process;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts the query span's context into the child's environment as {@code TRACEPARENT} and {@code
 * TRACESTATE} (the OpenTelemetry environment-variable carrier), which Codex and Claude Code read to
 * join the worker's trace. A value the worker set on the builder itself is left alone; a value
 * merely inherited from the JVM's own environment is replaced. {@link #restore} puts the builder
 * back as it was, so a reused builder carries no stale context.
 */
final class TraceContextEnvironment {

  static final String TRACEPARENT = "TRACEPARENT";
  static final String TRACESTATE = "TRACESTATE";

  private final String previousParent;
  private final String previousState;

  private TraceContextEnvironment(String previousParent, String previousState) {
    this.previousParent = previousParent;
    this.previousState = previousState;
  }

  /** Returns how to restore the builder, or null when nothing was changed. */
  static TraceContextEnvironment inject(ProcessBuilder builder, Context context) {
    Map<String, String> environment = builder.environment();
    String parent = environment.get(TRACEPARENT);
    String state = environment.get(TRACESTATE);
    boolean setByWorker =
        (parent != null && !parent.equals(System.getenv(TRACEPARENT)))
            || (state != null && !state.equals(System.getenv(TRACESTATE)));
    if (setByWorker) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
    String traceparent = carrier.get("traceparent");
    if (traceparent == null) {
      return null;
    }
    environment.put(TRACEPARENT, traceparent);
    String tracestate = carrier.get("tracestate");
    if (tracestate == null) {
      environment.remove(TRACESTATE);
    } else {
      environment.put(TRACESTATE, tracestate);
    }
    return new TraceContextEnvironment(parent, state);
  }

  void restore(ProcessBuilder builder) {
    Map<String, String> environment = builder.environment();
    put(environment, TRACEPARENT, previousParent);
    put(environment, TRACESTATE, previousState);
  }

  private static void put(Map<String, String> environment, String name, String value) {
    if (value == null) {
      environment.remove(name);
    } else {
      environment.put(name, value);
    }
  }
}
