package dev.agentworker.otel.process;

import dev.agentworker.otel.cli.CliInvocation;
import dev.agentworker.otel.query.ErrorType;
import dev.agentworker.otel.query.ProcessEnd;
import dev.agentworker.otel.query.QueryFacts;
import dev.agentworker.otel.query.StreamParser;
import dev.agentworker.otel.query.ToolCall;
import dev.agentworker.otel.query.ToolCallListener;
import dev.agentworker.otel.telemetry.QueryResult;
import dev.agentworker.otel.telemetry.Telemetry;
import io.opentelemetry.api.trace.Span;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One agent query from spawn to end. It ends once the process has exited and the worker has read
 * stdout to its end; if the worker stops reading, it ends a configured drain time after the exit,
 * with what was seen by then. All entry points are synchronized and never throw.
 */
final class QueryRun implements StreamTap, ToolCallListener, ObservedProcess.Listener {

  private static final Logger logger = Logger.getLogger(QueryRun.class.getName());

  private final QueryStart start;
  private final Telemetry telemetry;
  private final StreamParser parser;
  private final JsonLines lines;
  private final LineFramer framer;
  private final long drainTimeoutMillis;
  private final Map<ToolCall, Span> toolSpans = new IdentityHashMap<>();
  private final Double spawnSeconds;

  private volatile boolean destroyedByWorker;
  private boolean streamEnded;
  private boolean finished;
  private Long pid;
  private boolean exited;
  private ScheduledFuture<?> drainTimer;
  private int exitCode;
  private long exitEpochNanos;

  /** Time of the last tool event the worker read; it may come after the exit. */
  private long lastToolEventEpochNanos;

  private boolean terminalSeen;
  private long terminalEpochNanos;

  /**
   * @param observeStream whether stdout is piped to the worker and carries a stream this extension
   *     can parse
   */
  QueryRun(
      QueryStart start,
      Telemetry telemetry,
      boolean observeStream,
      int maxLineBytes,
      long drainTimeoutMillis,
      Double spawnSeconds) {
    this.start = start;
    this.telemetry = telemetry;
    this.parser = observeStream ? Providers.parser(start.invocation().cli(), this) : null;
    this.lines = parser == null ? null : new JsonLines(parser);
    this.framer = parser == null ? null : new LineFramer(lines, maxLineBytes);
    this.drainTimeoutMillis = drainTimeoutMillis;
    this.spawnSeconds = spawnSeconds;
    this.streamEnded = parser == null;
  }

  /** Whether stdout is parsed (false for redirected output or an unparsed CLI). */
  boolean observesStream() {
    return parser != null;
  }

  /** Ends the query when the process exits. */
  void attach(Process process) {
    pid = process.pid();
    Background.track(this);
    process
        .onExit()
        .whenCompleteAsync((ignored, error) -> exited(process.exitValue()), Background.executor());
  }

  @Override
  public void destroyRequested() {
    destroyedByWorker = true;
  }

  @Override
  public synchronized void onBytes(byte[] bytes, int offset, int count) {
    if (!finished) {
      framer.write(bytes, offset, count);
      if (!terminalSeen && parser.facts().terminal()) {
        onTerminalEvent();
      }
    }
  }

  /**
   * The stream reported the end of the query. For a CLI whose query ends there, wait for the exit
   * (to keep the exit code) at most the drain time.
   */
  private void onTerminalEvent() {
    terminalSeen = true;
    terminalEpochNanos = start.epochNanosAt(System.nanoTime());
    if (!exited && Providers.endsAtTerminalEvent(start.invocation().cli())) {
      drainTimer =
          Background.executor()
              .schedule(this::drainExpired, drainTimeoutMillis, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void onGap() {
    if (!finished) {
      framer.gap();
    }
  }

  @Override
  public synchronized void onEnd() {
    if (streamEnded || finished) {
      return;
    }
    framer.finish();
    streamEnded = true;
    if (exited) {
      finish();
    }
  }

  @Override
  public void onToolStarted(ToolCall call) {
    toolSpans.put(
        call,
        telemetry.tracing().startTool(start.context(), start.invocation().cli(), call, now()));
  }

  @Override
  public void onToolFinished(ToolCall call) {
    Span span = toolSpans.remove(call);
    if (span != null) {
      telemetry.tracing().endTool(span, call, now());
    }
    telemetry.metrics().recordToolCall(start.invocation().cli(), call);
  }

  /** The process exited: seen by the worker (waitFor, exitValue) or by the exit watcher. */
  @Override
  public synchronized void exited(int exitCode) {
    if (exited || finished) {
      return;
    }
    try {
      this.exitCode = exitCode;
      exited = true;
      exitEpochNanos = start.epochNanosAt(System.nanoTime());
      // A process the worker destroyed has no further output anyone waits for.
      if (streamEnded || destroyedByWorker) {
        finish();
      } else {
        if (drainTimer != null) {
          drainTimer.cancel(false);
        }
        drainTimer =
            Background.executor()
                .schedule(this::drainExpired, drainTimeoutMillis, TimeUnit.MILLISECONDS);
      }
    } catch (Throwable t) {
      logger.log(Level.FINE, "could not record the end of an agent query", t);
    }
  }

  private long now() {
    long epochNanos = start.epochNanosAt(System.nanoTime());
    lastToolEventEpochNanos = epochNanos;
    return epochNanos;
  }

  private synchronized void drainExpired() {
    finish();
  }

  /** Called at JVM shutdown: a query whose process has exited ends now rather than never. */
  synchronized void finishIfExited() {
    if (exited) {
      finish();
    }
  }

  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    Background.untrack(this);
    try {
      if (drainTimer != null) {
        drainTimer.cancel(false);
      }
      QueryFacts facts = parser == null ? new QueryFacts() : parser.facts();
      if (parser != null) {
        parser.finishOpenCalls();
      }
      CliInvocation invocation = start.invocation();
      ErrorType error =
          Providers.classify(
              invocation, facts, exited ? new ProcessEnd(exitCode, destroyedByWorker) : null);
      long endEpochNanos =
          terminalSeen && Providers.endsAtTerminalEvent(invocation.cli())
              ? (exited ? Math.min(terminalEpochNanos, exitEpochNanos) : terminalEpochNanos)
              : exitEpochNanos;
      QueryResult result =
          new QueryResult(
              invocation,
              facts,
              error,
              exited ? Long.valueOf(exitCode) : null,
              start.epochNanos(),
              Math.max(endEpochNanos, lastToolEventEpochNanos),
              spawnSeconds,
              start.workspaceId(),
              lines == null ? Collections.emptyMap() : lines.skipped());
      start.end(telemetry, result, pid);
    } catch (Throwable t) {
      logger.log(Level.FINE, "could not record the end of an agent query", t);
    }
  }
}
