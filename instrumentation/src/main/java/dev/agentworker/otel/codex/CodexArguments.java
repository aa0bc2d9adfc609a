package dev.agentworker.otel.codex;

import dev.agentworker.otel.cli.AgentCli;
import dev.agentworker.otel.cli.CliInvocation;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the parts of a {@code codex} command line that telemetry reports: whether it is an {@code
 * exec} query, the model and the sandbox mode. Flags follow {@code codex-rs/exec/src/cli.rs} and
 * {@code codex-rs/cli}: global options may precede or follow {@code exec}.
 */
public final class CodexArguments {

  /** Options that take a value as the next argument (so that value is not the subcommand). */
  private static final Set<String> OPTIONS_WITH_VALUE =
      new HashSet<>(
          Arrays.asList(
              "-c",
              "--config",
              "-m",
              "--model",
              "-p",
              "--profile",
              "-s",
              "--sandbox",
              "-a",
              "--ask-for-approval",
              "-C",
              "--cd",
              "-i",
              "--image",
              "--add-dir",
              "--enable",
              "--disable",
              "--local-provider",
              "--output-schema",
              "-o",
              "--output-last-message",
              "--color"));

  private CodexArguments() {}

  public static CliInvocation parse(List<String> args) {
    String subcommand = null;
    boolean version = false;
    boolean json = false;
    String model = null;
    String sandbox = null;

    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String value = i + 1 < args.size() ? args.get(i + 1) : null;
      if (arg.equals("--")) {
        break;
      }
      if (arg.equals("--version") || arg.equals("-V")) {
        version = true;
      } else if (arg.equals("--json") || arg.equals("--experimental-json")) {
        json = true;
      } else if (arg.equals("-m") || arg.equals("--model")) {
        model = value;
      } else if (arg.startsWith("--model=")) {
        model = arg.substring("--model=".length());
      } else if (arg.equals("-s") || arg.equals("--sandbox")) {
        sandbox = value;
      } else if (arg.startsWith("--sandbox=")) {
        sandbox = arg.substring("--sandbox=".length());
      } else if (arg.equals("--full-auto")) {
        sandbox = "workspace-write";
      } else if (arg.equals("--dangerously-bypass-approvals-and-sandbox") || arg.equals("--yolo")) {
        sandbox = "danger-full-access";
      } else if ((arg.equals("-c") || arg.equals("--config")) && value != null) {
        String key = configKey(value);
        if (key.equals("model")) {
          model = configValue(value);
        } else if (key.equals("sandbox_mode")) {
          sandbox = configValue(value);
        }
      }

      if (OPTIONS_WITH_VALUE.contains(arg)) {
        i++;
      } else if (subcommand == null && !arg.startsWith("-")) {
        subcommand = arg;
        if (!isExec(subcommand)) {
          break;
        }
      }
    }

    CliInvocation.Kind kind;
    if (subcommand != null && isExec(subcommand)) {
      kind = CliInvocation.Kind.QUERY;
    } else if (subcommand == null && version) {
      kind = CliInvocation.Kind.VERSION_PROBE;
    } else {
      kind = CliInvocation.Kind.OTHER;
    }
    return new CliInvocation(
        AgentCli.CODEX, kind, emptyToNull(model), sandbox == null ? "default" : sandbox, json);
  }

  private static boolean isExec(String subcommand) {
    return subcommand.equals("exec") || subcommand.equals("e");
  }

  private static String configKey(String assignment) {
    int equals = assignment.indexOf('=');
    return equals < 0 ? "" : assignment.substring(0, equals).trim();
  }

  /** The value of a {@code -c key=value} override; values are TOML, so strings may be quoted. */
  private static String configValue(String assignment) {
    String value = assignment.substring(assignment.indexOf('=') + 1).trim();
    if (value.length() >= 2
        && (value.charAt(0) == '"' || value.charAt(0) == '\'')
        && value.charAt(value.length() - 1) == value.charAt(0)) {
      value = value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
