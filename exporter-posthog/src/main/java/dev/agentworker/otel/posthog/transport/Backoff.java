package dev.agentworker.otel.posthog.transport;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry delays: exponential from one second, capped at 30 seconds, with full jitter on the upper
 * half (so that workers restarted together do not retry together); a {@code Retry-After} from the
 * server is a minimum, as PostHog's SDKs treat it.
 */
public final class Backoff {

  static final Duration INITIAL = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofSeconds(30);

  private final Duration initial;

  public Backoff() {
    this(INITIAL);
  }

  /** With a shorter first delay, for tests. */
  public Backoff(Duration initial) {
    this.initial = initial;
  }

  /**
   * The wait before retry number {@code attempt} (1 for the first retry).
   *
   * @param retryAfter the server's minimum, or null
   */
  public Duration delay(int attempt, Duration retryAfter) {
    long base = initial.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, MAX.toMillis());
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    Duration delay = Duration.ofMillis(jittered);
    if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
      return retryAfter.compareTo(MAX) > 0 ? MAX : retryAfter;
    }
    return delay;
  }

  /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
  public static Duration parseRetryAfter(String value, ZonedDateTime now) {
    if (value == null || value.trim().isEmpty()) {
      return null;
    }
    String text = value.trim();
    try {
      long seconds = Long.parseLong(text);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(now, at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
