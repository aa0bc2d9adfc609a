package dev.agentworker.otel.process;

import dev.agentworker.otel.json.Json;
import dev.agentworker.otel.json.JsonValues;
import dev.agentworker.otel.query.StreamParser;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Feeds framed stdout lines to a {@link StreamParser}: blank lines are ignored, lines that are not
 * a JSON object are counted by reason ({@code agent_worker.stream.skip_reason}) and skipped. {@link
 * #parse} is the one way every observed stream turns a line into JSON.
 */
final class JsonLines implements LineFramer.LineHandler {

  static final String TOO_LONG = "too_long";
  static final String NOT_JSON = "not_json";
  static final String INVALID_JSON = "invalid_json";

  private final StreamParser parser;
  private final Map<String, Long> skipped = new LinkedHashMap<>();

  JsonLines(StreamParser parser) {
    this.parser = parser;
  }

  @Override
  public void onLine(byte[] bytes, int length) {
    Object event = parse(bytes, length, false, this::skip);
    if (event != null) {
      parser.onEvent(JsonValues.asObject(event));
    }
  }

  /**
   * One framed line as JSON: an object, or with {@code batches} also an array. A blank line gives
   * null; any other line that is not one gives null and its skip reason to {@code skipped}.
   * Malformed UTF-8 decodes to U+FFFD; it never throws.
   */
  static Object parse(byte[] bytes, int length, boolean batches, Consumer<String> skipped) {
    int start = 0;
    while (start < length && isWhitespace(bytes[start])) {
      start++;
    }
    if (start == length) {
      return null;
    }
    if (bytes[start] != '{' && !(batches && bytes[start] == '[')) {
      skipped.accept(NOT_JSON);
      return null;
    }
    Object value = Json.parse(new String(bytes, start, length - start, StandardCharsets.UTF_8));
    if (!(value instanceof Map || (batches && value instanceof List))) {
      skipped.accept(INVALID_JSON);
      return null;
    }
    return value;
  }

  @Override
  public void onOversizedLine(byte[] prefix, int offset, int length) {
    skip(TOO_LONG);
  }

  /** Skipped lines by reason. */
  Map<String, Long> skipped() {
    return skipped;
  }

  private void skip(String reason) {
    skipped.merge(reason, 1L, Long::sum);
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\r';
  }
}
