package dev.agentworker.otel.posthog.transport;

import dev.agentworker.otel.posthog.events.PostHogEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

/**
 * Posts one batch to {@code /batch/} and says what to do next, by PostHog's response codes: 2xx
 * sent; 408, 429, 5xx and I/O errors retry; 413 split; 401 and 403 a bad key; other codes rejected.
 * The agent's HTTP client instrumentation is suppressed for these calls, so the exporter does not
 * trace itself.
 */
public final class PostHogClient {

  /** What a post came to. */
  public enum Outcome {
    SENT,
    RETRY,
    TOO_LARGE,
    UNAUTHORIZED,
    REJECTED
  }

  /** The outcome of one post, with the status (0 for an I/O error) and any Retry-After. */
  public static final class Result {
    private final Outcome outcome;
    private final int status;
    private final Duration retryAfter;

    Result(Outcome outcome, int status, Duration retryAfter) {
      this.outcome = outcome;
      this.status = status;
      this.retryAfter = retryAfter;
    }

    public Outcome outcome() {
      return outcome;
    }

    public int status() {
      return status;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  private final HttpClient http;
  private final URI endpoint;
  private final String apiKey;
  private final Duration timeout;
  private final boolean gzip;

  public PostHogClient(URI endpoint, String apiKey, Duration timeout, boolean gzip) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.endpoint = endpoint;
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.gzip = gzip;
  }

  public Result post(List<PostHogEvent> events) {
    String sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    byte[] body = Batches.body(apiKey, sentAt, events);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "agent-worker-otel");
    if (gzip) {
      request.header("Content-Encoding", "gzip");
      body = gzip(body);
    }
    HttpRequest built = request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    AtomicReference<Result> result = new AtomicReference<>();
    Suppression.run(() -> result.set(send(built)));
    return result.get();
  }

  private Result send(HttpRequest request) {
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      return new Result(Outcome.RETRY, 0, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Outcome.RETRY, 0, null);
    }
    int status = response.statusCode();
    Duration retryAfter =
        Backoff.parseRetryAfter(
            response.headers().firstValue("Retry-After").orElse(null),
            ZonedDateTime.now(ZoneOffset.UTC));
    return new Result(classify(status), status, retryAfter);
  }

  static Outcome classify(int status) {
    if (status >= 200 && status < 300) {
      return Outcome.SENT;
    }
    if (status == 408 || status == 429 || status >= 500) {
      return Outcome.RETRY;
    }
    if (status == 413) {
      return Outcome.TOO_LARGE;
    }
    if (status == 401 || status == 403) {
      return Outcome.UNAUTHORIZED;
    }
    return Outcome.REJECTED;
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(body);
    } catch (IOException e) {
      throw new IllegalStateException("gzip into memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
