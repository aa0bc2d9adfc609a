package dev.agentworker.otel.examples.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the OpenAI Responses API ({@code POST /v1/responses} with {@code stream: true}),
 * faithful to the server-sent events Codex consumes: {@code response.created}, {@code
 * response.output_item.added}/{@code .done} with deltas, then {@code response.completed} with
 * usage; and for the Anthropic Messages API ({@code POST /v1/messages}, see {@link
 * AnthropicMessages}). It binds 127.0.0.1 only and needs no key.
 *
 * <p>What it answers depends on the request, so one mock serves every scenario:
 *
 * <ul>
 *   <li>a prompt containing {@value #AUTH_FAILURE}: HTTP 401 with OpenAI's error body, every time;
 *   <li>a prompt containing {@value #ECHO_TOOL}, when the request offers the tools of the MCP server
 *       {@code everything} and has no tool output yet: a call of its {@code echo} tool; once the
 *       tool output is in the request, a text answer quoting it;
 *   <li>anything else: the text answer {@value #DEFAULT_ANSWER}.
 * </ul>
 *
 * Request {@code i} (from 0) reports usage {@code input_tokens = 1234 + 100 i} (of which 1000
 * cached), {@code output_tokens = 56 + i} (of which 7 reasoning).
 */
public final class MockModelApi implements AutoCloseable {

  public static final String AUTH_FAILURE = "mock:auth-failure";
  public static final String ECHO_TOOL = "echo tool";
  public static final String DEFAULT_ANSWER = "hi there";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger anthropicRequests = new AtomicInteger();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private MockModelApi(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static MockModelApi start(int port) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    ExecutorService executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "mock-model-api");
              thread.setDaemon(true);
              return thread;
            });
    MockModelApi api = new MockModelApi(server, executor);
    server.createContext("/", api::handle);
    server.setExecutor(executor);
    server.start();
    return api;
  }

  /** Base URL of the Anthropic-style API ({@code ANTHROPIC_BASE_URL}), without {@code /v1}. */
  public String anthropicBaseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Base URL of the OpenAI-style API, e.g. {@code http://127.0.0.1:PORT/v1}. */
  public String openAiBaseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** One line per request handled: method, path and what was answered. */
  public List<String> requestLog() {
    return new ArrayList<>(log);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (method.equals("POST") && path.endsWith("/responses")) {
      respondToResponses(exchange, body);
    } else if (method.equals("POST") && path.equals("/v1/messages")) {
      AnthropicMessages.respond(exchange, body, anthropicRequests, log);
    } else {
      log.add(method + " " + path + " -> 404");
      sendJson(
          exchange,
          404,
          "{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}");
    }
  }

  private void respondToResponses(HttpExchange exchange, String body) throws IOException {
    if (body.contains(AUTH_FAILURE)) {
      log.add("POST /v1/responses -> 401");
      sendJson(
          exchange,
          401,
          "{\"error\":{\"message\":\"Incorrect API key provided: x.\","
              + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
      return;
    }
    int i = requests.getAndIncrement();
    String responseId = "resp_" + (i + 1);
    List<ObjectNode> output = new ArrayList<>();
    // Like a model, call the tool only when the request offers it (Codex names MCP tools by
    // the namespace mcp__<server>).
    boolean toolOffered = body.contains("mcp__everything");
    if (body.contains(ECHO_TOOL) && toolOffered && !body.contains("function_call_output")) {
      ObjectNode call = JSON.createObjectNode();
      call.put("type", "function_call");
      call.put("id", "fc_" + (i + 1) + "_1");
      call.put("call_id", "call_" + (i + 1) + "_1");
      call.put("name", "echo");
      call.put("namespace", "mcp__everything");
      call.put("arguments", "{\"message\": \"hello mcp\"}");
      call.put("status", "completed");
      output.add(call);
      log.add("POST /v1/responses -> function_call echo");
    } else {
      String text =
          body.contains("function_call_output")
              ? "The echo tool replied: Echo: hello mcp"
              : DEFAULT_ANSWER;
      output.add(message("msg_" + (i + 1), text));
      log.add("POST /v1/responses -> text");
    }

    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("x-request-id", "req_mock_" + (i + 1));
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      ObjectNode created = JSON.createObjectNode();
      created.put("type", "response.created");
      created.set("response", response(responseId, "in_progress", JSON.createArrayNode()));
      event(out, created);
      for (int index = 0; index < output.size(); index++) {
        ObjectNode item = output.get(index);
        ObjectNode added = JSON.createObjectNode();
        added.put("type", "response.output_item.added");
        added.put("output_index", index);
        added.set("item", item);
        event(out, added);
        ObjectNode delta = JSON.createObjectNode();
        if (item.get("type").asText().equals("function_call")) {
          delta.put("type", "response.function_call_arguments.delta");
          delta.put("delta", item.get("arguments").asText());
        } else {
          delta.put("type", "response.output_text.delta");
          delta.put("content_index", 0);
          delta.put("delta", item.get("content").get(0).get("text").asText());
        }
        delta.put("item_id", item.get("id").asText());
        delta.put("output_index", index);
        event(out, delta);
        ObjectNode done = JSON.createObjectNode();
        done.put("type", "response.output_item.done");
        done.put("output_index", index);
        done.set("item", item);
        event(out, done);
      }
      ArrayNode items = JSON.createArrayNode();
      output.forEach(items::add);
      ObjectNode completed = JSON.createObjectNode();
      completed.put("type", "response.completed");
      ObjectNode response = response(responseId, "completed", items);
      ObjectNode usage = response.putObject("usage");
      usage.put("input_tokens", 1234 + 100 * i);
      usage.putObject("input_tokens_details").put("cached_tokens", 1000);
      usage.put("output_tokens", 56 + i);
      usage.putObject("output_tokens_details").put("reasoning_tokens", 7);
      usage.put("total_tokens", 1290 + 101 * i);
      completed.set("response", response);
      event(out, completed);
    }
  }

  private static ObjectNode message(String id, String text) {
    ObjectNode message = JSON.createObjectNode();
    message.put("type", "message");
    message.put("id", id);
    message.put("status", "completed");
    message.put("role", "assistant");
    ObjectNode content = message.putArray("content").addObject();
    content.put("type", "output_text");
    content.put("text", text);
    content.putArray("annotations");
    return message;
  }

  private static ObjectNode response(String id, String status, ArrayNode output) {
    ObjectNode response = JSON.createObjectNode();
    response.put("id", id);
    response.put("object", "response");
    response.put("status", status);
    response.put("model", "gpt-5");
    response.set("output", output);
    return response;
  }

  private static void event(OutputStream out, ObjectNode data) throws IOException {
    String frame =
        "event: " + data.get("type").asText() + "\ndata: " + JSON.writeValueAsString(data) + "\n\n";
    out.write(frame.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Runs the mock on a given port until killed: {@code MockModelApi <port>}. */
  public static void main(String[] args) throws Exception {
    MockModelApi api = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
    System.out.println("mock model API on " + api.openAiBaseUrl());
    Thread.currentThread().join();
  }
}
