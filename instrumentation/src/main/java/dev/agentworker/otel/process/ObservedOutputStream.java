package dev.agentworker.otel.process;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The child's stdin as the worker sees it, for children that may be MCP servers. Bytes are held
 * back only until the end of their line, a {@code flush()}, a {@code close()} or a size limit,
 * which is no later than the JDK's own buffered process stream would let them go; each complete
 * line is shown to a {@link LineObserver} before its last bytes are sent, and may be replaced by a
 * line that only adds to it. Once the observer loses interest, or fails, bytes pass straight
 * through. Failures of the real stream reach the worker unchanged.
 */
final class ObservedOutputStream extends OutputStream {

  private static final Logger logger = Logger.getLogger(ObservedOutputStream.class.getName());

  private static final int INITIAL_CAPACITY = 1024;

  /** Sees the lines a worker writes. Implementations must not block. */
  interface LineObserver {
    /** False once lines are of no interest; bytes then pass straight through. */
    boolean observing();

    /** The most bytes of one line that may be held back. */
    int holdLimit();

    /**
     * A complete line, {@code \n} excluded (a {@code \r} before it included).
     *
     * @param replaceable whether none of the line has been sent yet
     * @return the line to send instead, or null to send it as written
     */
    byte[] onLine(byte[] bytes, int length, boolean replaceable);

    /** A line exceeded the hold limit and was sent unobserved. */
    void onOversizedLine();

    /** The worker closed the stream. */
    void onClose();
  }

  private final OutputStream out;
  private volatile LineObserver observer;
  private byte[] line = new byte[INITIAL_CAPACITY];
  private int length;

  /** Bytes of the current line already sent (after a flush). */
  private int sent;

  /** The current line went over the hold limit: the rest of it passes through. */
  private boolean oversized;

  private final byte[] single = new byte[1];

  ObservedOutputStream(OutputStream out, LineObserver observer) {
    this.out = out;
    this.observer = observer;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    single[0] = (byte) b;
    write(single, 0, 1);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int count) throws IOException {
    if (offset < 0 || count < 0 || count > bytes.length - offset) {
      throw new IndexOutOfBoundsException();
    }
    LineObserver current = active();
    if (current == null) {
      release();
      out.write(bytes, offset, count);
      return;
    }
    int end = offset + count;
    int start = offset;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        endLine(current, bytes, start, i);
        start = i + 1;
        current = active();
        if (current == null) {
          out.write(bytes, start, end - start);
          return;
        }
      }
    }
    hold(current, bytes, start, end - start);
  }

  @Override
  public synchronized void flush() throws IOException {
    sendHeld();
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      sendHeld();
    } finally {
      try {
        out.close();
      } finally {
        LineObserver current = observer;
        if (current != null) {
          try {
            current.onClose();
          } catch (Throwable t) {
            drop(t);
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** The line ending at {@code bytes[newline]}, whose beginning may already be held. */
  private void endLine(LineObserver current, byte[] bytes, int start, int newline)
      throws IOException {
    if (oversized) {
      oversized = false;
      out.write(bytes, start, newline + 1 - start);
      return;
    }
    int segment = newline - start;
    if (length + segment > current.holdLimit()) {
      sendOversized(current, bytes, start, newline + 1 - start);
      oversized = false;
      return;
    }
    append(bytes, start, segment);
    byte[] replacement = null;
    boolean replaceable = sent == 0;
    try {
      replacement = current.onLine(line, length, replaceable);
    } catch (Throwable t) {
      drop(t);
    }
    int from = sent;
    int to = length;
    length = 0;
    sent = 0;
    if (replacement != null && replaceable) {
      out.write(replacement, 0, replacement.length);
      out.write('\n');
    } else {
      // Ends with the newline that is still in bytes.
      out.write(line, from, to - from);
      out.write(bytes, newline, 1);
    }
    if (line.length > INITIAL_CAPACITY * 64) {
      line = new byte[INITIAL_CAPACITY];
    }
  }

  private void hold(LineObserver current, byte[] bytes, int start, int count) throws IOException {
    if (count == 0) {
      return;
    }
    if (oversized) {
      out.write(bytes, start, count);
      return;
    }
    if (length + count > current.holdLimit()) {
      sendOversized(current, bytes, start, count);
      return;
    }
    append(bytes, start, count);
  }

  private void sendOversized(LineObserver current, byte[] bytes, int start, int count)
      throws IOException {
    int from = sent;
    int to = length;
    length = 0;
    sent = 0;
    oversized = true;
    try {
      current.onOversizedLine();
    } catch (Throwable t) {
      drop(t);
    }
    out.write(line, from, to - from);
    out.write(bytes, start, count);
  }

  private void append(byte[] bytes, int start, int count) {
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
    }
    System.arraycopy(bytes, start, line, length, count);
    length += count;
  }

  /** Sends what is held but keeps it, so the line can still be observed when it ends. */
  private void sendHeld() throws IOException {
    if (length > sent) {
      int from = sent;
      sent = length;
      out.write(line, from, length - from);
    }
  }

  /** Sends what is held and forgets it: observation has ended. */
  private void release() throws IOException {
    if (length > 0 || sent > 0) {
      int from = sent;
      int to = length;
      length = 0;
      sent = 0;
      oversized = false;
      out.write(line, from, to - from);
    }
  }

  private LineObserver active() {
    LineObserver current = observer;
    if (current == null) {
      return null;
    }
    try {
      return current.observing() ? current : null;
    } catch (Throwable t) {
      drop(t);
      return null;
    }
  }

  private void drop(Throwable t) {
    observer = null;
    logger.log(Level.FINE, "stdin observation stopped after an internal error", t);
  }
}
