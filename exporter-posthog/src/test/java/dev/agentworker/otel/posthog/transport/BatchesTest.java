package dev.agentworker.otel.posthog.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentworker.otel.posthog.events.PostHogEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BatchesTest {

  private static PostHogEvent event(int n, int padding) {
    String json = "{\"event\":\"e" + n + "\",\"pad\":\"" + "x".repeat(padding) + "\"}";
    return new PostHogEvent("u" + n, "e" + n, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void batchesHoldAtMostTheCountAndTheBytesInOrder() {
    List<PostHogEvent> events = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      events.add(event(i, 100));
    }
    List<List<PostHogEvent>> byCount = Batches.split(events, 10, Batches.MAX_BODY_BYTES);
    assertThat(byCount.stream().map(List::size)).containsExactly(10, 10, 5);

    // Each event is 120 bytes and a comma: 512 of envelope plus 4 events fit in 1100.
    List<List<PostHogEvent>> byBytes = Batches.split(events, 100, 1100);
    assertThat(byBytes).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(4));
    assertThat(byBytes.stream().flatMap(List::stream).collect(Collectors.toList()))
        .isEqualTo(events);
    for (List<PostHogEvent> batch : byBytes) {
      assertThat(Batches.body("phc_k", "2026-12-03T10:00:00.000Z", batch).length)
          .isLessThanOrEqualTo(1100);
    }
  }

  @Test
  void anEventLargerThanTheLimitStillGoesAloneRatherThanStallingTheQueue() {
    List<List<PostHogEvent>> batches =
        Batches.split(List.of(event(1, 10), event(2, 5000), event(3, 10)), 100, 1000);
    assertThat(batches.stream().map(List::size)).containsExactly(1, 1, 1);
  }

  @Test
  void theBodyIsTheCaptureBatchShape() throws Exception {
    byte[] body =
        Batches.body("phc_\"k\"", "2026-12-03T10:00:00.000Z", List.of(event(1, 1), event(2, 1)));
    JsonNode root = new ObjectMapper().readTree(body);
    assertThat(root.path("api_key").asText()).isEqualTo("phc_\"k\"");
    assertThat(root.path("sent_at").asText()).isEqualTo("2026-12-03T10:00:00.000Z");
    assertThat(root.path("batch")).hasSize(2);
    assertThat(root.path("batch").get(1).path("event").asText()).isEqualTo("e2");
  }
}
