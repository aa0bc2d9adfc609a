package dev.agentworker.otel.codex;

/** A fresh {@link ThreadUsage} for tests outside this package. */
public final class ThreadUsageFactory {

  private ThreadUsageFactory() {}

  public static ThreadUsage fresh() {
    return new ThreadUsage(64);
  }
}
