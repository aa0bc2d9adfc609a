package dev.agentworker.otel.mcp;

import dev.agentworker.otel.config.Settings;
import dev.agentworker.otel.telemetry.McpMetrics;
import dev.agentworker.otel.telemetry.Telemetry;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lifecycle history of each MCP server the worker runs, keyed by its command line: whether its
 * last instance crashed (so the next start is a restart, counted once it succeeds), recent crash
 * times, and whether it is permanently failed. A server is permanently failed when a restart fails
 * to start or to initialize, or when it crashes more than the allowed number of times within the
 * window; a later healthy start clears it. Bounded: the least recently used commands are forgotten
 * first.
 */
public final class McpServers {

  private static final int MAX_SERVERS = 256;

  private static volatile McpServers instance;

  private final McpMetrics metrics;
  private final int maxCrashes;
  private final long crashWindowNanos;
  private final Map<String, History> histories =
      new LinkedHashMap<String, History>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, History> eldest) {
          return size() > MAX_SERVERS;
        }
      };

  private static final class History {
    String name;
    boolean lastInstanceCrashed;
    boolean restarting;
    boolean permanentlyFailed;
    final ArrayDeque<Long> crashes = new ArrayDeque<>();
  }

  public McpServers(McpMetrics metrics, int maxCrashes, long crashWindowMillis) {
    this.metrics = metrics;
    this.maxCrashes = maxCrashes;
    this.crashWindowNanos = crashWindowMillis * 1_000_000L;
  }

  /** The history of this JVM, with the configured crash limit. */
  public static McpServers get() {
    McpServers servers = instance;
    if (servers == null) {
      synchronized (McpServers.class) {
        servers = instance;
        if (servers == null) {
          Settings.McpSettings settings = Settings.get().mcp();
          servers =
              new McpServers(
                  Telemetry.get().mcpMetrics(),
                  settings.maxCrashes(),
                  settings.crashWindowMillis());
          instance = servers;
        }
      }
    }
    return servers;
  }

  /** The history if it has been created, else null. */
  public static McpServers existing() {
    return instance;
  }

  /** The server name learned from an earlier instance of this command, or null if unknown. */
  public synchronized String knownName(String key) {
    History history = histories.get(key);
    return history == null ? null : history.name;
  }

  /**
   * A new instance of the command is an MCP server; returns whether it restarts a crashed one. The
   * restart counts once the instance is healthy.
   */
  synchronized boolean started(String key, String name) {
    History history = history(key, name);
    boolean restart = history.lastInstanceCrashed;
    history.lastInstanceCrashed = false;
    history.restarting = restart;
    return restart;
  }

  /** The instance answered its first request: the server is healthy again. */
  synchronized void healthy(String key, String name) {
    History history = history(key, name);
    history.name = name;
    metrics.serverSeen(name);
    if (history.restarting) {
      metrics.recordRestart(name);
    }
    history.restarting = false;
    setFailed(history, false);
  }

  /**
   * The instance could not be started or did not initialize. After a crash this is a restart that
   * failed: the server is permanently failed.
   */
  synchronized void startFailed(String key, String name) {
    History history = history(key, name);
    if (history.restarting || history.lastInstanceCrashed) {
      setFailed(history, true);
    }
    history.restarting = false;
  }

  /** The instance exited while the worker still used it. */
  synchronized void crashed(String key, String name, long nanoTime) {
    History history = history(key, name);
    history.lastInstanceCrashed = true;
    metrics.serverSeen(history.name);
    metrics.recordCrash(history.name);
    history.crashes.addLast(nanoTime);
    while (!history.crashes.isEmpty()
        && nanoTime - history.crashes.peekFirst() > crashWindowNanos) {
      history.crashes.removeFirst();
    }
    if (history.crashes.size() > maxCrashes) {
      setFailed(history, true);
    }
  }

  /** A spawn of a command known as an MCP server failed. */
  public synchronized void spawnFailed(String key) {
    History history = histories.get(key);
    if (history != null && history.lastInstanceCrashed) {
      setFailed(history, true);
    }
  }

  public synchronized boolean isKnown(String key) {
    return histories.containsKey(key);
  }

  private History history(String key, String name) {
    History history = histories.get(key);
    if (history == null) {
      history = new History();
      history.name = name;
      histories.put(key, history);
    }
    return history;
  }

  private void setFailed(History history, boolean failed) {
    history.permanentlyFailed = failed;
    metrics.serverSeen(history.name);
    metrics.setPermanentFailure(history.name, failed);
  }
}
