package dev.agentworker.otel.cli;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Commands that run another command unchanged ({@code env}, {@code timeout}, {@code nice}, {@code
 * nohup}, {@code stdbuf}), as workers often start agent CLIs, e.g. {@code timeout 600 codex exec
 * ...}. Options follow GNU coreutils.
 */
final class CommandWrappers {

  /** Returned when the program is not a wrapper. */
  static final int NOT_A_WRAPPER = -1;

  /** Returned for a wrapper whose arguments cannot be followed (e.g. {@code env -S}). */
  static final int UNREADABLE = -2;

  private static final Set<String> ENV_OPTIONS_WITH_VALUE =
      new HashSet<>(Arrays.asList("-u", "--unset", "-C", "--chdir"));
  private static final Set<String> TIMEOUT_OPTIONS_WITH_VALUE =
      new HashSet<>(Arrays.asList("-s", "--signal", "-k", "--kill-after"));
  private static final Set<String> NICE_OPTIONS_WITH_VALUE = new HashSet<>(Arrays.asList("-n"));
  private static final Set<String> STDBUF_OPTIONS_WITH_VALUE =
      new HashSet<>(Arrays.asList("-i", "-o", "-e"));

  private CommandWrappers() {}

  /**
   * Index of the wrapped command when {@code command[start]} is a wrapper, else {@link
   * #NOT_A_WRAPPER} or {@link #UNREADABLE}.
   */
  static int wrappedCommandIndex(String name, List<String> command, int start) {
    switch (name) {
      case "env":
        return afterOptions(command, start + 1, ENV_OPTIONS_WITH_VALUE, true);
      case "timeout":
        // After the options comes the duration, then the command.
        int duration = afterOptions(command, start + 1, TIMEOUT_OPTIONS_WITH_VALUE, false);
        return duration < 0 || duration + 1 >= command.size() ? UNREADABLE : duration + 1;
      case "nice":
        return afterOptions(command, start + 1, NICE_OPTIONS_WITH_VALUE, false);
      case "nohup":
        return start + 1 < command.size() ? start + 1 : UNREADABLE;
      case "stdbuf":
        return afterOptions(command, start + 1, STDBUF_OPTIONS_WITH_VALUE, false);
      default:
        return NOT_A_WRAPPER;
    }
  }

  /** Skips options (and, for env, NAME=VALUE assignments); returns the next index. */
  private static int afterOptions(
      List<String> command, int index, Set<String> optionsWithValue, boolean skipAssignments) {
    while (index < command.size()) {
      String arg = command.get(index);
      if (arg.equals("--")) {
        index++;
        break;
      }
      if (arg.equals("-S") || arg.startsWith("--split-string")) {
        return UNREADABLE;
      }
      if (optionsWithValue.contains(arg)) {
        index += 2;
      } else if (arg.startsWith("-") && arg.length() > 1) {
        index++;
      } else if (skipAssignments && arg.indexOf('=') > 0) {
        index++;
      } else {
        break;
      }
    }
    return index < command.size() ? index : UNREADABLE;
  }
}
