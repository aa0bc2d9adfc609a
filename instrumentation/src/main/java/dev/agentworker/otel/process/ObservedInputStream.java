package dev.agentworker.otel.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The child's stdout as the worker sees it: every call goes to the original stream, with the same
 * bytes, blocking and EOF behaviour, and what was read is shown to a {@link StreamTap}. Bytes
 * re-read after {@code reset()} are shown once only. If the tap ever fails it is dropped for the
 * rest of the stream; the worker's read is never affected.
 */
final class ObservedInputStream extends InputStream {

  private static final Logger logger = Logger.getLogger(ObservedInputStream.class.getName());

  private final InputStream in;
  private volatile StreamTap tap;

  /** Position of the reader in the stream, and the furthest position already shown to the tap. */
  private long position;

  private long observedUpTo;
  private long markPosition = -1;

  /** Reused for single-byte reads; only touched under this stream's lock. */
  private final byte[] single = new byte[1];

  ObservedInputStream(InputStream in, StreamTap tap) {
    this.in = in;
    this.tap = tap;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      observeByte(b);
    } else {
      end();
    }
    return b;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    int count = in.read(bytes, offset, length);
    if (count > 0) {
      observe(bytes, offset, count);
    } else if (count < 0) {
      end();
    }
    return count;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(n);
    if (skipped > 0) {
      synchronized (this) {
        position += skipped;
        if (position > observedUpTo) {
          observedUpTo = position;
          StreamTap current = tap;
          if (current != null) {
            try {
              current.onGap();
            } catch (Throwable t) {
              drop(t);
            }
          }
        }
      }
    }
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() throws IOException {
    try {
      in.close();
    } finally {
      end();
    }
  }

  @Override
  public synchronized void mark(int readLimit) {
    in.mark(readLimit);
    markPosition = position;
  }

  @Override
  public synchronized void reset() throws IOException {
    in.reset();
    if (markPosition >= 0) {
      position = markPosition;
    }
  }

  @Override
  public boolean markSupported() {
    return in.markSupported();
  }

  @Override
  public String toString() {
    return in.toString();
  }

  private synchronized void observeByte(int b) {
    single[0] = (byte) b;
    observe(single, 0, 1);
  }

  private synchronized void observe(byte[] bytes, int offset, int count) {
    long start = position;
    position += count;
    StreamTap current = tap;
    if (current == null || position <= observedUpTo) {
      return;
    }
    int alreadySeen = (int) Math.max(0, observedUpTo - start);
    observedUpTo = position;
    try {
      current.onBytes(bytes, offset + alreadySeen, count - alreadySeen);
    } catch (Throwable t) {
      drop(t);
    }
  }

  private void end() {
    StreamTap current = tap;
    if (current == null) {
      return;
    }
    try {
      current.onEnd();
    } catch (Throwable t) {
      drop(t);
    }
  }

  private void drop(Throwable t) {
    tap = null;
    logger.log(Level.FINE, "stream observation stopped after an internal error", t);
  }
}
