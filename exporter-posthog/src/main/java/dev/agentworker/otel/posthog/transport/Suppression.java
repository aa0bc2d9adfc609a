package dev.agentworker.otel.posthog.transport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Runs code with OpenTelemetry instrumentation suppressed, as the SDK's own exporters do, so that
 * the agent's HTTP client instrumentation does not trace the exporter's requests. The class moved
 * between agent versions ({@code api.internal} up to 2.2x, {@code api.impl} later, with the
 * exporter-common copy in both), so it is looked up once by name; without any, code runs as is.
 */
final class Suppression {

  private static final String[] CANDIDATES = {
    "io.opentelemetry.api.internal.InstrumentationUtil",
    "io.opentelemetry.api.impl.InstrumentationUtil",
    "io.opentelemetry.exporter.internal.InstrumentationUtil"
  };

  private static final Method SUPPRESS = find();

  private Suppression() {}

  static void run(Runnable action) {
    if (SUPPRESS == null) {
      action.run();
      return;
    }
    try {
      SUPPRESS.invoke(null, action);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      action.run();
    }
  }

  /** Whether a suppression mechanism was found (reported by the agent test). */
  static boolean available() {
    return SUPPRESS != null;
  }

  private static Method find() {
    for (String name : CANDIDATES) {
      try {
        Class<?> type = Class.forName(name, false, Suppression.class.getClassLoader());
        return type.getMethod("suppressInstrumentation", Runnable.class);
      } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
        // try the next location
      }
    }
    return null;
  }
}
