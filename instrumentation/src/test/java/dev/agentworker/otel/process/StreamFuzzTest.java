package dev.agentworker.otel.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.agentworker.otel.claude.ClaudeOutcome;
import dev.agentworker.otel.claude.ClaudeStreamParser;
import dev.agentworker.otel.codex.CodexOutcome;
import dev.agentworker.otel.codex.CodexStreamParser;
import dev.agentworker.otel.codex.RecordingListener;
import dev.agentworker.otel.json.Json;
import dev.agentworker.otel.query.ProcessEnd;
import dev.agentworker.otel.query.StreamParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Coverage-guided fuzz targets (Jazzer). Under JUnit they replay the inputs in {@code
 * src/test/resources/.../StreamFuzzTestInputs}; {@code JAZZER_FUZZ=1 mvn test
 * -Dtest=StreamFuzzTest} fuzzes each for its {@code maxDuration}.
 */
class StreamFuzzTest {

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** Whatever the bytes and however they are read, the reader gets them all, and nothing throws. */
  @FuzzTest(maxDuration = "60s")
  void observedStreamsPassBytesThroughAndNeverThrow(FuzzedDataProvider data) throws IOException {
    boolean claude = data.consumeBoolean();
    int maxLine = data.consumeInt(1, 4096);
    int chunk = data.consumeInt(1, 512);
    byte[] bytes = data.consumeRemainingAsBytes();

    RecordingListener listener = new RecordingListener();
    StreamParser parser =
        claude
            ? new ClaudeStreamParser(listener)
            : new CodexStreamParser(
                listener, dev.agentworker.otel.codex.ThreadUsageFactory.fresh());
    LineFramer framer = new LineFramer(new JsonLines(parser), maxLine);
    StreamTap tap =
        new StreamTap() {
          @Override
          public void onBytes(byte[] b, int offset, int count) {
            framer.write(b, offset, count);
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
    InputStream in = new ObservedInputStream(new ByteArrayInputStream(bytes), tap);
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[chunk];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      read.write(buffer, 0, n);
    }
    parser.finishOpenCalls();
    if (claude) {
      ClaudeOutcome.classify(parser.facts(), new ProcessEnd(chunk % 256, false));
    } else {
      CodexOutcome.classify(parser.facts(), new ProcessEnd(chunk % 256, false));
    }

    assertThat(read.toByteArray()).isEqualTo(bytes);
    long starts = listener.events.stream().filter(e -> e.startsWith("start ")).count();
    long ends = listener.events.stream().filter(e -> e.startsWith("end ")).count();
    assertThat(ends).isEqualTo(starts);
  }

  /** The JSON reader accepts exactly what a strict Jackson accepts (within its depth limit). */
  @FuzzTest(maxDuration = "60s")
  void jsonReaderAgreesWithJackson(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    // Json.parse returns null both for the literal null and for malformed input.
    if (depth(text) > Json.MAX_DEPTH || text.length() > 10_000 || text.trim().equals("null")) {
      return;
    }
    boolean jackson;
    try {
      JsonNode node = STRICT.readTree(text);
      jackson = node != null && !node.isMissingNode();
    } catch (IOException | RuntimeException e) {
      jackson = false;
    }
    boolean ours = Json.parse(text) != null;
    assertThat(ours).as(text).isEqualTo(jackson);
  }

  private static int depth(String text) {
    int depth = 0;
    int max = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[' || c == '{') {
        max = Math.max(max, ++depth);
      } else if (c == ']' || c == '}') {
        depth--;
      }
    }
    return max;
  }
}
