package dev.agentworker.otel.examples.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Anthropic Messages API as Claude Code consumes it with {@code stream: true}: {@code
 * message_start} (with input-side usage), {@code content_block_start}/{@code _delta}/ {@code _stop}
 * per block, {@code message_delta} (stop reason, output tokens), {@code message_stop}. A
 * non-streaming request gets the whole message as JSON.
 *
 * <p>Streaming request {@code i} (from 0) reports {@code input_tokens = 321 + 100 i}, {@code
 * cache_read_input_tokens = 4000}, {@code cache_creation_input_tokens = 50} and {@code
 * output_tokens = 42 + i}. The answer follows the last user turn like the OpenAI side: a prompt
 * with {@value MockModelApi#AUTH_FAILURE} gets HTTP 401 (with {@code x-should-retry: false}, so the
 * CLI does not retry), one with {@value MockModelApi#ECHO_TOOL} a {@code tool_use} of {@code
 * mcp__everything__echo} until a {@code tool_result} is in the conversation, anything else the text
 * {@value #DEFAULT_ANSWER}.
 */
final class AnthropicMessages {

  static final String DEFAULT_ANSWER = "hello from mock";
  static final String MODEL = "claude-opus-5-5";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AnthropicMessages() {}

  static void respond(HttpExchange exchange, String body, AtomicInteger counter, List<String> log)
      throws IOException {
    JsonNode request = JSON.readTree(body);
    String conversation = userText(request);
    if (conversation.contains(MockModelApi.AUTH_FAILURE)) {
      log.add("POST /v1/messages -> 401");
      exchange.getResponseHeaders().set("request-id", "req_mock_401");
      exchange.getResponseHeaders().set("x-should-retry", "false");
      MockModelApi.sendJson(
          exchange,
          401,
          "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
              + "\"message\":\"invalid x-api-key\"},\"request_id\":\"req_mock_401\"}");
      return;
    }
    boolean toolAnswered = hasToolResult(request);
    // Claude Code may defer MCP tools behind ToolSearch, so the tool list is not a reliable sign
    // here; the CLI rejects a call of a tool it does not have.
    boolean callTool = conversation.contains(MockModelApi.ECHO_TOOL) && !toolAnswered;
    String text = toolAnswered ? "The echo tool replied: Echo: hello mcp" : DEFAULT_ANSWER;

    if (!request.path("stream").asBoolean(false)) {
      log.add("POST /v1/messages (not streaming) -> text");
      ObjectNode message = message("msg_ns", JSON.createObjectNode());
      message.putArray("content").addObject().put("type", "text").put("text", text);
      message.put("stop_reason", "end_turn");
      message.putObject("usage").put("input_tokens", 10).put("output_tokens", 5);
      MockModelApi.sendJson(exchange, 200, JSON.writeValueAsString(message));
      return;
    }

    int i = counter.getAndIncrement();
    log.add("POST /v1/messages -> " + (callTool ? "tool_use echo" : "text"));
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("request-id", "req_mock_" + (i + 1));
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      ObjectNode usage = JSON.createObjectNode();
      usage.put("input_tokens", 321 + 100 * i);
      usage.put("cache_read_input_tokens", 4000);
      usage.put("cache_creation_input_tokens", 50);
      usage.put("output_tokens", 1);
      ObjectNode start = JSON.createObjectNode().put("type", "message_start");
      start.set("message", message("msg_" + (i + 1), usage));
      event(out, start);

      ObjectNode blockStart =
          JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
      ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
      if (callTool) {
        ObjectNode block = blockStart.putObject("content_block");
        block
            .put("type", "tool_use")
            .put("id", "toolu_0" + (i + 1) + "_01")
            .put("name", "mcp__everything__echo");
        block.putObject("input");
        delta
            .putObject("delta")
            .put("type", "input_json_delta")
            .put("partial_json", "{\"message\":\"hello mcp\"}");
      } else {
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        delta.putObject("delta").put("type", "text_delta").put("text", text);
      }
      event(out, blockStart);
      event(out, delta);
      event(out, JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));

      ObjectNode messageDelta = JSON.createObjectNode().put("type", "message_delta");
      messageDelta
          .putObject("delta")
          .put("stop_reason", callTool ? "tool_use" : "end_turn")
          .putNull("stop_sequence");
      messageDelta.putObject("usage").put("output_tokens", 42 + i);
      event(out, messageDelta);
      event(out, JSON.createObjectNode().put("type", "message_stop"));
    }
  }

  private static ObjectNode message(String id, ObjectNode usage) {
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", MODEL);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.set("usage", usage);
    return message;
  }

  /** The text of the user turns only (not the system prompt, which is long and varies). */
  /**
   * What the user typed: text of user turns, without the {@code <system-reminder>} blocks Claude
   * Code adds (they quote the git log of the working directory, which may name any prompt).
   */
  private static String userText(JsonNode request) {
    StringBuilder text = new StringBuilder();
    for (JsonNode message : request.path("messages")) {
      if (!"user".equals(message.path("role").asText())) {
        continue;
      }
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        text.append(content.asText()).append('\n');
      }
      for (JsonNode block : content) {
        String blockText = block.path("text").asText();
        if ("text".equals(block.path("type").asText())
            && !blockText.trim().startsWith("<system-reminder>")) {
          text.append(blockText).append('\n');
        }
      }
    }
    return text.toString();
  }

  private static boolean hasToolResult(JsonNode request) {
    for (JsonNode message : request.path("messages")) {
      for (JsonNode block : message.path("content")) {
        if ("tool_result".equals(block.path("type").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static void event(OutputStream out, ObjectNode data) throws IOException {
    String frame =
        "event: " + data.get("type").asText() + "\ndata: " + JSON.writeValueAsString(data) + "\n\n";
    out.write(frame.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
