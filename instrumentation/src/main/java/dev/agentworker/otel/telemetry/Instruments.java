package dev.agentworker.otel.telemetry;

import static dev.agentworker.otel.telemetry.AttributeKeys.ERROR_TYPE;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_AGENT_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_OPERATION_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_PROMPT_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_PROVIDER_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_REQUEST_MODEL;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_TOKEN_TYPE;
import static dev.agentworker.otel.telemetry.AttributeKeys.GEN_AI_TOOL_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_METHOD_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_PROTOCOL_VERSION;
import static dev.agentworker.otel.telemetry.AttributeKeys.MCP_SERVER_NAME;
import static dev.agentworker.otel.telemetry.AttributeKeys.NETWORK_TRANSPORT;
import static dev.agentworker.otel.telemetry.AttributeKeys.QUERY_OUTCOME;
import static dev.agentworker.otel.telemetry.AttributeKeys.RPC_RESPONSE_STATUS_CODE;
import static dev.agentworker.otel.telemetry.AttributeKeys.SANDBOX_MODE;
import static dev.agentworker.otel.telemetry.AttributeKeys.STREAM_SKIP_REASON;
import static dev.agentworker.otel.telemetry.AttributeKeys.TOOL_KIND;

import io.opentelemetry.api.common.AttributeKey;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every metric instrument the extension records: name, type, unit, buckets and attribute keys.
 * {@link QueryMetrics} builds its instruments from these definitions and {@code docs/telemetry.md}
 * documents the same table; a test fails when the two disagree.
 */
public final class Instruments {

  /** Instrument types as documented. */
  public enum Type {
    COUNTER,
    HISTOGRAM,
    GAUGE
  }

  /** One instrument definition. */
  public static final class Definition {
    private final String name;
    private final Type type;
    private final String unit;
    private final String description;
    private final List<Double> buckets;
    private final List<AttributeKey<?>> attributes;

    Definition(
        String name,
        Type type,
        String unit,
        String description,
        List<Double> buckets,
        AttributeKey<?>... attributes) {
      this.name = name;
      this.type = type;
      this.unit = unit;
      this.description = description;
      this.buckets = buckets;
      this.attributes = Collections.unmodifiableList(Arrays.asList(attributes));
    }

    public String name() {
      return name;
    }

    public Type type() {
      return type;
    }

    public String unit() {
      return unit;
    }

    public String description() {
      return description;
    }

    /** Explicit bucket boundaries of a histogram; empty for other types. */
    public List<Double> buckets() {
      return buckets;
    }

    /** Every attribute key the instrument may carry (optional ones included). */
    public List<AttributeKey<?>> attributes() {
      return attributes;
    }
  }

  /**
   * The GenAI duration buckets (0.01 s doubling to 81.92 s) extended by further doublings to one
   * hour, because agent runs routinely outlast the semantic-convention default.
   */
  public static final List<Double> DURATION_BUCKETS =
      Collections.unmodifiableList(
          Arrays.asList(
              0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96,
              81.92, 163.84, 327.68, 655.36, 1310.72, 2621.44, 3600.0));

  /** The GenAI token-usage buckets of semantic conventions v1.41. */
  public static final List<Double> TOKEN_USAGE_BUCKETS =
      Collections.unmodifiableList(
          Arrays.asList(
              1.0,
              4.0,
              16.0,
              64.0,
              256.0,
              1024.0,
              4096.0,
              16384.0,
              65536.0,
              262144.0,
              1048576.0,
              4194304.0,
              16777216.0,
              67108864.0));

  /** Per-query totals; 500000 is explicit so "a query above 500k tokens" is one bucket away. */
  public static final List<Double> QUERY_TOKEN_BUCKETS =
      Collections.unmodifiableList(
          Arrays.asList(
              1000.0,
              5000.0,
              10000.0,
              50000.0,
              100000.0,
              250000.0,
              500000.0,
              1000000.0,
              2000000.0,
              5000000.0,
              10000000.0));

  public static final List<Double> SPAWN_BUCKETS =
      Collections.unmodifiableList(
          Arrays.asList(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0));

  /** The MCP operation buckets of semantic conventions v1.41. */
  public static final List<Double> MCP_OPERATION_BUCKETS =
      Collections.unmodifiableList(
          Arrays.asList(
              0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0));

  /** The MCP buckets extended to a day: a stdio session lives as long as its server process. */
  public static final List<Double> MCP_SESSION_BUCKETS =
      Collections.unmodifiableList(
          Arrays.asList(
              0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0,
              3600.0, 14400.0, 86400.0));

  public static final List<Double> MCP_STARTUP_BUCKETS =
      Collections.unmodifiableList(
          Arrays.asList(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0));

  private static final List<Double> NONE = Collections.emptyList();

  public static final Definition OPERATION_DURATION =
      new Definition(
          "gen_ai.client.operation.duration",
          Type.HISTOGRAM,
          "s",
          "Duration of agent queries, from process start to exit.",
          DURATION_BUCKETS,
          GEN_AI_OPERATION_NAME,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME,
          GEN_AI_REQUEST_MODEL,
          ERROR_TYPE);
  public static final Definition TOKEN_USAGE =
      new Definition(
          "gen_ai.client.token.usage",
          Type.HISTOGRAM,
          "{token}",
          "Tokens used per query, by token type (input includes cached input).",
          TOKEN_USAGE_BUCKETS,
          GEN_AI_OPERATION_NAME,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME,
          GEN_AI_REQUEST_MODEL,
          GEN_AI_TOKEN_TYPE);
  public static final Definition QUERIES =
      new Definition(
          "agent_worker.queries",
          Type.COUNTER,
          "{query}",
          "Agent queries that ended, by outcome.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME,
          QUERY_OUTCOME);
  public static final Definition QUERY_ERRORS =
      new Definition(
          "agent_worker.query.errors",
          Type.COUNTER,
          "{query}",
          "Failed agent queries, by error type.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME,
          ERROR_TYPE);
  public static final Definition QUERY_TOKENS =
      new Definition(
          "agent_worker.query.tokens",
          Type.HISTOGRAM,
          "{token}",
          "Total tokens (input plus output) of each query.",
          QUERY_TOKEN_BUCKETS,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME);
  public static final Definition INPUT_TOKENS =
      new Definition(
          "agent_worker.tokens.input",
          Type.COUNTER,
          "{token}",
          "Input tokens consumed, cached input included.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME);
  public static final Definition OUTPUT_TOKENS =
      new Definition(
          "agent_worker.tokens.output",
          Type.COUNTER,
          "{token}",
          "Output tokens produced, reasoning tokens included.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME);
  public static final Definition CACHED_TOKENS =
      new Definition(
          "agent_worker.tokens.cached",
          Type.COUNTER,
          "{token}",
          "Input tokens read from the provider's prompt cache.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME);
  public static final Definition CACHE_CREATION_TOKENS =
      new Definition(
          "agent_worker.tokens.cache_creation",
          Type.COUNTER,
          "{token}",
          "Input tokens written to the provider's prompt cache.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME);
  public static final Definition RETRIES =
      new Definition(
          "agent_worker.query.retries",
          Type.COUNTER,
          "{retry}",
          "Retries the CLI reported while a query ran (not failures by themselves).",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME);
  public static final Definition TOOL_CALLS =
      new Definition(
          "agent_worker.tool.calls",
          Type.COUNTER,
          "{call}",
          "Tool calls reported by agents or made by the worker over MCP stdio, per server and"
              + " tool.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME,
          GEN_AI_TOOL_NAME,
          TOOL_KIND,
          MCP_SERVER_NAME);
  public static final Definition TOOL_ERRORS =
      new Definition(
          "agent_worker.tool.errors",
          Type.COUNTER,
          "{call}",
          "Tool calls that failed, per MCP server and tool.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME,
          GEN_AI_TOOL_NAME,
          TOOL_KIND,
          MCP_SERVER_NAME,
          ERROR_TYPE);
  public static final Definition CONSECUTIVE_FAILURES =
      new Definition(
          "agent_worker.provider.consecutive_failures",
          Type.GAUGE,
          "{query}",
          "Failed queries in a row for the provider; 0 after a success.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME);
  public static final Definition SPAWN_DURATION =
      new Definition(
          "agent_worker.cli.spawn.duration",
          Type.HISTOGRAM,
          "s",
          "Time ProcessBuilder.start() took to spawn the CLI process.",
          SPAWN_BUCKETS,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME);
  public static final Definition BINARY_ERRORS =
      new Definition(
          "agent_worker.cli.binary_errors",
          Type.COUNTER,
          "{error}",
          "CLI binary not found, not executable, or older than the configured minimum version.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME,
          ERROR_TYPE);
  public static final Definition SANDBOX_QUERIES =
      new Definition(
          "agent_worker.sandbox.queries",
          Type.COUNTER,
          "{query}",
          "Queries started, by sandbox mode.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME,
          SANDBOX_MODE);
  public static final Definition COST =
      new Definition(
          "agent_worker.cost.usd",
          Type.COUNTER,
          "{USD}",
          "Cost of queries as the CLI reports it, in US dollars.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME);
  public static final Definition MCP_SERVER_FAILURES =
      new Definition(
          "agent_worker.mcp.server.failures",
          Type.COUNTER,
          "{failure}",
          "Queries whose CLI reported an MCP server as failed at start-up, per server.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME,
          MCP_SERVER_NAME);
  public static final Definition LINES_SKIPPED =
      new Definition(
          "agent_worker.stream.lines_skipped",
          Type.COUNTER,
          "{line}",
          "Stdout lines passed through without parsing, by reason.",
          NONE,
          GEN_AI_PROVIDER_NAME,
          GEN_AI_AGENT_NAME,
          MCP_SERVER_NAME,
          STREAM_SKIP_REASON);
  public static final Definition MCP_OPERATION_DURATION =
      new Definition(
          "mcp.client.operation.duration",
          Type.HISTOGRAM,
          "s",
          "Duration of MCP requests the worker sent over stdio, from request to response.",
          MCP_OPERATION_BUCKETS,
          MCP_METHOD_NAME,
          GEN_AI_TOOL_NAME,
          GEN_AI_PROMPT_NAME,
          GEN_AI_OPERATION_NAME,
          ERROR_TYPE,
          RPC_RESPONSE_STATUS_CODE,
          MCP_PROTOCOL_VERSION,
          NETWORK_TRANSPORT,
          MCP_SERVER_NAME);
  public static final Definition MCP_SESSION_DURATION =
      new Definition(
          "mcp.client.session.duration",
          Type.HISTOGRAM,
          "s",
          "Lifetime of MCP stdio server processes the worker started, from spawn to exit.",
          MCP_SESSION_BUCKETS,
          ERROR_TYPE,
          MCP_PROTOCOL_VERSION,
          NETWORK_TRANSPORT,
          MCP_SERVER_NAME);
  public static final Definition MCP_SERVER_STARTUP =
      new Definition(
          "agent_worker.mcp.server.startup.duration",
          Type.HISTOGRAM,
          "s",
          "Time from spawning an MCP stdio server to its first successful response (initialize).",
          MCP_STARTUP_BUCKETS,
          MCP_SERVER_NAME,
          ERROR_TYPE);
  public static final Definition MCP_SERVER_CRASHES =
      new Definition(
          "agent_worker.mcp.server.crashes",
          Type.COUNTER,
          "{crash}",
          "MCP stdio servers that exited while the worker still used them.",
          NONE,
          MCP_SERVER_NAME);
  public static final Definition MCP_SERVER_RESTARTS =
      new Definition(
          "agent_worker.mcp.server.restarts",
          Type.COUNTER,
          "{restart}",
          "MCP stdio servers started again after a crash.",
          NONE,
          MCP_SERVER_NAME);
  public static final Definition MCP_SERVER_PERMANENT_FAILURE =
      new Definition(
          "agent_worker.mcp.server.permanent_failure",
          Type.GAUGE,
          "{server}",
          "1 while an MCP stdio server has failed to restart or crashed too often; 0 once healthy.",
          NONE,
          MCP_SERVER_NAME);

  public static final List<Definition> ALL =
      Collections.unmodifiableList(
          Arrays.asList(
              OPERATION_DURATION,
              TOKEN_USAGE,
              QUERIES,
              QUERY_ERRORS,
              QUERY_TOKENS,
              INPUT_TOKENS,
              OUTPUT_TOKENS,
              CACHED_TOKENS,
              CACHE_CREATION_TOKENS,
              RETRIES,
              TOOL_CALLS,
              TOOL_ERRORS,
              CONSECUTIVE_FAILURES,
              SPAWN_DURATION,
              BINARY_ERRORS,
              SANDBOX_QUERIES,
              COST,
              MCP_SERVER_FAILURES,
              LINES_SKIPPED,
              MCP_OPERATION_DURATION,
              MCP_SESSION_DURATION,
              MCP_SERVER_STARTUP,
              MCP_SERVER_CRASHES,
              MCP_SERVER_RESTARTS,
              MCP_SERVER_PERMANENT_FAILURE));

  private Instruments() {}
}
