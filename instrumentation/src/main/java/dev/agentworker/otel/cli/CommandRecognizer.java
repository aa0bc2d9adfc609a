package dev.agentworker.otel.cli;

import dev.agentworker.otel.claude.ClaudeArguments;
import dev.agentworker.otel.codex.CodexArguments;
import dev.agentworker.otel.config.Settings;
import java.util.List;

/**
 * Decides whether a command line starts an agent CLI: directly ({@code codex exec ...}, or a
 * configured absolute path), through Node.js ({@code node .../@openai/codex/bin/codex.js ...}),
 * which is how npm's shims are sometimes launched explicitly, or behind the wrappers of {@link
 * CommandWrappers} ({@code timeout 600 codex exec ...}).
 */
public final class CommandRecognizer {

  private CommandRecognizer() {}

  /** Returns what the command asks of a known CLI, or null for any other command. */
  public static CliInvocation recognize(List<String> command, Settings settings) {
    int programIndex = 0;
    boolean underTimeout = false;
    // Wrappers may nest (nohup timeout 600 codex ...); a handful is plenty.
    for (int depth = 0; depth < 4 && programIndex < command.size(); depth++) {
      String name = baseName(command.get(programIndex));
      int wrapped = CommandWrappers.wrappedCommandIndex(name, command, programIndex);
      if (wrapped == CommandWrappers.NOT_A_WRAPPER) {
        break;
      }
      if (wrapped == CommandWrappers.UNREADABLE) {
        return null;
      }
      underTimeout |= name.equals("timeout");
      programIndex = wrapped;
    }
    if (programIndex >= command.size()) {
      return null;
    }
    if (isNode(command.get(programIndex))) {
      programIndex = nodeScriptIndex(command, programIndex);
      if (programIndex < 0) {
        return null;
      }
    }
    String program = command.get(programIndex);
    for (AgentCli cli : AgentCli.values()) {
      Settings.CliSettings cliSettings = settings.cli(cli);
      if (cliSettings.enabled() && matches(program, cli, cliSettings.executables())) {
        List<String> args = command.subList(programIndex + 1, command.size());
        CliInvocation invocation =
            cli == AgentCli.CODEX ? CodexArguments.parse(args) : ClaudeArguments.parse(args);
        return underTimeout ? invocation.underTimeout() : invocation;
      }
    }
    return null;
  }

  static boolean matches(String program, AgentCli cli, List<String> executables) {
    String normalized = program.replace('\\', '/');
    if (normalized.contains(cli.npmPackagePath())) {
      return true;
    }
    String name = stripExtension(normalized.substring(normalized.lastIndexOf('/') + 1));
    for (String executable : executables) {
      if (executable.indexOf('/') >= 0 ? executable.equals(normalized) : executable.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNode(String program) {
    String name = baseName(program);
    return name.equals("node") || name.equals("nodejs");
  }

  /** The file name of a program without a script or executable extension. */
  private static String baseName(String program) {
    return stripExtension(program.substring(program.replace('\\', '/').lastIndexOf('/') + 1));
  }

  /** Index of the script Node.js runs: the first argument that is not a Node option. */
  private static int nodeScriptIndex(List<String> command, int nodeIndex) {
    for (int i = nodeIndex + 1; i < command.size(); i++) {
      String arg = command.get(i);
      if (arg.equals("-r") || arg.equals("--require") || arg.equals("--import")) {
        i++;
      } else if (arg.equals("-e") || arg.equals("--eval") || arg.equals("-p")) {
        return -1;
      } else if (!arg.startsWith("-")) {
        return i;
      }
    }
    return -1;
  }

  private static String stripExtension(String name) {
    for (String extension : new String[] {".js", ".mjs", ".cjs", ".exe", ".cmd"}) {
      if (name.endsWith(extension)) {
        return name.substring(0, name.length() - extension.length());
      }
    }
    return name;
  }
}
