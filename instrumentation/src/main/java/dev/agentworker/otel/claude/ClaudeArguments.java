package dev.agentworker.otel.claude;

import dev.agentworker.otel.cli.AgentCli;
import dev.agentworker.otel.cli.CliInvocation;
import java.util.List;

/**
 * Reads the parts of a {@code claude} command line that telemetry reports: a query is a {@code
 * -p}/{@code --print} run; {@code --output-format stream-json} makes stdout parseable.
 */
public final class ClaudeArguments {

  private ClaudeArguments() {}

  public static CliInvocation parse(List<String> args) {
    boolean print = false;
    boolean version = false;
    boolean streamJson = false;
    String model = null;
    String permissionMode = null;

    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String value = i + 1 < args.size() ? args.get(i + 1) : null;
      if (arg.equals("-p") || arg.equals("--print")) {
        print = true;
      } else if (arg.equals("-v") || arg.equals("--version")) {
        version = true;
      } else if (arg.equals("--output-format")) {
        streamJson = "stream-json".equals(value);
        i++;
      } else if (arg.equals("--output-format=stream-json")) {
        streamJson = true;
      } else if (arg.equals("--model")) {
        model = value;
        i++;
      } else if (arg.startsWith("--model=")) {
        model = arg.substring("--model=".length());
      } else if (arg.equals("--permission-mode")) {
        permissionMode = value;
        i++;
      } else if (arg.startsWith("--permission-mode=")) {
        permissionMode = arg.substring("--permission-mode=".length());
      } else if (arg.equals("--dangerously-skip-permissions")) {
        permissionMode = "bypassPermissions";
      }
    }

    CliInvocation.Kind kind =
        print
            ? CliInvocation.Kind.QUERY
            : version ? CliInvocation.Kind.VERSION_PROBE : CliInvocation.Kind.OTHER;
    return new CliInvocation(
        AgentCli.CLAUDE_CODE,
        kind,
        model,
        permissionMode == null ? "default" : permissionMode,
        streamJson);
  }
}
