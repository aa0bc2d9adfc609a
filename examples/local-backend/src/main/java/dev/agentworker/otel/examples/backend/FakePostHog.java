package dev.agentworker.otel.examples.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * PostHog's capture endpoint {@code POST /batch/} on 127.0.0.1, checking requests the way capture
 * does (see {@code ../shared/reference/posthog.md}, sections 1 and 7): gzip by header or magic
 * bytes, at most 20 MB decompressed, a {@code phc_} key, a non-empty batch whose every event has a
 * name, a distinct id of at most 200 characters, a valid uuid, an RFC 3339 timestamp, properties
 * with {@code $lib}, and at most 1 MB. One bad event rejects the whole request (400), a bad key is
 * 401, too big is 413. Scripted faults answer the next requests instead: a status (with {@code
 * Retry-After}), a delay, or a dropped connection. Every request is recorded, and the events of
 * accepted ones.
 */
public final class FakePostHog implements AutoCloseable {

  static final int MAX_BODY_BYTES = 20 * 1024 * 1024;
  static final int MAX_EVENT_BYTES = 1_000_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoopbackServer server;
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private final List<JsonNode> accepted = new ArrayList<>();
  private String expectedKey;

  /** A scripted answer to one request. */
  public static final class Fault {
    final int status;
    final String retryAfter;
    final long delayMillis;
    final boolean drop;

    private Fault(int status, String retryAfter, long delayMillis, boolean drop) {
      this.status = status;
      this.retryAfter = retryAfter;
      this.delayMillis = delayMillis;
      this.drop = drop;
    }

    public static Fault status(int status) {
      return new Fault(status, null, 0, false);
    }

    public static Fault status(int status, String retryAfter) {
      return new Fault(status, retryAfter, 0, false);
    }

    /** Waits, then answers normally. */
    public static Fault slow(long delayMillis) {
      return new Fault(0, null, delayMillis, false);
    }

    /** Closes the connection without an answer. */
    public static Fault dropConnection() {
      return new Fault(0, null, 0, true);
    }
  }

  /** One request as received. */
  public static final class Request {
    public final long receivedNanos;
    public final String contentEncoding;
    public final boolean gzipped;
    public final int status;
    public final JsonNode body;

    Request(
        long receivedNanos, String contentEncoding, boolean gzipped, int status, JsonNode body) {
      this.receivedNanos = receivedNanos;
      this.contentEncoding = contentEncoding;
      this.gzipped = gzipped;
      this.status = status;
      this.body = body;
    }

    /** The events of the request, empty when the body could not be read. */
    public List<JsonNode> events() {
      List<JsonNode> events = new ArrayList<>();
      if (body != null && body.path("batch").isArray()) {
        body.path("batch").forEach(events::add);
      }
      return events;
    }
  }

  private FakePostHog(LoopbackServer server) {
    this.server = server;
  }

  /** Starts on 127.0.0.1; port 0 picks a free port. */
  public static FakePostHog start(int port) throws IOException {
    LoopbackServer server = LoopbackServer.create(port, 4, "fake-posthog");
    FakePostHog fake = new FakePostHog(server);
    server.server.createContext("/batch/", fake::handle);
    server.start();
    return fake;
  }

  /** The host, as {@code otel.exporter.posthog.host} takes it. */
  public String host() {
    return server.baseUrl();
  }

  /** Only this key is valid (401 otherwise); by default any {@code phc_} key is. */
  public synchronized FakePostHog expectKey(String key) {
    this.expectedKey = key;
    return this;
  }

  /** The next requests get these answers, in order; then requests are handled normally. */
  public synchronized FakePostHog failNext(Fault... next) {
    for (Fault fault : next) {
      faults.addLast(fault);
    }
    return this;
  }

  public synchronized List<Request> requests() {
    return new ArrayList<>(requests);
  }

  /** Events of accepted requests, in arrival order (a retried batch appears once per accept). */
  public synchronized List<JsonNode> events() {
    return new ArrayList<>(accepted);
  }

  private void handle(HttpExchange exchange) throws IOException {
    long received = System.nanoTime();
    Fault fault;
    synchronized (this) {
      fault = faults.pollFirst();
    }
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      if (fault != null && fault.drop) {
        record(new Request(received, null, false, 0, null));
        // No answer: the client sees the connection close.
        throw new IOException("dropping the connection as scripted");
      }
      if (fault != null && fault.delayMillis > 0) {
        sleep(fault.delayMillis);
      }
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      boolean gzipped = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
      if (fault != null && fault.status > 0) {
        record(new Request(received, encoding, gzipped, fault.status, null));
        if (fault.retryAfter != null) {
          exchange.getResponseHeaders().add("Retry-After", fault.retryAfter);
        }
        respond(exchange, fault.status, "{\"error\":\"scripted\"}");
        return;
      }
      Validation validation = validate(exchange, raw, gzipped);
      record(new Request(received, encoding, gzipped, validation.status, validation.body));
      if (validation.status == 200) {
        synchronized (this) {
          validation.body.path("batch").forEach(accepted::add);
        }
        respond(exchange, 200, "{\"status\":1}");
      } else {
        respond(exchange, validation.status, "{\"error\":\"" + validation.reason + "\"}");
      }
    }
  }

  private static final class Validation {
    final int status;
    final String reason;
    final JsonNode body;

    Validation(int status, String reason, JsonNode body) {
      this.status = status;
      this.reason = reason;
      this.body = body;
    }
  }

  private Validation validate(HttpExchange exchange, byte[] raw, boolean gzipped) {
    if (!exchange.getRequestMethod().equals("POST")) {
      return new Validation(405, "method", null);
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      return new Validation(400, "content type", null);
    }
    byte[] body;
    try {
      body = gzipped ? gunzip(raw) : raw;
    } catch (IOException tooBigOrBroken) {
      return new Validation(tooBigOrBroken instanceof TooBig ? 413 : 400, "body", null);
    }
    if (body.length > MAX_BODY_BYTES) {
      return new Validation(413, "body too big", null);
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return new Validation(400, "not json", null);
    }
    String key = root.path("api_key").asText("");
    String expected;
    synchronized (this) {
      expected = expectedKey;
    }
    if (!key.startsWith("phc_") || (expected != null && !expected.equals(key))) {
      return new Validation(401, "api key", root);
    }
    JsonNode batch = root.path("batch");
    if (!batch.isArray() || batch.isEmpty()) {
      return new Validation(400, "empty batch", root);
    }
    for (JsonNode event : batch) {
      String problem = problem(event);
      if (problem != null) {
        return new Validation(problem.equals("event too big") ? 413 : 400, problem, root);
      }
    }
    return new Validation(200, null, root);
  }

  /** What capture would reject this event for, or null. */
  static String problem(JsonNode event) {
    if (event.path("event").asText("").isEmpty()) {
      return "no event name";
    }
    JsonNode distinctId = event.path("distinct_id");
    if (!distinctId.isTextual()
        || distinctId.asText().isEmpty()
        || distinctId.asText().length() > 200) {
      return "bad distinct_id";
    }
    try {
      UUID.fromString(event.path("uuid").asText(""));
    } catch (IllegalArgumentException e) {
      return "bad uuid";
    }
    try {
      OffsetDateTime.parse(event.path("timestamp").asText(""));
    } catch (DateTimeParseException e) {
      return "bad timestamp";
    }
    JsonNode properties = event.path("properties");
    if (!properties.isObject() || !properties.path("$lib").isTextual()) {
      return "no $lib";
    }
    if (event.toString().getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
      return "event too big";
    }
    return null;
  }

  private synchronized void record(Request request) {
    requests.add(request);
  }

  private static final class TooBig extends IOException {
    private static final long serialVersionUID = 1L;
  }

  private static byte[] gunzip(byte[] raw) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new TooBig();
      }
      return body;
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
