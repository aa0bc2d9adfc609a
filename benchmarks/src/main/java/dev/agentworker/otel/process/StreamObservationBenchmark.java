package dev.agentworker.otel.process;

import dev.agentworker.otel.codex.CodexStreamParser;
import dev.agentworker.otel.codex.ThreadUsageAccess;
import dev.agentworker.otel.query.ToolCall;
import dev.agentworker.otel.query.ToolCallListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observing costs the worker's reading thread: reading a Codex event stream with 8 KiB reads
 * from the plain stream ({@code baseline}) against the same reads through
 * {@link ObservedInputStream} with framing, JSON parsing and the Codex parser ({@code observed}).
 * The ratio of the two is the overhead; see {@code docs/performance.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamObservationBenchmark {

  /** {@code events}: recorded-style JSONL; {@code hugeLines}: 2 MiB tool outputs, over the limit. */
  @Param({"events", "hugeLines"})
  public String stream;

  private byte[] data;
  private final byte[] buffer = new byte[8192];

  private static final ToolCallListener NO_OP =
      new ToolCallListener() {
        @Override
        public void onToolStarted(ToolCall call) {}

        @Override
        public void onToolFinished(ToolCall call) {}
      };

  @Setup(Level.Trial)
  public void setUp() {
    StringBuilder text = new StringBuilder();
    if (stream.equals("events")) {
      for (int i = 0; text.length() < 8 * 1024 * 1024; i++) {
        text.append("{\"type\":\"item.started\",\"item\":{\"id\":\"item_").append(i)
            .append("\",\"type\":\"mcp_tool_call\",\"server\":\"everything\",\"tool\":\"echo\",")
            .append("\"arguments\":{\"message\":\"hello mcp\"},\"result\":null,\"error\":null,")
            .append("\"status\":\"in_progress\"}}\n");
        text.append("{\"type\":\"item.completed\",\"item\":{\"id\":\"item_").append(i)
            .append("\",\"type\":\"mcp_tool_call\",\"server\":\"everything\",\"tool\":\"echo\",")
            .append("\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Echo: hello mcp\"}],")
            .append("\"structured_content\":null},\"error\":null,\"status\":\"completed\"}}\n");
      }
    } else {
      String big = "x".repeat(2 * 1024 * 1024);
      for (int i = 0; i < 4; i++) {
        text.append("{\"type\":\"item.completed\",\"item\":{\"id\":\"c").append(i)
            .append("\",\"type\":\"command_execution\",\"aggregated_output\":\"").append(big)
            .append("\",\"status\":\"completed\"}}\n");
      }
    }
    data = text.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public long baseline() throws IOException {
    return drain(new ByteArrayInputStream(data));
  }

  @Benchmark
  public long observed() throws IOException {
    CodexStreamParser parser = new CodexStreamParser(NO_OP, ThreadUsageAccess.fresh());
    LineFramer framer = new LineFramer(new JsonLines(parser), 1024 * 1024);
    StreamTap tap =
        new StreamTap() {
          @Override
          public void onBytes(byte[] bytes, int offset, int count) {
            framer.write(bytes, offset, count);
          }

          @Override
          public void onGap() {
            framer.gap();
          }

          @Override
          public void onEnd() {
            framer.finish();
          }
        };
    return drain(new ObservedInputStream(new ByteArrayInputStream(data), tap))
        + parser.facts().toolCalls();
  }

  private long drain(InputStream in) throws IOException {
    long total = 0;
    for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
      total += n;
    }
    return total;
  }
}
