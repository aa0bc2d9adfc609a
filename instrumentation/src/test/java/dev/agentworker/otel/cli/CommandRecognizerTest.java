package dev.agentworker.otel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentworker.otel.config.Settings;
import dev.agentworker.otel.config.SettingsFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandRecognizerTest {

  private static final Settings DEFAULTS = SettingsFactory.of(Map.of());

  static List<Arguments> codexCommands() {
    return Arrays.asList(
        Arguments.of(List.of("codex", "exec", "--json", "say hi"), "default", null, true),
        Arguments.of(
            List.of(
                "/usr/local/bin/codex",
                "exec",
                "--json",
                "--sandbox",
                "read-only",
                "-m",
                "gpt-5",
                "hi"),
            "read-only",
            "gpt-5",
            true),
        Arguments.of(
            List.of("codex", "-s", "workspace-write", "exec", "hi"),
            "workspace-write",
            null,
            false),
        Arguments.of(
            List.of("codex", "exec", "--sandbox=danger-full-access", "hi"),
            "danger-full-access",
            null,
            false),
        Arguments.of(List.of("codex", "exec", "--full-auto", "hi"), "workspace-write", null, false),
        Arguments.of(
            List.of("codex", "exec", "--dangerously-bypass-approvals-and-sandbox", "hi"),
            "danger-full-access",
            null,
            false),
        Arguments.of(
            List.of(
                "codex",
                "-c",
                "sandbox_mode=\"workspace-write\"",
                "-c",
                "model='o4'",
                "exec",
                "--experimental-json",
                "x"),
            "workspace-write",
            "o4",
            true),
        Arguments.of(
            List.of("codex", "--model=gpt-5", "e", "--json", "x"), "default", "gpt-5", true),
        Arguments.of(
            List.of(
                "node",
                "--no-warnings",
                "/opt/app/node_modules/@openai/codex/bin/codex.js",
                "exec",
                "--json",
                "x"),
            "default",
            null,
            true),
        Arguments.of(
            List.of("/usr/bin/node", "/x/bin/codex.js", "exec", "x"), "default", null, false));
  }

  @ParameterizedTest
  @MethodSource("codexCommands")
  void recognisesCodexQueries(List<String> command, String sandbox, String model, boolean json) {
    CliInvocation invocation = CommandRecognizer.recognize(command, DEFAULTS);

    assertThat(invocation).isNotNull();
    assertThat(invocation.cli()).isEqualTo(AgentCli.CODEX);
    assertThat(invocation.kind()).isEqualTo(CliInvocation.Kind.QUERY);
    assertThat(invocation.sandboxMode()).isEqualTo(sandbox);
    assertThat(invocation.requestModel()).isEqualTo(model);
    assertThat(invocation.jsonOutput()).isEqualTo(json);
  }

  static List<Arguments> otherCommands() {
    return Arrays.asList(
        Arguments.of(
            List.of("codex", "--version"), AgentCli.CODEX, CliInvocation.Kind.VERSION_PROBE),
        Arguments.of(List.of("codex", "-V"), AgentCli.CODEX, CliInvocation.Kind.VERSION_PROBE),
        Arguments.of(List.of("codex", "login", "status"), AgentCli.CODEX, CliInvocation.Kind.OTHER),
        Arguments.of(
            List.of("codex", "-m", "exec", "mcp"), AgentCli.CODEX, CliInvocation.Kind.OTHER),
        Arguments.of(List.of("codex"), AgentCli.CODEX, CliInvocation.Kind.OTHER),
        Arguments.of(
            List.of("claude", "-p", "--output-format", "stream-json", "--verbose", "hi"),
            AgentCli.CLAUDE_CODE,
            CliInvocation.Kind.QUERY),
        Arguments.of(
            List.of("/x/node_modules/.bin/claude", "--print", "hi"),
            AgentCli.CLAUDE_CODE,
            CliInvocation.Kind.QUERY),
        Arguments.of(
            List.of("node", "/x/node_modules/@anthropic-ai/claude-code/cli.js", "-p", "hi"),
            AgentCli.CLAUDE_CODE,
            CliInvocation.Kind.QUERY),
        Arguments.of(
            List.of("claude", "--version"), AgentCli.CLAUDE_CODE, CliInvocation.Kind.VERSION_PROBE),
        Arguments.of(
            List.of("claude", "mcp", "list"), AgentCli.CLAUDE_CODE, CliInvocation.Kind.OTHER));
  }

  @ParameterizedTest
  @MethodSource("otherCommands")
  void classifiesOtherRuns(List<String> command, AgentCli cli, CliInvocation.Kind kind) {
    CliInvocation invocation = CommandRecognizer.recognize(command, DEFAULTS);

    assertThat(invocation.cli()).isEqualTo(cli);
    assertThat(invocation.kind()).isEqualTo(kind);
  }

  static List<List<String>> unrelatedCommands() {
    return Arrays.asList(
        List.of(),
        List.of("ls", "-l"),
        List.of("codex-helper", "exec"),
        List.of("/opt/codex/bin/other", "exec"),
        List.of("node", "server.js"),
        List.of("node", "-e", "require('codex')"),
        List.of("sh", "-c", "codex exec hi"));
  }

  @ParameterizedTest
  @MethodSource("unrelatedCommands")
  void ignoresOtherCommands(List<String> command) {
    assertThat(CommandRecognizer.recognize(command, DEFAULTS)).isNull();
  }

  static List<Arguments> wrappedCommands() {
    return Arrays.asList(
        Arguments.of(
            List.of("timeout", "600", "codex", "exec", "--json", "x"), AgentCli.CODEX, true),
        Arguments.of(
            List.of("/usr/bin/timeout", "-s", "KILL", "-k", "5", "10m", "codex", "exec", "x"),
            AgentCli.CODEX,
            true),
        Arguments.of(
            List.of("env", "FOO=bar", "WORKSPACE_ID=1", "codex", "exec", "x"),
            AgentCli.CODEX,
            false),
        Arguments.of(
            List.of("env", "-i", "-u", "HOME", "PATH=/bin", "/usr/bin/codex", "exec", "x"),
            AgentCli.CODEX,
            false),
        Arguments.of(
            List.of("nohup", "nice", "-n", "5", "timeout", "60", "claude", "-p", "hi"),
            AgentCli.CLAUDE_CODE,
            true),
        Arguments.of(List.of("stdbuf", "-oL", "codex", "exec", "x"), AgentCli.CODEX, false),
        Arguments.of(
            List.of("nice", "-10", "node", "/x/@openai/codex/bin/codex.js", "exec", "x"),
            AgentCli.CODEX,
            false));
  }

  @ParameterizedTest
  @MethodSource("wrappedCommands")
  void recognisesQueriesBehindWrappers(List<String> command, AgentCli cli, boolean underTimeout) {
    CliInvocation invocation = CommandRecognizer.recognize(command, DEFAULTS);

    assertThat(invocation.cli()).isEqualTo(cli);
    assertThat(invocation.kind()).isEqualTo(CliInvocation.Kind.QUERY);
    assertThat(invocation.isUnderTimeout()).isEqualTo(underTimeout);
  }

  static List<List<String>> unreadableWrappers() {
    return Arrays.asList(
        List.of("env", "-S", "codex exec x"),
        List.of("timeout", "60"),
        List.of("env"),
        List.of("timeout", "60", "ls"),
        List.of("nohup"),
        // Deeper than the four wrappers followed.
        List.of("nohup", "nohup", "nohup", "nohup", "nohup", "codex", "exec", "x"));
  }

  @ParameterizedTest
  @MethodSource("unreadableWrappers")
  void ignoresWrappersItCannotFollow(List<String> command) {
    assertThat(CommandRecognizer.recognize(command, DEFAULTS)).isNull();
  }

  @ParameterizedTest
  @MethodSource("configured")
  void honoursConfiguredExecutables(
      Map<String, String> settings, List<String> command, boolean match) {
    CliInvocation invocation = CommandRecognizer.recognize(command, SettingsFactory.of(settings));
    assertThat(invocation != null).isEqualTo(match);
  }

  static List<Arguments> configured() {
    return Arrays.asList(
        Arguments.of(
            Map.of("codex-cli.executables", "codex,/opt/ai/run-codex"),
            List.of("/opt/ai/run-codex", "exec", "x"),
            true),
        Arguments.of(
            Map.of("codex-cli.executables", "/opt/ai/run-codex"),
            List.of("/usr/bin/codex", "exec", "x"),
            false),
        Arguments.of(Map.of("codex-cli.enabled", "false"), List.of("codex", "exec", "x"), false),
        Arguments.of(
            Map.of("claude-code-cli.enabled", "false"), List.of("claude", "-p", "x"), false));
  }
}
