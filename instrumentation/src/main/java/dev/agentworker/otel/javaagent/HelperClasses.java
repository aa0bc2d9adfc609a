package dev.agentworker.otel.javaagent;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Classes injected into the bootstrap class loader with the advice: everything outside this
 * package. Listed by hand because muzzle's helper detection runs only in Gradle builds; a unit test
 * fails when a compiled class is missing here or a superclass or interface comes after its subtype
 * (injection defines classes in this order).
 */
final class HelperClasses {

  private static final String BASE = "dev.agentworker.otel.";

  static final List<String> NAMES =
      Collections.unmodifiableList(
          Arrays.asList(
              BASE + "json.Json",
              BASE + "json.Json$Malformed",
              BASE + "json.JsonValues",
              BASE + "json.JsonWriter",
              BASE + "config.CliVersion",
              BASE + "config.Settings",
              BASE + "config.Settings$CliSettings",
              BASE + "config.Settings$McpSettings",
              BASE + "config.Settings$Reader",
              BASE + "cli.AgentCli",
              BASE + "cli.CliInvocation",
              BASE + "cli.CliInvocation$Kind",
              BASE + "cli.CommandWrappers",
              BASE + "cli.CommandRecognizer",
              BASE + "claude.ClaudeArguments",
              BASE + "codex.CodexArguments",
              BASE + "query.ErrorType",
              BASE + "query.ErrorType$Scope",
              BASE + "query.ErrorMessages",
              BASE + "query.ProcessEnd",
              BASE + "query.OpenToolCalls",
              BASE + "query.QueryFacts",
              BASE + "query.StreamParser",
              BASE + "query.ToolCall",
              BASE + "query.ToolCall$Kind",
              BASE + "query.ToolCallListener",
              BASE + "query.Usage",
              BASE + "claude.ClaudeOutcome",
              BASE + "claude.ClaudeStreamParser",
              BASE + "codex.CodexOutcome",
              BASE + "codex.CodexStreamParser",
              BASE + "codex.ThreadUsage",
              BASE + "codex.ThreadUsage$1",
              BASE + "telemetry.AttributeKeys",
              BASE + "telemetry.Instruments",
              BASE + "telemetry.Instruments$Definition",
              BASE + "telemetry.Instruments$Type",
              BASE + "telemetry.Meters",
              BASE + "telemetry.StartInstant",
              BASE + "telemetry.McpOperation",
              BASE + "telemetry.McpMetrics",
              BASE + "telemetry.McpTracing$RequestSpan",
              BASE + "telemetry.McpTracing",
              BASE + "telemetry.QueryLog",
              BASE + "telemetry.QueryMetrics",
              BASE + "telemetry.QueryResult",
              BASE + "telemetry.QueryTracing",
              BASE + "telemetry.Telemetry",
              BASE + "mcp.JsonRpc",
              BASE + "mcp.RawJson",
              BASE + "mcp.MetaInjector",
              BASE + "mcp.McpCommand",
              BASE + "mcp.McpServers$1",
              BASE + "mcp.McpServers$History",
              BASE + "mcp.McpServers",
              BASE + "mcp.McpSession$Pending",
              BASE + "mcp.McpSession",
              BASE + "process.Background",
              BASE + "process.LineFramer$LineHandler",
              BASE + "process.LineFramer",
              BASE + "process.JsonLines",
              BASE + "process.StreamTap",
              BASE + "process.ObservedInputStream",
              BASE + "process.ObservedProcess$Listener",
              BASE + "process.ObservedProcess",
              BASE + "process.ObservedOutputStream$LineObserver",
              BASE + "process.ObservedOutputStream",
              BASE + "process.McpStart",
              BASE + "process.McpStdioRun$State",
              BASE + "process.McpStdioRun",
              BASE + "process.Providers",
              BASE + "process.QueryStart",
              BASE + "process.QueryRun",
              BASE + "process.TraceContextEnvironment",
              BASE + "process.VersionProbe",
              BASE + "process.WorkspaceId",
              BASE + "process.ProcessStartHook$IgnoringListener",
              BASE + "process.ProcessStartHook$Pending",
              BASE + "process.ProcessStartHook"));

  private HelperClasses() {}

  /** The PostHog exporter lives in the same jar but runs in the SDK, never in the bootstrap. */
  static boolean isHelper(String className) {
    return className.startsWith(BASE)
        && !className.startsWith(BASE + "javaagent.")
        && !className.startsWith(BASE + "posthog.");
  }
}
