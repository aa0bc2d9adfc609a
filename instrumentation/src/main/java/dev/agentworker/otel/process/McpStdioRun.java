package dev.agentworker.otel.process;

import dev.agentworker.otel.config.Settings;
import dev.agentworker.otel.mcp.McpServers;
import dev.agentworker.otel.mcp.McpSession;
import dev.agentworker.otel.telemetry.Telemetry;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A child process with piped stdin and stdout that may be an MCP stdio server. Until the worker's
 * first line shows an MCP client talking (or the command is a known or configured server) it is
 * only watched; a first line that is anything else ends the observation for good. Once it is a
 * server, stdin lines and stdout lines go to its {@link McpSession}, and the session ends when the
 * process has exited and stdout has been read to the end, or a drain time after the exit.
 */
final class McpStdioRun
    implements StreamTap,
        ObservedOutputStream.LineObserver,
        ObservedProcess.Listener,
        LineFramer.LineHandler {

  private static final Logger logger = Logger.getLogger(McpStdioRun.class.getName());

  /** A first line longer than this is not an MCP handshake; the JDK buffers as much. */
  static final int FIRST_LINE_LIMIT = 8 * 1024;

  /** Requests longer than this are sent unobserved, without trace context. */
  static final int REQUEST_LINE_LIMIT = 1024 * 1024;

  private enum State {
    UNDECIDED,
    SERVER,
    NOT_MCP
  }

  private final McpStart start;

  /** Taken only once the child is a server: most children never are. */
  private final Supplier<Telemetry> telemetry;

  private final Supplier<McpServers> servers;
  private final Settings.McpSettings settings;
  private final LineFramer framer;
  private final long drainTimeoutMillis;
  private final int requestLineLimit;

  private volatile State state;
  private volatile McpSession session;
  private Process process;
  private boolean clientClosed;
  private boolean streamEnded;
  private boolean exited;
  private boolean finished;
  private int exitCode;
  private ScheduledFuture<?> drainTimer;

  McpStdioRun(
      McpStart start,
      Supplier<Telemetry> telemetry,
      Supplier<McpServers> servers,
      Settings settings,
      boolean knownServer) {
    this.start = start;
    this.telemetry = telemetry;
    this.servers = servers;
    this.settings = settings.mcp();
    this.framer = new LineFramer(this, settings.maxLineBytes());
    this.drainTimeoutMillis = settings.drainTimeoutMillis();
    this.requestLineLimit = Math.min(REQUEST_LINE_LIMIT, settings.maxLineBytes());
    this.state = State.UNDECIDED;
    if (knownServer) {
      becomeServer();
    }
  }

  /** Watches the exit of the process once it is known to be a server. */
  synchronized void attach(Process process) {
    this.process = process;
    if (state == State.SERVER) {
      watchExit();
    }
  }

  // stdin, on the worker's writing thread

  @Override
  public boolean observing() {
    return state != State.NOT_MCP;
  }

  @Override
  public int holdLimit() {
    return state == State.SERVER ? requestLineLimit : FIRST_LINE_LIMIT;
  }

  @Override
  public synchronized byte[] onLine(byte[] bytes, int length, boolean replaceable) {
    Object parsed = JsonLines.parse(bytes, length, true, reason -> {});
    if (state == State.UNDECIDED) {
      if (!McpSession.opensSession(parsed)) {
        state = State.NOT_MCP;
        return null;
      }
      becomeServer();
      if (process != null) {
        watchExit();
      }
    }
    McpSession current = session;
    return current == null || parsed == null
        ? null
        : current.onClientLine(parsed, bytes, length, replaceable);
  }

  @Override
  public synchronized void onOversizedLine() {
    if (state == State.UNDECIDED) {
      state = State.NOT_MCP;
    }
  }

  @Override
  public synchronized void onClose() {
    clientClosed();
  }

  // stdout, on the worker's reading thread

  @Override
  public synchronized void onBytes(byte[] bytes, int offset, int count) {
    if (state != State.NOT_MCP && !finished) {
      framer.write(bytes, offset, count);
    }
  }

  @Override
  public synchronized void onGap() {
    framer.gap();
  }

  @Override
  public synchronized void onEnd() {
    if (streamEnded) {
      return;
    }
    streamEnded = true;
    if (state != State.NOT_MCP) {
      framer.finish();
    }
    if (exited) {
      finish();
    }
  }

  @Override
  public void onLine(byte[] bytes, int length) {
    McpSession current = session;
    if (current == null) {
      return;
    }
    Object parsed = JsonLines.parse(bytes, length, true, current::onSkippedServerLine);
    if (parsed != null) {
      current.onServerLine(parsed, bytes, length);
    }
  }

  @Override
  public void onOversizedLine(byte[] prefix, int offset, int length) {
    McpSession current = session;
    if (current != null) {
      current.onSkippedServerLine(JsonLines.TOO_LONG);
      current.onOversizedServerLine(prefix, offset, length);
    }
  }

  // the process

  @Override
  public synchronized void destroyRequested() {
    clientClosed();
  }

  @Override
  public synchronized void exited(int exitCode) {
    if (exited || finished || state != State.SERVER) {
      return;
    }
    this.exitCode = exitCode;
    exited = true;
    if (streamEnded || clientClosed) {
      finish();
    } else {
      drainTimer =
          Background.executor()
              .schedule(this::drainExpired, drainTimeoutMillis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * The worker closed stdin or destroyed the process. After the server has closed its stdout or
   * exited, the session had already ended on the server's side: that is no close by the worker.
   */
  private void clientClosed() {
    if (streamEnded || exited || (process != null && !process.isAlive())) {
      return;
    }
    clientClosed = true;
    McpSession current = session;
    if (current != null) {
      current.onClientClosed();
    }
    if (state == State.UNDECIDED) {
      state = State.NOT_MCP;
    }
  }

  private void becomeServer() {
    session =
        new McpSession(
            start.key(),
            start.fallbackName(),
            start.time(),
            telemetry.get(),
            servers.get(),
            settings);
    state = State.SERVER;
  }

  private void watchExit() {
    Process watched = process;
    watched
        .onExit()
        .whenCompleteAsync((ignored, error) -> exited(watched.exitValue()), Background.executor());
  }

  private synchronized void drainExpired() {
    finish();
  }

  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      if (drainTimer != null) {
        drainTimer.cancel(false);
      }
      McpSession current = session;
      if (current != null) {
        current.onProcessEnded(exitCode);
      }
    } catch (Throwable t) {
      logger.log(Level.FINE, "could not record the end of an MCP server", t);
    }
  }
}
