package dev.agentworker.otel.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentworker.otel.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {

  private final List<String> lines = new ArrayList<>();
  private int oversized;

  private final LineFramer.LineHandler handler =
      new LineFramer.LineHandler() {
        @Override
        public void onLine(byte[] bytes, int length) {
          lines.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
        }

        @Override
        public void onOversizedLine(byte[] prefix, int offset, int length) {
          oversized++;
        }
      };

  @Test
  void framesRecordedStreamIdenticallyAtEverySplitOffset() {
    byte[] stream = Fixtures.bytes("codex-c2-mcp-tool-call.jsonl");
    List<String> expected = new ArrayList<>();
    for (String line : new String(stream, StandardCharsets.UTF_8).split("\n")) {
      expected.add(line);
    }

    for (int split = 0; split <= stream.length; split++) {
      lines.clear();
      LineFramer framer = new LineFramer(handler, 1 << 20);
      framer.write(stream, 0, split);
      framer.write(stream, split, stream.length - split);
      framer.finish();
      assertThat(lines).as("split at %d", split).isEqualTo(expected);
    }
  }

  @Test
  void framesByteByByteAndStripsOneCarriageReturn() {
    byte[] stream = "a\r\nb\r\r\n\nc".getBytes(StandardCharsets.UTF_8);
    LineFramer framer = new LineFramer(handler, 64);
    for (byte b : stream) {
      framer.write(new byte[] {b}, 0, 1);
    }
    framer.finish();

    assertThat(lines).containsExactly("a", "b\r", "", "c");
  }

  @Test
  void skipsOversizedLineAndKeepsFramingForTheNext() {
    LineFramer framer = new LineFramer(handler, 16);
    byte[] big =
        ("{\"x\":\"" + "y".repeat(100) + "\"}\n{\"ok\":1}\n").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < big.length; i += 7) {
      framer.write(big, i, Math.min(7, big.length - i));
    }
    framer.finish();

    assertThat(oversized).isEqualTo(1);
    assertThat(lines).containsExactly("{\"ok\":1}");
  }

  @Test
  void gapDropsTheCurrentLineOnly() {
    LineFramer framer = new LineFramer(handler, 64);
    byte[] first = "{\"a\":".getBytes(StandardCharsets.UTF_8);
    framer.write(first, 0, first.length);
    framer.gap();
    byte[] rest = "1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8);
    framer.write(rest, 0, rest.length);
    framer.finish();

    assertThat(lines).containsExactly("{\"b\":2}");
  }

  @Test
  void handsOverTruncatedFinalLineOnce() {
    LineFramer framer = new LineFramer(handler, 64);
    byte[] bytes = "{\"a\":1}\n{\"b\":".getBytes(StandardCharsets.UTF_8);
    framer.write(bytes, 0, bytes.length);
    framer.finish();
    framer.finish();

    assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":");
  }
}
