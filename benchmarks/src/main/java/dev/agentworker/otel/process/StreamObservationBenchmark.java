package dev.agentworker.otel.process;

import dev.agentworker.otel.codex.CodexStreamParser;
import dev.agentworker.otel.codex.ThreadUsageAccess;
import dev.agentworker.otel.query.ToolCall;
import dev.agentworker.otel.query.ToolCallListener;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
 * What observing costs the worker's reading thread, as ratios within one run:
 *
 * <ul>
 *   <li>{@code readLines} vs {@code readLinesObserved}: a worker reading the stream line by line
 *       (as a provider adapter does), without and with observation (framing, JSON parsing, the
 *       Codex parser);
 *   <li>{@code readBlocks} vs {@code readBlocksObserved}: raw 8 KiB reads, the worst case, where
 *       the worker itself does nothing with the bytes.
 * </ul>
 *
 * See {@code docs/performance.md} for the command and the figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamObservationBenchmark {

  /**
   * {@code events}: recorded-style JSONL; {@code hugeLines}: 2 MiB tool outputs, over the limit.
   */
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
        text.append("{\"type\":\"item.started\",\"item\":{\"id\":\"item_")
            .append(i)
            .append("\",\"type\":\"mcp_tool_call\",\"server\":\"everything\",\"tool\":\"echo\",")
            .append("\"arguments\":{\"message\":\"hello mcp\"},\"result\":null,\"error\":null,")
            .append("\"status\":\"in_progress\"}}\n");
        text.append("{\"type\":\"item.completed\",\"item\":{\"id\":\"item_")
            .append(i)
            .append("\",\"type\":\"mcp_tool_call\",\"server\":\"everything\",\"tool\":\"echo\",")
            .append("\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Echo: hello mcp\"}],")
            .append("\"structured_content\":null},\"error\":null,\"status\":\"completed\"}}\n");
      }
    } else {
      String big = "x".repeat(2 * 1024 * 1024);
      for (int i = 0; i < 4; i++) {
        text.append("{\"type\":\"item.completed\",\"item\":{\"id\":\"c")
            .append(i)
            .append("\",\"type\":\"command_execution\",\"aggregated_output\":\"")
            .append(big)
            .append("\",\"status\":\"completed\"}}\n");
      }
    }
    data = text.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public long readBlocks() throws IOException {
    return drain(new ByteArrayInputStream(data));
  }

  @Benchmark
  public long readBlocksObserved() throws IOException {
    ObservedStream observed = observed();
    return drain(observed.in) + observed.parser.facts().toolCalls();
  }

  @Benchmark
  public long readLines() throws IOException {
    return lines(new ByteArrayInputStream(data));
  }

  @Benchmark
  public long readLinesObserved() throws IOException {
    ObservedStream observed = observed();
    return lines(observed.in) + observed.parser.facts().toolCalls();
  }

  private static final class ObservedStream {
    final InputStream in;
    final CodexStreamParser parser;

    ObservedStream(InputStream in, CodexStreamParser parser) {
      this.in = in;
      this.parser = parser;
    }
  }

  private ObservedStream observed() {
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
    return new ObservedStream(new ObservedInputStream(new ByteArrayInputStream(data), tap), parser);
  }

  private static long lines(InputStream in) throws IOException {
    long total = 0;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        total += line.length();
      }
    }
    return total;
  }

  private long drain(InputStream in) throws IOException {
    long total = 0;
    for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
      total += n;
    }
    return total;
  }
}
