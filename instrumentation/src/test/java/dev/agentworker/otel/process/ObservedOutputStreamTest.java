package dev.agentworker.otel.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ObservedOutputStreamTest {

  private final List<String> events = new ArrayList<>();
  private final ByteArrayOutputStream pipe = new ByteArrayOutputStream();

  private ObservedOutputStream stream(boolean observing, int holdLimit, byte[] replacement) {
    return new ObservedOutputStream(
        pipe,
        new ObservedOutputStream.LineObserver() {
          @Override
          public boolean observing() {
            return observing;
          }

          @Override
          public int holdLimit() {
            return holdLimit;
          }

          @Override
          public byte[] onLine(byte[] bytes, int length, boolean replaceable) {
            events.add("line " + new String(bytes, 0, length) + " " + replaceable);
            return replacement;
          }

          @Override
          public void onOversizedLine() {
            events.add("oversized");
          }

          @Override
          public void onClose() {
            events.add("close");
          }
        });
  }

  @Test
  void bytesAreTheSameInAnyChunkingWhetherObservedOrNot() throws IOException {
    byte[] data = new byte[200_000];
    Random random = new Random(7);
    random.nextBytes(data);
    for (int i = 0; i < data.length; i += 1 + random.nextInt(300)) {
      data[i] = '\n';
    }
    for (boolean observing : new boolean[] {true, false}) {
      pipe.reset();
      ObservedOutputStream out = stream(observing, 512, null);
      for (int i = 0; i < data.length; ) {
        int n = Math.min(data.length - i, random.nextInt(700));
        if (n == 1) {
          out.write(data[i]);
        } else {
          out.write(data, i, n);
        }
        i += n;
        if (random.nextInt(10) == 0) {
          out.flush();
        }
      }
      out.close();
      assertThat(pipe.toByteArray()).as("observing=" + observing).isEqualTo(data);
    }
  }

  @Test
  void aLineIsShownBeforeItsNewlineIsSentAndMayBeReplacedOnlyWhenUnsent() throws IOException {
    ObservedOutputStream out = stream(true, 1024, "[replaced]".getBytes());
    out.write("first".getBytes());
    assertThat(pipe.size()).isZero();
    out.write("\nsec".getBytes());
    assertThat(pipe.toString()).isEqualTo("[replaced]\n");
    out.flush();
    out.write("ond\n".getBytes());
    out.close();

    assertThat(pipe.toString()).isEqualTo("[replaced]\nsecond\n");
    assertThat(events).containsExactly("line first true", "line second false", "close");
  }

  @Test
  void aLineOverTheHoldLimitPassesThroughUnobserved() throws IOException {
    ObservedOutputStream out = stream(true, 8, "[replaced]".getBytes());
    out.write("0123456789abcdef\nok\n".getBytes());

    assertThat(pipe.toString()).isEqualTo("0123456789abcdef\n[replaced]\n");
    assertThat(events).containsExactly("oversized", "line ok true");
  }
}
