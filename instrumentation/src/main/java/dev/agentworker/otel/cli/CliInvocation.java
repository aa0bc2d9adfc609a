package dev.agentworker.otel.cli;

/**
 * What a recognised command line asks an agent CLI to do, as far as telemetry cares. Prompts and
 * other free text on the command line are deliberately not kept.
 */
public final class CliInvocation {

  /** What kind of run the command line describes. */
  public enum Kind {
    /** An agent query: the run becomes an {@code invoke_agent} span. */
    QUERY,
    /** {@code --version}: the output is checked against the configured minimum version. */
    VERSION_PROBE,
    /** Any other subcommand (login, mcp, ...): not observed. */
    OTHER
  }

  private final AgentCli cli;
  private final Kind kind;
  private final String requestModel;
  private final String sandboxMode;
  private final boolean jsonOutput;
  private final boolean underTimeout;

  public CliInvocation(
      AgentCli cli, Kind kind, String requestModel, String sandboxMode, boolean jsonOutput) {
    this(cli, kind, requestModel, sandboxMode, jsonOutput, false);
  }

  private CliInvocation(
      AgentCli cli,
      Kind kind,
      String requestModel,
      String sandboxMode,
      boolean jsonOutput,
      boolean underTimeout) {
    this.cli = cli;
    this.kind = kind;
    this.requestModel = requestModel;
    this.sandboxMode = sandboxMode;
    this.jsonOutput = jsonOutput;
    this.underTimeout = underTimeout;
  }

  /** The same invocation, run under {@code timeout(1)}. */
  public CliInvocation underTimeout() {
    return new CliInvocation(cli, kind, requestModel, sandboxMode, jsonOutput, true);
  }

  /** Whether {@code timeout(1)} runs the CLI: its exit status 124 means the time ran out. */
  public boolean isUnderTimeout() {
    return underTimeout;
  }

  public AgentCli cli() {
    return cli;
  }

  public Kind kind() {
    return kind;
  }

  /** The model asked for on the command line, or null when the CLI's default applies. */
  public String requestModel() {
    return requestModel;
  }

  /** The sandbox (Codex) or permission (Claude Code) mode, {@code default} when none is given. */
  public String sandboxMode() {
    return sandboxMode;
  }

  /** Whether stdout carries a JSON event stream that the observer can parse. */
  public boolean jsonOutput() {
    return jsonOutput;
  }
}
