package dev.agentworker.otel.telemetry;

import dev.agentworker.otel.cli.CliInvocation;
import dev.agentworker.otel.query.ErrorType;
import dev.agentworker.otel.query.QueryFacts;
import java.util.Collections;
import java.util.Map;

/** Everything known about one finished query; the input of spans, metrics and the log line. */
public final class QueryResult {

  private final CliInvocation invocation;
  private final QueryFacts facts;
  private final ErrorType errorType;
  private final Long exitCode;
  private final long startEpochNanos;
  private final long endEpochNanos;
  private final Double spawnSeconds;
  private final String workspaceId;
  private final Map<String, Long> skippedLines;

  public QueryResult(
      CliInvocation invocation,
      QueryFacts facts,
      ErrorType errorType,
      Long exitCode,
      long startEpochNanos,
      long endEpochNanos,
      Double spawnSeconds,
      String workspaceId,
      Map<String, Long> skippedLines) {
    this.invocation = invocation;
    this.facts = facts;
    this.errorType = errorType;
    this.exitCode = exitCode;
    this.startEpochNanos = startEpochNanos;
    this.endEpochNanos = endEpochNanos;
    this.spawnSeconds = spawnSeconds;
    this.workspaceId = workspaceId;
    this.skippedLines = Collections.unmodifiableMap(skippedLines);
  }

  public CliInvocation invocation() {
    return invocation;
  }

  public QueryFacts facts() {
    return facts;
  }

  /** Null when the query succeeded. */
  public ErrorType errorType() {
    return errorType;
  }

  /** Null when the process never started. */
  public Long exitCode() {
    return exitCode;
  }

  public long startEpochNanos() {
    return startEpochNanos;
  }

  public long endEpochNanos() {
    return endEpochNanos;
  }

  public double durationSeconds() {
    return Math.max(0, endEpochNanos - startEpochNanos) / 1e9;
  }

  /** Null when the process never started. */
  public Double spawnSeconds() {
    return spawnSeconds;
  }

  public String workspaceId() {
    return workspaceId;
  }

  /** Lines passed through unparsed, by {@code agent_worker.stream.skip_reason}. */
  public Map<String, Long> skippedLines() {
    return skippedLines;
  }

  public long skippedLineCount() {
    long total = 0;
    for (long count : skippedLines.values()) {
      total += count;
    }
    return total;
  }
}
