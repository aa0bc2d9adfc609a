package dev.agentworker.otel.codex;

/** Gives benchmarks a fresh {@link ThreadUsage}, as the process hook uses a shared one. */
public final class ThreadUsageAccess {

  private ThreadUsageAccess() {}

  public static ThreadUsage fresh() {
    return new ThreadUsage(4096);
  }
}
