package dev.agentworker.otel.posthog.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Event uuids derived from the span and the event name (UUID version 5, RFC 9562), so that a batch
 * sent twice carries the same uuids and PostHog keeps one copy of each event.
 */
public final class EventIds {

  /** A fixed namespace for this exporter's names. */
  private static final UUID NAMESPACE = UUID.fromString("5d0b5c52-0c1f-4a5e-9a0e-6f2a8c3d4b71");

  private EventIds() {}

  public static String uuid(String traceId, String spanId, String eventName) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
    ByteBuffer namespace = ByteBuffer.allocate(16);
    namespace.putLong(NAMESPACE.getMostSignificantBits());
    namespace.putLong(NAMESPACE.getLeastSignificantBits());
    sha1.update(namespace.array());
    sha1.update((traceId + "/" + spanId + "/" + eventName).getBytes(StandardCharsets.UTF_8));
    byte[] hash = sha1.digest();
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bits.getLong(), bits.getLong()).toString();
  }
}
