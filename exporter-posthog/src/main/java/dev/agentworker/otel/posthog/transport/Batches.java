package dev.agentworker.otel.posthog.transport;

import dev.agentworker.otel.json.JsonWriter;
import dev.agentworker.otel.posthog.events.PostHogEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts events into {@code /batch/} requests within PostHog's limits and writes their bodies. The
 * body is assembled from each event's serialised bytes, so an event is serialised once however
 * often it is sent.
 */
public final class Batches {

  /**
   * PostHog accepts 20 MB per request (decompressed); its own SDKs aim at 5 MiB. A request this
   * size still goes out in well under the request timeout.
   */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  /** Room for {@code {"api_key":...,"sent_at":...,"batch":[]}} around the events. */
  private static final int ENVELOPE_BYTES = 512;

  private Batches() {}

  /** Consecutive groups of at most {@code maxEvents} events and {@code maxBodyBytes} of body. */
  public static List<List<PostHogEvent>> split(
      List<PostHogEvent> events, int maxEvents, int maxBodyBytes) {
    List<List<PostHogEvent>> batches = new ArrayList<>();
    List<PostHogEvent> current = new ArrayList<>();
    long bytes = ENVELOPE_BYTES;
    for (PostHogEvent event : events) {
      int size = event.json().length + 1;
      if (!current.isEmpty() && (current.size() >= maxEvents || bytes + size > maxBodyBytes)) {
        batches.add(current);
        current = new ArrayList<>();
        bytes = ENVELOPE_BYTES;
      }
      current.add(event);
      bytes += size;
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  /** The request body: {@code {"api_key":...,"sent_at":...,"batch":[...]}}. */
  public static byte[] body(String apiKey, String sentAt, List<PostHogEvent> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(ENVELOPE_BYTES + events.size() * 1024);
    write(out, "{\"api_key\":");
    write(out, JsonWriter.quoted(apiKey));
    write(out, ",\"sent_at\":");
    write(out, JsonWriter.quoted(sentAt));
    write(out, ",\"batch\":[");
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      byte[] json = events.get(i).json();
      out.write(json, 0, json.length);
    }
    write(out, "]}");
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }
}
