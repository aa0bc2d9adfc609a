package dev.agentworker.otel.process;

import dev.agentworker.otel.cli.AgentCli;
import dev.agentworker.otel.cli.CliInvocation;
import dev.agentworker.otel.cli.CommandRecognizer;
import dev.agentworker.otel.config.CliVersion;
import dev.agentworker.otel.config.Settings;
import dev.agentworker.otel.mcp.McpCommand;
import dev.agentworker.otel.mcp.McpServers;
import dev.agentworker.otel.query.ErrorType;
import dev.agentworker.otel.query.QueryFacts;
import dev.agentworker.otel.telemetry.QueryResult;
import dev.agentworker.otel.telemetry.StartInstant;
import dev.agentworker.otel.telemetry.Telemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Called by the advice on {@code ProcessBuilder.start}: before the start it recognises agent CLI
 * commands and opens the query span; after it, it hands the worker an {@link ObservedProcess}. Both
 * methods catch everything: a failure here costs telemetry, never the worker's process.
 */
public final class ProcessStartHook {

  private static final Logger logger = Logger.getLogger(ProcessStartHook.class.getName());

  private static final ObservedProcess.Listener IGNORE_EXIT = new IgnoringListener();

  /** For processes whose exit does not end a query. */
  static final class IgnoringListener implements ObservedProcess.Listener {
    @Override
    public void destroyRequested() {}

    @Override
    public void exited(int exitCode) {}
  }

  private ProcessStartHook() {}

  /** State carried from {@link #before} to {@link #after}. */
  static final class Pending {
    final CliInvocation invocation;
    final QueryStart query;
    final TraceContextEnvironment environment;
    final McpStart mcp;

    Pending(
        CliInvocation invocation,
        QueryStart query,
        TraceContextEnvironment environment,
        McpStart mcp) {
      this.invocation = invocation;
      this.query = query;
      this.environment = environment;
      this.mcp = mcp;
    }
  }

  /**
   * Creates the alert-relevant metric series at zero for every enabled CLI; called once when the
   * agent has started.
   */
  public static void initializeMetrics() {
    try {
      Settings settings = Settings.get();
      if (!settings.moduleEnabled()) {
        return;
      }
      List<AgentCli> enabled = new ArrayList<>();
      for (AgentCli cli : AgentCli.values()) {
        if (settings.cli(cli).enabled()) {
          enabled.add(cli);
        }
      }
      Telemetry.get().metrics().initialize(enabled);
    } catch (Throwable t) {
      logger.log(Level.FINE, "could not initialize agent-cli metrics", t);
    }
  }

  /** Returns null for commands that are not observed. */
  public static Object before(ProcessBuilder builder) {
    try {
      Settings settings = Settings.get();
      if (!settings.moduleEnabled()) {
        return null;
      }
      CliInvocation invocation = CommandRecognizer.recognize(builder.command(), settings);
      if (invocation == null || invocation.kind() == CliInvocation.Kind.OTHER) {
        return possibleMcpServer(builder, settings);
      }
      if (invocation.kind() == CliInvocation.Kind.VERSION_PROBE) {
        boolean checked = !settings.cli(invocation.cli()).minVersion().isEmpty();
        return checked ? new Pending(invocation, null, null, null) : null;
      }

      Telemetry telemetry = Telemetry.get();
      Context parent = Context.current();
      String workspaceId = WorkspaceId.resolve(parent, builder, settings);
      StartInstant start = StartInstant.now();
      Span span =
          telemetry.tracing().startQuery(invocation, parent, start.epochNanos(), workspaceId);
      Context context = parent.with(span);
      QueryStart query = new QueryStart(invocation, span, context, start, workspaceId);
      TraceContextEnvironment environment =
          settings.propagateTraceContext()
              ? TraceContextEnvironment.inject(builder, context)
              : null;
      return new Pending(invocation, query, environment, null);
    } catch (Throwable t) {
      logger.log(Level.FINE, "could not observe a process start", t);
      return null;
    }
  }

  /** Returns the process the worker gets: {@code process} itself or a wrapper around it. */
  public static Process after(
      Object state, ProcessBuilder builder, Process process, Throwable thrown) {
    if (!(state instanceof Pending)) {
      return process;
    }
    try {
      Pending pending = (Pending) state;
      if (pending.environment != null) {
        pending.environment.restore(builder);
      }
      if (pending.mcp != null) {
        return startMcpServer(pending.mcp, builder, process);
      }
      if (pending.query == null) {
        return probeVersion(pending.invocation, builder, process);
      }
      return startQuery(pending.query, builder, process, thrown);
    } catch (Throwable t) {
      logger.log(Level.FINE, "could not observe a process start", t);
      return process;
    }
  }

  private static Process startQuery(
      QueryStart query, ProcessBuilder builder, Process process, Throwable thrown) {
    Settings settings = Settings.get();
    Telemetry telemetry = Telemetry.get();
    double spawnSeconds = query.secondsSince();
    if (process == null) {
      ErrorType error = thrown == null ? ErrorType.SPAWN_FAILED : Providers.spawnError(thrown);
      QueryResult result =
          new QueryResult(
              query.invocation(),
              new QueryFacts(),
              error,
              null,
              query.epochNanos(),
              query.epochNanosAt(System.nanoTime()),
              null,
              query.workspaceId(),
              Collections.emptyMap());
      query.end(telemetry, result, null);
      return null;
    }

    telemetry.metrics().recordStart(query.invocation(), spawnSeconds);
    boolean piped = builder.redirectOutput() == Redirect.PIPE;
    QueryRun run =
        new QueryRun(
            query,
            telemetry,
            piped && query.invocation().jsonOutput(),
            settings.maxLineBytes(),
            settings.drainTimeoutMillis(),
            spawnSeconds);
    InputStream stdout =
        run.observesStream()
            ? new ObservedInputStream(process.getInputStream(), run)
            : process.getInputStream();
    ObservedProcess observed = new ObservedProcess(process, process.getOutputStream(), stdout, run);
    run.attach(process);
    return observed;
  }

  private static Process probeVersion(
      CliInvocation invocation, ProcessBuilder builder, Process process) {
    if (process == null || builder.redirectOutput() != Redirect.PIPE) {
      return process;
    }
    CliVersion minimum = CliVersion.parse(Settings.get().cli(invocation.cli()).minVersion());
    InputStream stdout =
        new ObservedInputStream(
            process.getInputStream(), new VersionProbe(invocation.cli(), minimum));
    return new ObservedProcess(process, process.getOutputStream(), stdout, IGNORE_EXIT);
  }

  /**
   * Any other child whose stdin and stdout are both pipes may be an MCP stdio server: it is watched
   * until the worker's first line says whether it is.
   */
  private static Pending possibleMcpServer(ProcessBuilder builder, Settings settings) {
    if (!settings.mcp().enabled()
        || builder.redirectInput() != Redirect.PIPE
        || builder.redirectOutput() != Redirect.PIPE
        || builder.command().isEmpty()) {
      return null;
    }
    return new Pending(null, null, null, new McpStart(builder.command(), StartInstant.now()));
  }

  private static Process startMcpServer(McpStart start, ProcessBuilder builder, Process process) {
    Settings settings = Settings.get();
    // The history exists once some child was a server; until then nothing more is created.
    McpServers servers = McpServers.existing();
    boolean known =
        (servers != null && servers.isKnown(start.key()))
            || McpCommand.isConfigured(builder.command(), settings.mcp().commands());
    if (process == null) {
      if (known) {
        servers = McpServers.get();
        String name = servers.knownName(start.key());
        Telemetry.get()
            .mcpMetrics()
            .recordStartup(
                name == null ? start.fallbackName() : name,
                start.time().secondsSince(),
                ErrorType.SPAWN_FAILED.value());
        servers.spawnFailed(start.key());
      }
      return null;
    }
    McpStdioRun run = new McpStdioRun(start, Telemetry::get, McpServers::get, settings, known);
    OutputStream stdin = new ObservedOutputStream(process.getOutputStream(), run);
    InputStream stdout = new ObservedInputStream(process.getInputStream(), run);
    run.attach(process);
    return new ObservedProcess(process, stdin, stdout, run);
  }
}
