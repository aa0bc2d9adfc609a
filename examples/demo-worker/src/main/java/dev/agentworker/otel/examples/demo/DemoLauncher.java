package dev.agentworker.otel.examples.demo;

import dev.agentworker.otel.examples.backend.FakePostHog;
import dev.agentworker.otel.examples.backend.OtlpJsonFiles;
import dev.agentworker.otel.examples.backend.OtlpReceiver;
import dev.agentworker.otel.examples.backend.RawRequests;
import dev.agentworker.otel.examples.backend.TelemetrySummary;
import dev.agentworker.otel.examples.mock.MockModelApi;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the demo end to end on this machine, with no servers and no credentials: the mock model API
 * and an OTLP receiver in this JVM, and the {@link DemoWorker} in a child JVM with the
 * OpenTelemetry Java agent and the extension, spawning the real Codex CLI. Meant to run inside a
 * loopback-only network namespace (see {@code run-demo.sh}), so no CLI traffic can leave.
 *
 * <p>Writes to {@code --out}: {@code otlp/*.jsonl} (OTLP JSON, one export request per line), {@code
 * otlp/raw/*.pb} (the requests as received), {@code worker.stdout}, {@code worker.stderr} and
 * {@code summary.txt}, which is also printed.
 *
 * <p>Options: {@code --out DIR --cli-bin DIR --jars DIR [--scenarios LIST]} (scenarios of {@link
 * DemoWorker}; all seven by default).
 */
public final class DemoLauncher {

  static final long WORKER_TIMEOUT_MINUTES = 5;
  static final String ALL_SCENARIOS =
      "codex-plain,codex-mcp,codex-auth,claude-plain,claude-mcp,claude-auth,mcp-echo";

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Path out = Paths.get(options.get("--out")).toAbsolutePath();
    Path cliBin = Paths.get(options.get("--cli-bin")).toAbsolutePath();
    Path jars = Paths.get(options.get("--jars")).toAbsolutePath();
    List<String> scenarios =
        Arrays.asList(options.getOrDefault("--scenarios", ALL_SCENARIOS).split(","));

    Files.createDirectories(out);
    Path codexHome = Files.createDirectories(out.resolve("codex-home"));
    Files.writeString(
        codexHome.resolve("config.toml"),
        "[mcp_servers.everything]\n"
            + "command = \""
            + cliBin.resolve("mcp-server-everything")
            + "\"\n"
            + "args = [\"stdio\"]\n"
            // Codex drops a server that is not up within 10 s; a loaded machine needs longer.
            + "startup_timeout_sec = 120\n");
    // Claude Code gets the same server, and one that cannot start.
    Path mcpConfig = out.resolve("mcp-config.json");
    Files.writeString(
        mcpConfig,
        "{\"mcpServers\":{"
            + "\"everything\":{\"type\":\"stdio\",\"command\":\""
            + cliBin.resolve("mcp-server-everything")
            + "\",\"args\":[\"stdio\"]},"
            + "\"broken\":{\"type\":\"stdio\",\"command\":\""
            + out.resolve("no-such-mcp-server")
            + "\",\"args\":[]}}}\n");
    Path claudeHome = Files.createDirectories(out.resolve("claude-home"));

    int exit;
    try (MockModelApi mock = MockModelApi.start(0);
        OtlpReceiver receiver = OtlpReceiver.start(0);
        FakePostHog posthog = FakePostHog.start(0)) {
      exit =
          runWorker(
              out,
              cliBin,
              jars,
              codexHome,
              claudeHome,
              mcpConfig,
              mock,
              receiver,
              posthog,
              scenarios);

      OtlpJsonFiles.write(receiver.telemetry(), out.resolve("otlp"));
      RawRequests.write(receiver.telemetry(), out.resolve("otlp/raw"));
      try (PrintStream summary =
          new PrintStream(
              Files.newOutputStream(out.resolve("summary.txt")), true, StandardCharsets.UTF_8)) {
        TelemetrySummary.print(receiver.telemetry(), summary);
      }
      writePostHogEvents(posthog, out.resolve("posthog-events.json"));
    }

    System.out.println("== Worker output");
    System.out.print(Files.readString(out.resolve("worker.stdout")));
    System.out.println();
    System.out.println("== Worker stderr (query_complete log lines)");
    Files.readAllLines(out.resolve("worker.stderr")).stream()
        .filter(line -> line.startsWith("{"))
        .forEach(System.out::println);
    System.out.println();
    System.out.print(Files.readString(out.resolve("summary.txt")));
    System.out.println();
    System.out.println("PostHog events written to " + out.resolve("posthog-events.json"));
    System.out.println("OTLP JSON written to " + out.resolve("otlp"));
    if (exit != 0) {
      System.err.println(
          "the demo worker exited with " + exit + "; see " + out.resolve("worker.stderr"));
      System.exit(1);
    }
  }

  private static int runWorker(
      Path out,
      Path cliBin,
      Path jars,
      Path codexHome,
      Path claudeHome,
      Path mcpConfig,
      MockModelApi mock,
      OtlpReceiver receiver,
      FakePostHog posthog,
      List<String> scenarios)
      throws Exception {
    String ownJar =
        Paths.get(DemoLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + jars.resolve("opentelemetry-javaagent.jar"));
    command.add("-Dotel.javaagent.extensions=" + jars.resolve("agent-worker-otel-extension.jar"));
    command.add("-Dotel.service.name=demo-worker");
    command.add("-Dotel.exporter.otlp.endpoint=" + receiver.endpoint());
    command.add("-Dotel.exporter.otlp.protocol=http/protobuf");
    command.add("-Dotel.metric.export.interval=1000");
    command.add("-Dotel.bsp.schedule.delay=200");
    command.add("-Dotel.blrp.schedule.delay=200");
    // Queries also go to a local stand-in for PostHog's capture endpoint (docs/posthog.md).
    command.add("-Dotel.traces.exporter=otlp,posthog");
    command.add("-Dotel.exporter.posthog.host=" + posthog.host());
    command.add("-Dotel.exporter.posthog.api-key=phc_demo");
    command.add("-cp");
    command.add(ownJar);
    command.add(DemoWorker.class.getName());
    command.addAll(List.of("--codex", cliBin.resolve("codex").toString()));
    command.addAll(List.of("--codex-home", codexHome.toString()));
    command.addAll(List.of("--claude", cliBin.resolve("claude").toString()));
    command.addAll(List.of("--claude-home", claudeHome.toString()));
    command.addAll(List.of("--mcp-config", mcpConfig.toString()));
    command.addAll(List.of("--mcp-server", cliBin.resolve("mcp-server-everything").toString()));
    command.addAll(List.of("--openai-url", mock.openAiBaseUrl()));
    command.addAll(List.of("--anthropic-url", mock.anthropicBaseUrl()));
    command.addAll(List.of("--work-dir", Files.createDirectories(out.resolve("work")).toString()));
    command.addAll(scenarios);

    Process worker =
        new ProcessBuilder(command)
            .redirectInput(new File("/dev/null"))
            .redirectOutput(out.resolve("worker.stdout").toFile())
            .redirectError(out.resolve("worker.stderr").toFile())
            .start();
    if (!worker.waitFor(WORKER_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      worker.destroyForcibly();
      worker.waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "the demo worker did not finish in " + WORKER_TIMEOUT_MINUTES + " minutes");
    }
    return worker.exitValue();
  }

  /** The events PostHog would have received, one JSON object per line, and a count by name. */
  private static void writePostHogEvents(FakePostHog posthog, Path file) throws Exception {
    StringBuilder lines = new StringBuilder();
    Map<String, Integer> counts = new LinkedHashMap<>();
    posthog
        .events()
        .forEach(
            event -> {
              lines.append(event).append('\n');
              counts.merge(event.path("event").asText(), 1, Integer::sum);
            });
    Files.writeString(file, lines.toString());
    try (PrintStream summary =
        new PrintStream(
            Files.newOutputStream(
                file.resolveSibling("summary.txt"), java.nio.file.StandardOpenOption.APPEND),
            true,
            StandardCharsets.UTF_8)) {
      summary.println();
      summary.println("== PostHog events (" + posthog.events().size() + ")");
      counts.forEach((name, count) -> summary.println("  " + name + ": " + count));
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    for (String required : List.of("--out", "--cli-bin", "--jars")) {
      if (!options.containsKey(required)) {
        throw new IllegalArgumentException("missing option " + required);
      }
    }
    return options;
  }

  private DemoLauncher() {}
}
