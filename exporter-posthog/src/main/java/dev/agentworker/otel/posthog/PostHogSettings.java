package dev.agentworker.otel.posthog;

import dev.agentworker.otel.posthog.events.EventType;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The exporter's settings, from {@code otel.exporter.posthog.*} properties or their {@code
 * OTEL_EXPORTER_POSTHOG_*} environment variables. {@link #problem()} names the first setting that
 * cannot be used; the exporter then sends nothing.
 */
public final class PostHogSettings {

  static final String PREFIX = "otel.exporter.posthog.";
  static final String DEFAULT_HOST = "https://us.i.posthog.com";

  private final String apiKey;
  private final URI batchEndpoint;
  private final Set<EventType> events;
  private final String distinctId;
  private final int batchSize;
  private final int queueSize;
  private final Duration timeout;
  private final Duration maxRetryTime;
  private final Duration shutdownTimeout;
  private final boolean gzip;
  private final String problem;

  private PostHogSettings(Builder builder, String problem) {
    this.apiKey = builder.apiKey;
    this.batchEndpoint = builder.batchEndpoint;
    this.events = builder.events;
    this.distinctId = builder.distinctId;
    this.batchSize = builder.batchSize;
    this.queueSize = builder.queueSize;
    this.timeout = builder.timeout;
    this.maxRetryTime = builder.maxRetryTime;
    this.shutdownTimeout = builder.shutdownTimeout;
    this.gzip = builder.gzip;
    this.problem = problem;
  }

  /** Reads the settings; never throws: an unusable value becomes {@link #problem()}. */
  public static PostHogSettings from(ConfigProperties config) {
    Builder builder = new Builder();
    try {
      builder.apiKey = trimmed(config.getString(PREFIX + "api-key"));
      if (builder.apiKey == null) {
        return builder.build("no project API key: set " + PREFIX + "api-key");
      }
      String host = trimmed(config.getString(PREFIX + "host"));
      URI endpoint = batchEndpoint(host == null ? DEFAULT_HOST : host);
      if (endpoint == null) {
        return builder.build(
            "invalid value for "
                + PREFIX
                + "host: '"
                + host
                + "' (expected http(s)://host[:port])");
      }
      builder.batchEndpoint = endpoint;
      List<String> names = config.getList(PREFIX + "events", defaultEventNames());
      Set<EventType> events = EnumSet.noneOf(EventType.class);
      for (String name : names) {
        EventType type = EventType.named(name.trim());
        if (type == null) {
          return builder.build(
              "invalid value for "
                  + PREFIX
                  + "events: '"
                  + name
                  + "' (expected "
                  + defaultEventNames()
                  + ")");
        }
        events.add(type);
      }
      builder.events = events;
      builder.distinctId = trimmed(config.getString(PREFIX + "distinct-id"));
      builder.batchSize = config.getInt(PREFIX + "batch-size", 100);
      builder.queueSize = config.getInt(PREFIX + "queue-size", 10_000);
      builder.timeout = config.getDuration(PREFIX + "timeout", Duration.ofSeconds(10));
      builder.maxRetryTime = config.getDuration(PREFIX + "max-retry-time", Duration.ofSeconds(60));
      builder.shutdownTimeout =
          config.getDuration(PREFIX + "shutdown-timeout", Duration.ofSeconds(5));
      String compression = config.getString(PREFIX + "compression", "gzip");
      if (!compression.equals("gzip") && !compression.equals("none")) {
        return builder.build(
            "invalid value for "
                + PREFIX
                + "compression: '"
                + compression
                + "' (expected gzip or none)");
      }
      builder.gzip = compression.equals("gzip");
      if (builder.batchSize < 1 || builder.queueSize < 1) {
        return builder.build(PREFIX + "batch-size and queue-size must be positive");
      }
      if (builder.timeout.isZero() || builder.timeout.isNegative()) {
        return builder.build(PREFIX + "timeout must be positive");
      }
    } catch (RuntimeException e) {
      // ConfigurationException from a malformed number or duration; its message names the key.
      return builder.build(e.getMessage());
    }
    return builder.build(null);
  }

  static List<String> defaultEventNames() {
    List<String> names = new ArrayList<>();
    for (EventType type : EventType.values()) {
      names.add(type.eventName());
    }
    return names;
  }

  /** {@code <host>/batch/} for an http or https URL with a host, else null. */
  static URI batchEndpoint(String host) {
    try {
      URI uri = URI.create(host.endsWith("/") ? host : host + "/");
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        return null;
      }
      return uri.resolve("batch/");
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String trimmed(String value) {
    return value == null || value.trim().isEmpty() ? null : value.trim();
  }

  public String apiKey() {
    return apiKey;
  }

  public URI batchEndpoint() {
    return batchEndpoint;
  }

  public Set<EventType> events() {
    return events;
  }

  /** A fixed distinct id for every event, or null to use each query's trace id. */
  public String distinctId() {
    return distinctId;
  }

  public int batchSize() {
    return batchSize;
  }

  public int queueSize() {
    return queueSize;
  }

  /** Timeout of one HTTP request. */
  public Duration timeout() {
    return timeout;
  }

  /** How long a batch is retried before its events are dropped. */
  public Duration maxRetryTime() {
    return maxRetryTime;
  }

  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  public boolean gzip() {
    return gzip;
  }

  /** Why the exporter cannot run, in one sentence; null when it can. */
  public String problem() {
    return problem;
  }

  /** Settings for tests and the benchmark, valid unless told otherwise. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds settings directly. */
  public static final class Builder {
    private String apiKey = "phc_test";
    private URI batchEndpoint = batchEndpoint(DEFAULT_HOST);
    private Set<EventType> events = EnumSet.allOf(EventType.class);
    private String distinctId;
    private int batchSize = 100;
    private int queueSize = 10_000;
    private Duration timeout = Duration.ofSeconds(10);
    private Duration maxRetryTime = Duration.ofSeconds(60);
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private boolean gzip = true;

    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder host(String host) {
      this.batchEndpoint = batchEndpoint(host);
      return this;
    }

    public Builder events(Set<EventType> events) {
      this.events = events;
      return this;
    }

    public Builder distinctId(String distinctId) {
      this.distinctId = distinctId;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder queueSize(int queueSize) {
      this.queueSize = queueSize;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder maxRetryTime(Duration maxRetryTime) {
      this.maxRetryTime = maxRetryTime;
      return this;
    }

    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    public Builder gzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    public PostHogSettings build() {
      return build(null);
    }

    PostHogSettings build(String problem) {
      return new PostHogSettings(this, problem);
    }
  }
}
