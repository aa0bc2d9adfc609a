package dev.agentworker.otel.process;

import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n}, across reads of any size. Bytes are buffered until
 * the newline (0x0A never occurs inside a UTF-8 sequence), one trailing {@code \r} is stripped, and
 * a line longer than the limit is dropped as a whole while framing continues, so memory stays
 * bounded whatever the input.
 */
final class LineFramer {

  /** Receives framed lines. */
  interface LineHandler {
    /** {@code bytes[0..length)} is one line without its terminator; valid only during the call. */
    void onLine(byte[] bytes, int length);

    /**
     * A line exceeded the limit and was skipped; {@code prefix[offset..offset+length)} is its
     * beginning (valid only during the call).
     */
    void onOversizedLine(byte[] prefix, int offset, int length);
  }

  private static final int INITIAL_CAPACITY = 8 * 1024;

  private final LineHandler handler;
  private final int maxLineBytes;
  private byte[] buffer;
  private int length;
  private boolean skipping;

  LineFramer(LineHandler handler, int maxLineBytes) {
    this.handler = handler;
    this.maxLineBytes = maxLineBytes;
    this.buffer = new byte[Math.min(INITIAL_CAPACITY, maxLineBytes)];
  }

  void write(byte[] bytes, int offset, int count) {
    int end = offset + count;
    int start = offset;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        append(bytes, start, i - start);
        endLine();
        start = i + 1;
      }
    }
    append(bytes, start, end - start);
  }

  /**
   * Bytes were consumed without being seen (the reader skipped them): the current line is lost, so
   * drop it and resynchronise at the next newline.
   */
  void gap() {
    length = 0;
    skipping = true;
  }

  /** End of stream: a final line without newline is handed over once, as is. */
  void finish() {
    if (!skipping && length > 0) {
      emit();
    }
    length = 0;
    skipping = false;
  }

  private void append(byte[] bytes, int offset, int count) {
    if (count == 0 || skipping) {
      return;
    }
    if (length + count > maxLineBytes) {
      skipping = true;
      if (length > 0) {
        handler.onOversizedLine(buffer, 0, length);
      } else {
        handler.onOversizedLine(bytes, offset, Math.min(count, INITIAL_CAPACITY));
      }
      length = 0;
      return;
    }
    if (length + count > buffer.length) {
      buffer =
          Arrays.copyOf(
              buffer, Math.min(maxLineBytes, Math.max(buffer.length * 2, length + count)));
    }
    System.arraycopy(bytes, offset, buffer, length, count);
    length += count;
  }

  private void endLine() {
    if (skipping) {
      skipping = false;
    } else {
      emit();
    }
    length = 0;
    // Do not keep a buffer grown for one large line.
    if (buffer.length > INITIAL_CAPACITY * 8) {
      buffer = new byte[Math.min(INITIAL_CAPACITY, maxLineBytes)];
    }
  }

  private void emit() {
    int lineLength = length;
    if (lineLength > 0 && buffer[lineLength - 1] == '\r') {
      lineLength--;
    }
    handler.onLine(buffer, lineLength);
  }
}
