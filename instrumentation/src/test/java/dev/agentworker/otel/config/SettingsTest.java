package dev.agentworker.otel.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentworker.otel.cli.AgentCli;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void defaults() {
    Settings settings = SettingsFactory.of(Map.of());

    assertThat(settings.moduleEnabled()).isTrue();
    assertThat(settings.queryLogEnabled()).isTrue();
    assertThat(settings.propagateTraceContext()).isTrue();
    assertThat(settings.maxLineBytes()).isEqualTo(8 * 1024 * 1024);
    assertThat(settings.drainTimeoutMillis()).isEqualTo(2000);
    assertThat(settings.workspaceBaggageKey()).isEqualTo("workspace.id");
    assertThat(settings.workspaceEnvVar()).isEqualTo("WORKSPACE_ID");
    assertThat(settings.cli(AgentCli.CODEX).executables()).containsExactly("codex");
    assertThat(settings.cli(AgentCli.CLAUDE_CODE).executables()).containsExactly("claude");
    assertThat(settings.cli(AgentCli.CODEX).minVersion()).isEmpty();
    assertThat(settings.problems()).isEmpty();
  }

  @Test
  void invalidSharedSettingTurnsTheModuleOffWithOneProblem() {
    Settings settings = SettingsFactory.of(Map.of("agent-cli.max-line-bytes", "lots"));

    assertThat(settings.moduleEnabled()).isFalse();
    assertThat(settings.problems())
        .containsExactly(
            "invalid value for otel.instrumentation.agent-cli.max-line-bytes: 'lots'"
                + " (expected a positive integer)");
  }

  @Test
  void invalidCliSettingTurnsOnlyThatCliOff() {
    Settings settings =
        SettingsFactory.of(
            Map.of("codex-cli.min-version", "newest", "claude-code-cli.enabled", "yes"));

    assertThat(settings.moduleEnabled()).isTrue();
    assertThat(settings.cli(AgentCli.CODEX).enabled()).isFalse();
    assertThat(settings.cli(AgentCli.CLAUDE_CODE).enabled()).isFalse();
    assertThat(settings.problems()).hasSize(2);
  }

  @Test
  void commonDefaultEnabledApplies() {
    assertThat(SettingsFactory.of(Map.of("common.default-enabled", "false")).moduleEnabled())
        .isFalse();
    assertThat(
            SettingsFactory.of(
                    Map.of("common.default-enabled", "false", "agent-cli.enabled", "true"))
                .moduleEnabled())
        .isTrue();
  }

  @Test
  void environmentNames() {
    assertThat(Settings.environmentName("codex-cli.min-version"))
        .isEqualTo("OTEL_INSTRUMENTATION_CODEX_CLI_MIN_VERSION");
  }

  @Test
  void listsAreTrimmed() {
    Settings settings = SettingsFactory.of(Map.of("codex-cli.executables", " codex , /a/b ,,"));
    assertThat(settings.cli(AgentCli.CODEX).executables()).isEqualTo(List.of("codex", "/a/b"));
  }

  @Test
  void versions() {
    assertThat(CliVersion.find("codex-cli 0.169.0")).isEqualTo(CliVersion.parse("0.169.0"));
    assertThat(CliVersion.find("2.1.328 (Claude Code)").toString()).isEqualTo("2.1.328");
    assertThat(CliVersion.parse("0.169.0").compareTo(CliVersion.parse("0.170"))).isNegative();
    assertThat(CliVersion.parse("1.2.3.4")).isNull();
    assertThat(CliVersion.find("no version")).isNull();
  }
}
