package dev.agentworker.otel.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ObservedInputStreamTest {

  /** Collects what the tap sees. */
  static final class CollectingTap implements StreamTap {
    final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    int gaps;
    int ends;

    @Override
    public void onBytes(byte[] bytes, int offset, int count) {
      seen.write(bytes, offset, count);
    }

    @Override
    public void onGap() {
      gaps++;
    }

    @Override
    public void onEnd() {
      ends++;
    }
  }

  @Test
  void readerAndTapSeeIdenticalBytesWhateverTheReadPattern() throws IOException {
    Random random = new Random(99);
    byte[] data = new byte[200_000];
    random.nextBytes(data);

    CollectingTap tap = new CollectingTap();
    InputStream in = new ObservedInputStream(new ByteArrayInputStream(data), tap);
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    while (true) {
      int mode = random.nextInt(3);
      if (mode == 0) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        read.write(b);
      } else {
        byte[] buffer = new byte[1 + random.nextInt(5000)];
        int offset = random.nextInt(buffer.length);
        int n = in.read(buffer, offset, buffer.length - offset);
        if (n < 0) {
          break;
        }
        read.write(buffer, offset, n);
      }
    }

    assertThat(read.toByteArray()).isEqualTo(data);
    assertThat(tap.seen.toByteArray()).isEqualTo(data);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(tap.ends).isEqualTo(2);
  }

  @Test
  void bytesRereadAfterResetAreObservedOnce() throws IOException {
    byte[] data = "0123456789".getBytes();
    CollectingTap tap = new CollectingTap();
    InputStream in =
        new ObservedInputStream(new BufferedInputStream(new ByteArrayInputStream(data)), tap);

    assertThat(in.markSupported()).isTrue();
    byte[] first = new byte[4];
    in.mark(100);
    assertThat(in.read(first)).isEqualTo(4);
    in.reset();
    byte[] all = in.readAllBytes();

    assertThat(new String(all)).isEqualTo("0123456789");
    assertThat(tap.seen.toString()).isEqualTo("0123456789");
  }

  @Test
  void skipIsReportedAsGap() throws IOException {
    CollectingTap tap = new CollectingTap();
    InputStream in = new ObservedInputStream(new ByteArrayInputStream("abcdef".getBytes()), tap);

    assertThat(in.read()).isEqualTo('a');
    assertThat(in.skip(2)).isEqualTo(2);
    assertThat(new String(in.readAllBytes())).isEqualTo("def");
    assertThat(tap.seen.toString()).isEqualTo("adef");
    assertThat(tap.gaps).isEqualTo(1);
  }

  @Test
  void failingTapNeverReachesTheReader() throws IOException {
    StreamTap failing =
        new StreamTap() {
          @Override
          public void onBytes(byte[] bytes, int offset, int count) {
            throw new IllegalStateException("observer bug");
          }

          @Override
          public void onGap() {
            throw new IllegalStateException("observer bug");
          }

          @Override
          public void onEnd() {
            throw new IllegalStateException("observer bug");
          }
        };
    InputStream in =
        new ObservedInputStream(new ByteArrayInputStream("hello\nworld\n".getBytes()), failing);

    assertThat(new String(in.readAllBytes())).isEqualTo("hello\nworld\n");
    in.close();
  }

  @Test
  void readerExceptionsPassThroughUnchanged() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("Stream closed");
          }
        };
    InputStream in = new ObservedInputStream(broken, new CollectingTap());

    assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("Stream closed");
  }

  @Test
  void closeNotifiesEnd() throws IOException {
    CollectingTap tap = new CollectingTap();
    InputStream in = new ObservedInputStream(new ByteArrayInputStream(new byte[10]), tap);
    in.close();
    assertThat(tap.ends).isEqualTo(1);
  }
}
