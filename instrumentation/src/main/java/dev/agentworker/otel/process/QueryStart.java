package dev.agentworker.otel.process;

import dev.agentworker.otel.cli.CliInvocation;
import dev.agentworker.otel.telemetry.QueryResult;
import dev.agentworker.otel.telemetry.StartInstant;
import dev.agentworker.otel.telemetry.Telemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/** What is known when a query's process is about to start: its span and start time. */
final class QueryStart {

  private final CliInvocation invocation;
  private final Span span;
  private final Context context;
  private final StartInstant start;
  private final String workspaceId;

  QueryStart(
      CliInvocation invocation,
      Span span,
      Context context,
      StartInstant start,
      String workspaceId) {
    this.invocation = invocation;
    this.span = span;
    this.context = context;
    this.start = start;
    this.workspaceId = workspaceId;
  }

  CliInvocation invocation() {
    return invocation;
  }

  /** The parent context with the query span: the parent of tool spans and the log record. */
  Context context() {
    return context;
  }

  long epochNanos() {
    return start.epochNanos();
  }

  /** Wall-clock time of a later {@link System#nanoTime()} reading, on the start's time base. */
  long epochNanosAt(long laterNanoTime) {
    return start.epochNanosAt(laterNanoTime);
  }

  double secondsSince() {
    return start.secondsSince();
  }

  String workspaceId() {
    return workspaceId;
  }

  /** Ends the span and records the metrics and the log record of the finished query. */
  void end(Telemetry telemetry, QueryResult result, Long pid) {
    telemetry.tracing().endQuery(span, result, pid);
    telemetry.metrics().recordQuery(result);
    telemetry.log().emit(result, context, System.err);
  }
}
