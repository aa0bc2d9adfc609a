package dev.agentworker.otel.examples.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A provider adapter as a worker would have one: it spawns {@code codex exec --json} for a prompt
 * and reads the JSON event stream for the final message. It knows nothing of OpenTelemetry.
 */
final class CodexAdapter {

  private static final Pattern AGENT_MESSAGE =
      Pattern.compile("\"type\":\"agent_message\",\"text\":\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final Path codex;
  private final Path codexHome;
  private final String modelBaseUrl;

  CodexAdapter(Path codex, Path codexHome, String modelBaseUrl) {
    this.codex = codex;
    this.codexHome = codexHome;
    this.modelBaseUrl = modelBaseUrl;
  }

  AgentProcess.Answer query(
      String prompt, String sandbox, String workspaceId, Path workingDirectory)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(codex.toString());
    command.add("exec");
    command.add("--json");
    command.add("--skip-git-repo-check");
    command.add("--sandbox");
    command.add(sandbox);
    command.add("-c");
    command.add("model_provider=mock");
    command.add("-c");
    command.add(
        "model_providers.mock={name=\"mock\",base_url=\""
            + modelBaseUrl
            + "\",env_key=\"MOCK_KEY\",wire_api=\"responses\"}");
    command.add("-c");
    command.add("check_for_update_on_startup=false");
    command.add("-m");
    command.add("gpt-5");
    command.add(prompt);

    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            // codex exec reads a piped stdin to its end; give it none.
            .redirectInput(new File("/dev/null"))
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("CODEX_HOME", codexHome.toString());
    builder.environment().put("MOCK_KEY", "not-a-real-key");
    builder.environment().put("WORKSPACE_ID", workspaceId);

    return AgentProcess.run(builder, line -> true, AGENT_MESSAGE);
  }
}
