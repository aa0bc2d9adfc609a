package dev.agentworker.otel.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentworker.otel.examples.backend.OtlpReceiver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bytes a worker reads from a CLI are the same with and without the agent and extension. */
class TransparencyTest {

  @TempDir static Path temp;
  private static Path codex;
  private static Path hostileStream;

  @BeforeAll
  static void writeHostileStream() throws Exception {
    codex = FakeCli.install(temp.resolve("bin"), "codex");
    Random random = new Random(2026);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Files.readAllBytes(WorkerRun.fixture("codex-c2-mcp-tool-call.jsonl")));
    out.write(
        "{\"type\":\"item.completed\",\"item\":{\"id\":\"x\",\"type\":\"command_execution\",\"aggregated_output\":\""
            .getBytes(StandardCharsets.UTF_8));
    out.write("A".repeat(3 * 1024 * 1024).getBytes(StandardCharsets.UTF_8));
    out.write("\"}}\r\n".getBytes(StandardCharsets.UTF_8));
    out.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n', '\r', '\n'});
    byte[] noise = new byte[256 * 1024];
    random.nextBytes(noise);
    out.write(noise);
    out.write(
        "\n{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":7}}\n{\"type\":\"trunc"
            .getBytes(StandardCharsets.UTF_8));
    hostileStream = temp.resolve("hostile.jsonl");
    Files.write(hostileStream, out.toByteArray());
  }

  static Stream<Arguments> runs() {
    List<String> agents = AgentSmokeTest.agents().collect(Collectors.toList());
    return Stream.of("bytes", "single", "transfer", "lines")
        .flatMap(mode -> agents.stream().map(agent -> Arguments.of(agent, mode)));
  }

  @ParameterizedTest
  @MethodSource("runs")
  void workerReadsIdenticalBytes(String agent, String mode) throws Exception {
    List<String> command = List.of(codex.toString(), "exec", "--json", "x");
    WorkerRun plain =
        WorkerRun.spec()
            .env("FAKE_STDOUT", hostileStream.toString())
            .env("FAKE_EXIT", "3")
            .worker(mode, "-", command)
            .run();

    try (OtlpReceiver receiver = OtlpReceiver.start(0)) {
      WorkerRun observed =
          WorkerRun.spec()
              .agent(agent, receiver.endpoint())
              .property("otel.instrumentation.agent-cli.max-line-bytes", "65536")
              .env("FAKE_STDOUT", hostileStream.toString())
              .env("FAKE_EXIT", "3")
              .worker(mode, "-", command)
              .run();

      assertThat(observed.line("process-class")).endsWith("ObservedProcess");
      assertThat(observed.line("read")).isEqualTo(plain.line("read")).endsWith("exit 3");
      assertThat(plain.line("read"))
          .startsWith("read " + (mode.equals("lines") ? "" : Files.size(hostileStream)));
      assertThat(AgentSmokeTest.single(receiver.telemetry().spans("invoke_agent")).attributes)
          .containsEntry("error.type", "exit_nonzero")
          .containsEntry("gen_ai.usage.input_tokens", 7L)
          // The 3 MiB command item is over the line limit: only the recorded echo call counts.
          .containsEntry("agent_worker.query.tool_calls", 1L);
      assertThat(
              receiver.telemetry().points("agent_worker.stream.lines_skipped").stream()
                  .collect(
                      Collectors.toMap(
                          p -> (String) p.attributes.get("agent_worker.stream.skip_reason"),
                          p -> p.value)))
          .containsEntry("too_long", 1.0)
          .containsKey("not_json");
    }
  }
}
