package dev.agentworker.otel.posthog;

import dev.agentworker.otel.posthog.events.EventMapper;
import dev.agentworker.otel.posthog.events.PostHogEvent;
import dev.agentworker.otel.posthog.transport.Backoff;
import dev.agentworker.otel.posthog.transport.Batches;
import dev.agentworker.otel.posthog.transport.PostHogClient;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the extension's query and tool spans to PostHog as events. {@link #export} only maps spans
 * and puts the events into a bounded queue, so the SDK's batch processor, which this exporter may
 * share with the OTLP exporter, is never held up by PostHog; one daemon thread sends the queue in
 * batches, retrying within a time budget. When the queue is full, new events are dropped and
 * counted.
 */
public final class PostHogSpanExporter implements SpanExporter {

  private static final Logger logger = Logger.getLogger(PostHogSpanExporter.class.getName());

  private final PostHogSettings settings;
  private final EventMapper mapper;
  private final PostHogClient client;
  private final Backoff backoff;
  private final BlockingQueue<PostHogEvent> queue;
  private final ExporterMetrics metrics;
  private final Thread sender;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean keyRejectionLogged = new AtomicBoolean();
  private final Object progress = new Object();

  /** Events accepted and not yet sent or given up on; guarded by {@link #progress}. */
  private long pending;

  /** The sender gives up waiting at this time (nanoTime) once shutdown has begun. */
  private volatile long shutdownDeadline = Long.MAX_VALUE;

  PostHogSpanExporter(PostHogSettings settings, Backoff backoff) {
    this.settings = settings;
    this.mapper = new EventMapper(settings.events(), settings.distinctId());
    this.client =
        new PostHogClient(
            settings.batchEndpoint(), settings.apiKey(), settings.timeout(), settings.gzip());
    this.backoff = backoff;
    this.queue = new ArrayBlockingQueue<>(settings.queueSize());
    this.metrics = new ExporterMetrics(() -> queue.size());
    this.sender = new Thread(this::sendLoop, "agent-worker-posthog-sender");
    sender.setDaemon(true);
    sender.start();
  }

  public static PostHogSpanExporter create(PostHogSettings settings) {
    return new PostHogSpanExporter(settings, new Backoff());
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    if (stopped.get()) {
      return CompletableResultCode.ofFailure();
    }
    int full = 0;
    EventMapper.Drops drops = count -> metrics.dropped(count, ExporterMetrics.TOO_LARGE);
    List<PostHogEvent> events = new ArrayList<>(spans.size() * 3);
    for (SpanData span : spans) {
      events.addAll(mapper.map(span, drops));
    }
    // Queued under the lock the sender drains under, so one export's events travel together.
    synchronized (progress) {
      for (PostHogEvent event : events) {
        if (queue.offer(event)) {
          pending++;
        } else {
          full++;
        }
      }
    }
    metrics.dropped(full, ExporterMetrics.QUEUE_FULL);
    // The events are PostHog's now: reporting success keeps the shared processor moving.
    return CompletableResultCode.ofSuccess();
  }

  /** Completes once everything queued before the call has been sent or given up on. */
  @Override
  public CompletableResultCode flush() {
    CompletableResultCode result = new CompletableResultCode();
    Thread waiter =
        new Thread(
            () -> {
              synchronized (progress) {
                while (pending > 0 && sender.isAlive()) {
                  try {
                    progress.wait(100);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                  }
                }
              }
              result.succeed();
            },
            "agent-worker-posthog-flush");
    waiter.setDaemon(true);
    waiter.start();
    return result;
  }

  /**
   * Sends what is queued within the shutdown timeout, then stops; what is left is counted as
   * dropped.
   */
  @Override
  public CompletableResultCode shutdown() {
    if (!stopped.compareAndSet(false, true)) {
      return CompletableResultCode.ofSuccess();
    }
    shutdownDeadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
    sender.interrupt();
    try {
      sender.join(Math.max(1, settings.shutdownTimeout().toMillis() + 500));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<PostHogEvent> left = new ArrayList<>();
    queue.drainTo(left);
    done(left.size());
    metrics.dropped(left.size(), ExporterMetrics.SHUTDOWN);
    return CompletableResultCode.ofSuccess();
  }

  private void sendLoop() {
    List<PostHogEvent> batch = new ArrayList<>(settings.batchSize());
    while (true) {
      try {
        if (stopped.get() && (queue.isEmpty() || System.nanoTime() >= shutdownDeadline)) {
          return;
        }
        PostHogEvent first = stopped.get() ? queue.poll() : queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        metrics.initialize();
        batch.clear();
        batch.add(first);
        synchronized (progress) {
          queue.drainTo(batch, settings.batchSize() - 1);
        }
        try {
          for (List<PostHogEvent> part :
              Batches.split(batch, settings.batchSize(), Batches.MAX_BODY_BYTES)) {
            deliver(part, System.nanoTime() + settings.maxRetryTime().toNanos());
          }
        } finally {
          done(batch.size());
        }
      } catch (InterruptedException e) {
        // shutdown() interrupts to cut waits short; the loop then drains until its deadline
      } catch (Throwable t) {
        logger.log(Level.FINE, "PostHog export failed", t);
      }
    }
  }

  /** Sends one batch, retrying until it is sent, given up on, or the deadline passes. */
  private void deliver(List<PostHogEvent> events, long retryDeadline) {
    for (int attempt = 1; ; attempt++) {
      if (System.nanoTime() >= shutdownDeadline) {
        metrics.dropped(events.size(), ExporterMetrics.SHUTDOWN);
        return;
      }
      long start = System.nanoTime();
      PostHogClient.Result result = client.post(events);
      double seconds = (System.nanoTime() - start) / 1e9;
      metrics.request(seconds, result.outcome().name().toLowerCase(Locale.ROOT), result.status());
      switch (result.outcome()) {
        case SENT:
          metrics.sent(events.size());
          return;
        case TOO_LARGE:
          if (events.size() == 1) {
            metrics.dropped(1, ExporterMetrics.TOO_LARGE);
          } else {
            int half = events.size() / 2;
            deliver(new ArrayList<>(events.subList(0, half)), retryDeadline);
            deliver(new ArrayList<>(events.subList(half, events.size())), retryDeadline);
          }
          return;
        case UNAUTHORIZED:
          if (keyRejectionLogged.compareAndSet(false, true)) {
            logger.log(
                Level.WARNING,
                "PostHog rejected the project API key (HTTP {0}) at {1}; events are dropped."
                    + " Check otel.exporter.posthog.api-key.",
                new Object[] {result.status(), settings.batchEndpoint()});
          }
          metrics.dropped(events.size(), ExporterMetrics.UNAUTHORIZED);
          return;
        case REJECTED:
          logger.log(
              Level.FINE,
              "PostHog rejected a batch of {0} events (HTTP {1})",
              new Object[] {events.size(), result.status()});
          metrics.dropped(events.size(), ExporterMetrics.REJECTED);
          return;
        case RETRY:
        default:
          Duration delay = backoff.delay(attempt, result.retryAfter());
          long resumeAt = System.nanoTime() + delay.toNanos();
          if (resumeAt > Math.min(retryDeadline, shutdownDeadline)) {
            metrics.dropped(events.size(), ExporterMetrics.RETRIES_EXHAUSTED);
            return;
          }
          metrics.retried(events.size());
          sleepUntil(resumeAt);
      }
    }
  }

  /** Sleeps until {@code nanoTime}, or until the shutdown deadline if that comes first. */
  private void sleepUntil(long nanoTime) {
    long remaining;
    while ((remaining = Math.min(nanoTime, shutdownDeadline) - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(remaining);
      } catch (InterruptedException e) {
        // shutdown() interrupts: the loop re-reads the shutdown deadline
      }
    }
  }

  private void done(int events) {
    synchronized (progress) {
      pending -= events;
      progress.notifyAll();
    }
  }

  int queued() {
    return queue.size();
  }
}
