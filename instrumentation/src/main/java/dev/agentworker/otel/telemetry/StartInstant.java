package dev.agentworker.otel.telemetry;

import java.time.Instant;

/**
 * When something started, read from both clocks: later {@link System#nanoTime()} readings become
 * wall-clock times on the same base, so child spans nest exactly inside their parent and a
 * wall-clock step in between does not distort durations.
 */
public final class StartInstant {

  private final long epochNanos;
  private final long nanoTime;

  public StartInstant(long epochNanos, long nanoTime) {
    this.epochNanos = epochNanos;
    this.nanoTime = nanoTime;
  }

  public static StartInstant now() {
    Instant now = Instant.now();
    return new StartInstant(
        now.getEpochSecond() * 1_000_000_000L + now.getNano(), System.nanoTime());
  }

  public long epochNanos() {
    return epochNanos;
  }

  /** Wall-clock time of a later {@link System#nanoTime()} reading, on this instant's base. */
  public long epochNanosAt(long laterNanoTime) {
    return epochNanos + Math.max(0, laterNanoTime - nanoTime);
  }

  public long epochNanosNow() {
    return epochNanosAt(System.nanoTime());
  }

  public double secondsSince() {
    return secondsSince(nanoTime);
  }

  /** Seconds from a {@link System#nanoTime()} reading until now, never negative. */
  public static double secondsSince(long nanoTime) {
    return Math.max(0, System.nanoTime() - nanoTime) / 1e9;
  }
}
