package dev.agentworker.otel.examples.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo worker JVM: runs agent queries through its provider adapters, one after the other, and
 * prints what each returned. It has no OpenTelemetry code; the agent and extension observe it.
 *
 * <p>Options: {@code --codex P --codex-home P --claude P --claude-home P --mcp-config P
 * --openai-url U --anthropic-url U --work-dir P --mcp-server P}, then the scenarios: {@code
 * codex-plain}, {@code codex-mcp} (a tool call on the MCP server "everything"), {@code codex-auth}
 * (the model API rejects the key), and the same three for {@code claude-}; the Claude MCP query
 * also configures a server that cannot start. {@code mcp-echo} is a call the worker makes itself:
 * the {@code echo} tool of the server at {@code --mcp-server}, over stdio with the MCP Java SDK.
 */
public final class DemoWorker {

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> scenarios = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        options.put(args[i], args[++i]);
      } else {
        scenarios.add(args[i]);
      }
    }
    CodexAdapter codex =
        new CodexAdapter(
            path(options, "--codex"), path(options, "--codex-home"), options.get("--openai-url"));
    ClaudeAdapter claude =
        new ClaudeAdapter(
            path(options, "--claude"),
            path(options, "--claude-home"),
            options.get("--anthropic-url"));
    Path mcpConfig = path(options, "--mcp-config");
    Path workDir = path(options, "--work-dir");
    McpToolAdapter tools = new McpToolAdapter(List.of(options.get("--mcp-server"), "stdio"));

    int n = 0;
    for (String scenario : scenarios) {
      n++;
      if (scenario.equals("mcp-echo")) {
        String text = tools.call("echo", Map.of("message", "hello from the worker"));
        System.out.printf("call %d (%s): %s%n", n, scenario, text);
        continue;
      }
      String workspace = "ws-" + scenario;
      Path directory = Files.createDirectories(workDir.resolve(workspace));
      AgentProcess.Answer answer;
      switch (scenario) {
        case "codex-plain":
          answer = codex.query("say hi", "read-only", workspace, directory);
          break;
        case "codex-mcp":
          answer =
              codex.query(
                  "Use the everything echo tool to echo 'hello mcp'",
                  "workspace-write",
                  workspace,
                  directory);
          break;
        case "codex-auth":
          answer = codex.query("say hi [mock:auth-failure]", "read-only", workspace, directory);
          break;
        case "claude-plain":
          answer = claude.query("say hi", null, null, workspace, directory);
          break;
        case "claude-mcp":
          answer =
              claude.query(
                  "Use the everything echo tool to echo 'hello mcp'",
                  mcpConfig,
                  "mcp__everything__echo",
                  workspace,
                  directory);
          break;
        case "claude-auth":
          answer = claude.query("say hi [mock:auth-failure]", null, null, workspace, directory);
          break;
        default:
          throw new IllegalArgumentException("unknown scenario " + scenario);
      }
      System.out.printf(
          "query %d (%s): exit %d, %d events, answer: %s%n",
          n, scenario, answer.exitCode, answer.events, answer.finalMessage);
    }
    // A worker keeps running; stay up past one metric export before exiting.
    Thread.sleep(Long.getLong("demo.linger.ms", 1500));
  }

  private static Path path(Map<String, String> options, String name) {
    return Paths.get(options.get(name));
  }

  private DemoWorker() {}
}
