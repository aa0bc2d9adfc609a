package dev.agentworker.otel.examples.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The worker's Claude Code adapter: spawns {@code claude -p --output-format stream-json --verbose}
 * and reads the stream for the final result. It knows nothing of OpenTelemetry.
 */
final class ClaudeAdapter {

  private static final Pattern RESULT = Pattern.compile("\"result\":\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final Path claude;
  private final Path home;
  private final String modelBaseUrl;

  ClaudeAdapter(Path claude, Path home, String modelBaseUrl) {
    this.claude = claude;
    this.home = home;
    this.modelBaseUrl = modelBaseUrl;
  }

  /**
   * @param mcpConfig an {@code --mcp-config} file, or null
   * @param allowedTool a tool to allow without asking, or null
   */
  AgentProcess.Answer query(
      String prompt, Path mcpConfig, String allowedTool, String workspaceId, Path workingDirectory)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(claude.toString());
    command.add("-p");
    // The prompt comes before --allowedTools, which takes several values.
    command.add(prompt);
    command.add("--output-format");
    command.add("stream-json");
    command.add("--verbose");
    if (mcpConfig != null) {
      command.add("--mcp-config");
      command.add(mcpConfig.toString());
    }
    if (allowedTool != null) {
      command.add("--allowedTools");
      command.add(allowedTool);
    }

    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectInput(new File("/dev/null"))
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> environment = builder.environment();
    environment.put("HOME", home.toString());
    environment.put("ANTHROPIC_BASE_URL", modelBaseUrl);
    environment.put("ANTHROPIC_API_KEY", "sk-ant-not-a-real-key");
    environment.put("DISABLE_TELEMETRY", "1");
    environment.put("DISABLE_AUTOUPDATER", "1");
    environment.put("DISABLE_ERROR_REPORTING", "1");
    environment.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    environment.put("WORKSPACE_ID", workspaceId);

    return AgentProcess.run(builder, line -> line.contains("\"type\":\"result\""), RESULT);
  }
}
