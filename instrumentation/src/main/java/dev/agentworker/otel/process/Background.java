package dev.agentworker.otel.process;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * One daemon thread that ends queries after process exit, so that recording telemetry never runs
 * on the JDK's process reaper thread or blocks the worker.
 */
final class Background {

  private static final ScheduledExecutorService EXECUTOR = create();

  private Background() {}

  static ScheduledExecutorService executor() {
    return EXECUTOR;
  }

  private static ScheduledExecutorService create() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "agent-worker-otel-query-end");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
