package dev.agentworker.otel.process;

import dev.agentworker.otel.query.StreamParser;
import java.util.Map;

/** Feeds bytes through the same framing and decoding the observed stdout uses. */
public final class StreamFeed {

  private final LineFramer framer;
  private final JsonLines lines;

  public StreamFeed(StreamParser parser, int maxLineBytes) {
    this.lines = new JsonLines(parser);
    this.framer = new LineFramer(lines, maxLineBytes);
  }

  /** Writes {@code bytes} in chunks of {@code chunk} bytes, then ends the stream. */
  public StreamFeed feed(byte[] bytes, int chunk) {
    for (int i = 0; i < bytes.length; i += chunk) {
      framer.write(bytes, i, Math.min(chunk, bytes.length - i));
    }
    framer.finish();
    return this;
  }

  public Map<String, Long> skipped() {
    return lines.skipped();
  }
}
