package dev.agentworker.otel.codex;

import dev.agentworker.otel.query.Usage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last cumulative usage seen per Codex thread in this JVM, so that a query that resumes a
 * thread reports only its own tokens. Bounded: the least recently used threads are forgotten, and a
 * thread first seen on resume reports the CLI's total as is (documented limitation).
 */
public final class ThreadUsage {

  private static final ThreadUsage SHARED = new ThreadUsage(4096);

  private final Map<String, Usage> lastTotals;

  ThreadUsage(int capacity) {
    this.lastTotals =
        new LinkedHashMap<String, Usage>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Usage> eldest) {
            return size() > capacity;
          }
        };
  }

  public static ThreadUsage shared() {
    return SHARED;
  }

  /** The thread's total before this query: what earlier queries in this JVM already reported. */
  public synchronized Usage baseline(String threadId) {
    Usage total = threadId == null ? null : lastTotals.get(threadId);
    return total == null ? Usage.NONE : total;
  }

  public synchronized void record(String threadId, Usage total) {
    if (threadId != null) {
      lastTotals.put(threadId, total);
    }
  }
}
