package dev.agentworker.otel.smoke;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs {@link ReplayWorker} in a child JVM, with or without the agent and the extension. */
final class WorkerRun {

  static final long TIMEOUT_SECONDS = 90;

  final int exitCode;
  final String stdout;
  final String stderr;

  private WorkerRun(int exitCode, String stdout, String stderr) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Builder for one run. */
  static final class Spec {
    private String agentVersion;
    private String endpoint;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> arguments = new ArrayList<>();
    private String mainClass = ReplayWorker.class.getName();
    private boolean mcpSdk;

    Spec agent(String version, String otlpEndpoint) {
      this.agentVersion = version;
      this.endpoint = otlpEndpoint;
      return this;
    }

    Spec property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    Spec env(String key, String value) {
      environment.put(key, value);
      return this;
    }

    /** Runs {@code main} instead of {@link ReplayWorker}, with the arguments given. */
    Spec main(Class<?> main, List<String> mainArguments) {
      this.mainClass = main.getName();
      arguments.addAll(mainArguments);
      return this;
    }

    /** Puts the MCP Java SDK and its dependencies on the worker's class path. */
    Spec withMcpSdk() {
      this.mcpSdk = true;
      return this;
    }

    Spec worker(String mode, String workspace, List<String> command) {
      arguments.add(mode);
      arguments.add(workspace);
      arguments.add("--");
      arguments.addAll(command);
      return this;
    }

    WorkerRun run() throws IOException, InterruptedException {
      List<String> command = new ArrayList<>();
      command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      if (agentVersion != null) {
        command.add("-javaagent:" + jar("opentelemetry-javaagent-" + agentVersion + ".jar"));
        command.add("-Dotel.javaagent.extensions=" + jar("agent-worker-otel-extension.jar"));
        command.add("-Dotel.service.name=replay-worker");
        command.add("-Dotel.exporter.otlp.endpoint=" + endpoint);
        command.add("-Dotel.exporter.otlp.protocol=http/protobuf");
        command.add("-Dotel.metric.export.interval=1000");
        command.add("-Dotel.bsp.schedule.delay=200");
        command.add("-Dotel.blrp.schedule.delay=200");
        // Like a long-running worker, stay up past one metric export after the last query
        // instead of relying on the export at JVM shutdown alone.
        environment.putIfAbsent("WORKER_LINGER_MS", "1500");
      }
      properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
      command.add("-cp");
      command.add(workerClassPath(mcpSdk));
      command.add(mainClass);
      command.addAll(arguments);

      Path out = Files.createTempFile("worker", ".out");
      Path err = Files.createTempFile("worker", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(new File("/dev/null"));
      builder.environment().putAll(environment);
      Process process = builder.start();
      try {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
          throw new AssertionError(
              "worker did not finish in " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
        }
        return new WorkerRun(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    }
  }

  static Spec spec() {
    return new Spec();
  }

  static Path jar(String name) {
    return Paths.get(System.getProperty("smoke.jars"), name);
  }

  static Path fixture(String name) {
    return Paths.get(System.getProperty("smoke.fixtures"), name);
  }

  /** Jars of the MCP Java SDK 2.x and what it depends on. */
  private static final List<String> MCP_SDK_JARS =
      List.of(
          "mcp-",
          "jackson-",
          "json-schema-validator-",
          "itu-",
          "snakeyaml-engine-",
          "slf4j-api-",
          "reactor-core-",
          "reactive-streams-");

  /**
   * The worker needs only its own class and the OpenTelemetry API (bridged by the agent), and the
   * MCP Java SDK when it uses it.
   */
  static String workerClassPath(boolean mcpSdk) {
    String testClassPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = new ArrayList<>();
    entries.add(System.getProperty("smoke.classes"));
    for (String entry : testClassPath.split(File.pathSeparator)) {
      String name = Paths.get(entry).getFileName().toString();
      if (name.startsWith("opentelemetry-api-")
          || name.startsWith("opentelemetry-context-")
          || name.startsWith("opentelemetry-common-")
          || (mcpSdk && MCP_SDK_JARS.stream().anyMatch(name::startsWith))) {
        entries.add(entry);
      }
    }
    return entries.stream().distinct().collect(Collectors.joining(File.pathSeparator));
  }

  /** The one line of worker stdout starting with {@code prefix}. */
  String line(String prefix) {
    return stdout
        .lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no '" + prefix + "' in: " + stdout + "\n" + stderr));
  }

  /** The lines of worker stderr that are query log lines. */
  List<String> queryLogLines() {
    return stderr.lines().filter(l -> l.startsWith("{\"ts\":")).collect(Collectors.toList());
  }
}
