package dev.agentworker.otel.posthog.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysGrowExponentiallyWithinJitterAndAreCapped() {
    Backoff backoff = new Backoff();
    for (int i = 0; i < 200; i++) {
      assertThat(backoff.delay(1, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
      assertThat(backoff.delay(3, null)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
      assertThat(backoff.delay(40, null)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
    }
  }

  @Test
  void retryAfterIsAMinimumCappedAtTheMaximum() {
    Backoff backoff = new Backoff();
    assertThat(backoff.delay(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.delay(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delay(3, Duration.ofMillis(1)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDate() {
    ZonedDateTime now = ZonedDateTime.of(2026, 12, 3, 10, 0, 0, 0, ZoneOffset.UTC);
    assertThat(Backoff.parseRetryAfter("7", now)).isEqualTo(Duration.ofSeconds(7));
    assertThat(Backoff.parseRetryAfter("Thu, 03 Dec 2026 10:00:12 GMT", now))
        .isEqualTo(Duration.ofSeconds(12));
    assertThat(Backoff.parseRetryAfter("Thu, 03 Dec 2026 09:00:00 GMT", now))
        .isEqualTo(Duration.ZERO);
    assertThat(Backoff.parseRetryAfter("-1", now)).isNull();
    assertThat(Backoff.parseRetryAfter("soon", now)).isNull();
    assertThat(Backoff.parseRetryAfter(null, now)).isNull();
  }
}
