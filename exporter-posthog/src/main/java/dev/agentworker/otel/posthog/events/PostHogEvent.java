package dev.agentworker.otel.posthog.events;

import java.nio.charset.StandardCharsets;

/** One event as it goes into a {@code /batch/} request: its identity and its serialised JSON. */
public final class PostHogEvent {

  private final String uuid;
  private final String name;
  private final byte[] json;

  public PostHogEvent(String uuid, String name, byte[] json) {
    this.uuid = uuid;
    this.name = name;
    this.json = json;
  }

  public String uuid() {
    return uuid;
  }

  public String name() {
    return name;
  }

  /** The event object, UTF-8 JSON. */
  public byte[] json() {
    return json;
  }

  @Override
  public String toString() {
    return new String(json, StandardCharsets.UTF_8);
  }
}
