package dev.agentworker.otel.examples.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * The demo worker JVM: runs a few agent queries through {@link CodexAdapter}, one after the other,
 * and prints what each returned. It has no OpenTelemetry code; the agent and extension observe it.
 *
 * <p>Usage: {@code DemoWorker <codex> <codex-home> <model-base-url> <work-dir> <scenario>...};
 * scenarios: {@code plain}, {@code mcp} (a tool call on the MCP server "everything"),
 * {@code auth} (the model API rejects the key).
 */
public final class DemoWorker {

  public static void main(String[] args) throws Exception {
    CodexAdapter codex = new CodexAdapter(Paths.get(args[0]), Paths.get(args[1]), args[2]);
    Path workDir = Paths.get(args[3]);
    List<String> scenarios = Arrays.asList(args).subList(4, args.length);

    int n = 0;
    for (String scenario : scenarios) {
      n++;
      String workspace = "ws-" + scenario;
      Path directory = Files.createDirectories(workDir.resolve(workspace));
      CodexAdapter.Answer answer;
      switch (scenario) {
        case "plain":
          answer = codex.query("say hi", "read-only", workspace, directory);
          break;
        case "mcp":
          answer =
              codex.query(
                  "Use the everything echo tool to echo 'hello mcp'", "workspace-write", workspace, directory);
          break;
        case "auth":
          answer = codex.query("say hi [mock:auth-failure]", "read-only", workspace, directory);
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

  private DemoWorker() {}
}
