package dev.agentworker.otel.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One daemon thread that ends queries after process exit, so that recording telemetry never runs on
 * the JDK's process reaper thread or blocks the worker; and a shutdown hook that ends queries whose
 * process has exited but whose drain time has not run out when the JVM stops.
 */
final class Background {

  private static final ScheduledExecutorService EXECUTOR = create();
  private static final Set<QueryRun> OPEN_RUNS = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOK_ADDED = new AtomicBoolean();

  private Background() {}

  static void track(QueryRun run) {
    if (HOOK_ADDED.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    for (QueryRun open : OPEN_RUNS) {
                      open.finishIfExited();
                    }
                  },
                  "agent-worker-otel-shutdown"));
    }
    OPEN_RUNS.add(run);
  }

  static void untrack(QueryRun run) {
    OPEN_RUNS.remove(run);
  }

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
