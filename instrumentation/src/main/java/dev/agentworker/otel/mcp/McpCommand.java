package dev.agentworker.otel.mcp;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the command line of a server process tells: its identity, a name, a configured match. */
public final class McpCommand {

  /** Runtimes and launchers whose first non-option argument names the server better. */
  private static final Set<String> LAUNCHERS =
      new HashSet<>(
          Arrays.asList(
              "node", "npx", "bun", "bunx", "deno", "python", "python3", "uv", "uvx", "pipx",
              "java", "docker", "podman"));

  private McpCommand() {}

  /** The server's identity across restarts: the whole command line. */
  public static String key(List<String> command) {
    return String.join("\u0000", command);
  }

  /**
   * A name for metrics until the server reports its own: the executable's file name, or for a
   * launcher ({@code npx -y @scope/server}, {@code node dist/index.js}) its first operand.
   */
  public static String fallbackName(List<String> command) {
    if (command.isEmpty()) {
      return "unknown";
    }
    String executable = fileName(command.get(0));
    if (LAUNCHERS.contains(executable)) {
      for (int i = 1; i < command.size(); i++) {
        String argument = command.get(i);
        if (!argument.startsWith("-") && !argument.isEmpty()) {
          return fileName(argument);
        }
      }
    }
    return executable;
  }

  /**
   * Whether the operator listed this command as an MCP server: an entry equal to the executable's
   * file name or path, or to one of its arguments (for servers run through a launcher).
   */
  public static boolean isConfigured(List<String> command, List<String> configured) {
    if (command.isEmpty() || configured.isEmpty()) {
      return false;
    }
    for (String entry : configured) {
      if (entry.equals(command.get(0)) || entry.equals(fileName(command.get(0)))) {
        return true;
      }
      for (int i = 1; i < command.size(); i++) {
        if (entry.equals(command.get(i))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash >= 0 && slash < path.length() - 1 ? path.substring(slash + 1) : path;
  }
}
