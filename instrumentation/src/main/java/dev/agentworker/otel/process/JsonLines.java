package dev.agentworker.otel.process;

import dev.agentworker.otel.json.Json;
import dev.agentworker.otel.query.StreamParser;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feeds framed stdout lines to a {@link StreamParser}: blank lines are ignored, lines that are not
 * a JSON object are counted by reason ({@code agent_worker.stream.skip_reason}) and skipped.
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
    int start = 0;
    while (start < length && isWhitespace(bytes[start])) {
      start++;
    }
    if (start == length) {
      return;
    }
    if (bytes[start] != '{') {
      skip(NOT_JSON);
      return;
    }
    // Malformed UTF-8 decodes to U+FFFD; it never throws.
    String text = new String(bytes, start, length - start, StandardCharsets.UTF_8);
    Map<String, Object> event = Json.parseObject(text);
    if (event == null) {
      skip(INVALID_JSON);
      return;
    }
    parser.onEvent(event);
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
