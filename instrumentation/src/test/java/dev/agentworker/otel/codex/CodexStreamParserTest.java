package dev.agentworker.otel.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentworker.otel.Fixtures;
import dev.agentworker.otel.process.StreamFeed;
import dev.agentworker.otel.query.ErrorType;
import dev.agentworker.otel.query.ProcessEnd;
import dev.agentworker.otel.query.QueryFacts;
import dev.agentworker.otel.query.Usage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodexStreamParserTest {

  private final RecordingListener listener = new RecordingListener();

  private CodexStreamParser parse(String fixture, int chunk) {
    CodexStreamParser parser = new CodexStreamParser(listener, new ThreadUsage(16));
    new StreamFeed(parser, 1 << 20).feed(Fixtures.bytes(fixture), chunk);
    parser.finishOpenCalls();
    return parser;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 64, 1 << 16})
  void simpleSuccess(int chunk) {
    QueryFacts facts = parse("codex-c1-simple-success.jsonl", chunk).facts();

    assertThat(facts.conversationId()).isEqualTo("01a23d10-daca-7aa0-8658-dfa8d4248164");
    assertThat(facts.usage()).isEqualTo(new Usage(1234, 56, 1000, 0, 7));
    assertThat(facts.completed()).isTrue();
    assertThat(facts.failed()).isFalse();
    assertThat(facts.toolCalls()).isZero();
    assertThat(facts.retries()).isZero();
    assertThat(facts.events()).isEqualTo(5);
    assertThat(listener.events).isEmpty();
    assertThat(CodexOutcome.classify(facts, new ProcessEnd(0, false))).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 17, 1 << 16})
  void mcpToolCall(int chunk) {
    QueryFacts facts = parse("codex-c2-mcp-tool-call.jsonl", chunk).facts();

    assertThat(facts.conversationId()).isEqualTo("01a23d10-f243-7451-8039-d6faa228ad9d");
    assertThat(facts.usage()).isEqualTo(new Usage(2568, 113, 2000, 0, 14));
    assertThat(facts.toolCalls()).isEqualTo(1);
    assertThat(facts.mcpServers()).containsExactly("everything");
    assertThat(listener.events)
        .containsExactly("start mcp:everything/echo#item_1", "end mcp:everything/echo#item_1");
  }

  @Test
  void authFailureAfterRetries() {
    QueryFacts facts = parse("codex-c4-http-401.jsonl", 5).facts();

    assertThat(facts.failed()).isTrue();
    assertThat(facts.completed()).isFalse();
    assertThat(facts.usage()).isNull();
    assertThat(facts.retries()).isEqualTo(5);
    int exit = Fixtures.exitCode("codex-c4-http-401");
    assertThat(CodexOutcome.classify(facts, new ProcessEnd(exit, false))).isEqualTo(ErrorType.AUTH);
  }

  @Test
  void argumentErrorIsVersionMismatch() {
    CodexStreamParser parser = new CodexStreamParser(listener, new ThreadUsage(16));
    new StreamFeed(parser, 1024).feed(Fixtures.bytes("codex-c7-bad-flag.stdout"), 8);

    int exit = Fixtures.exitCode("codex-c7-bad-flag");
    assertThat(exit).isEqualTo(2);
    assertThat(CodexOutcome.classify(parser.facts(), new ProcessEnd(exit, false)))
        .isEqualTo(ErrorType.VERSION_MISMATCH);
  }

  @Test
  void resumedThreadReportsOnlyItsOwnShareOfCumulativeUsage() {
    ThreadUsage threads = new ThreadUsage(16);
    String first =
        "{\"type\":\"thread.started\",\"thread_id\":\"t1\"}\n"
            + "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":100,"
            + "\"cached_input_tokens\":40,\"output_tokens\":10}}\n";
    String resumed =
        "{\"type\":\"thread.started\",\"thread_id\":\"t1\"}\n"
            + "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":250,"
            + "\"cached_input_tokens\":140,\"output_tokens\":25,\"reasoning_output_tokens\":3}}\n";

    CodexStreamParser one = new CodexStreamParser(listener, threads);
    new StreamFeed(one, 1024).feed(first.getBytes(StandardCharsets.UTF_8), 1024);
    CodexStreamParser two = new CodexStreamParser(listener, threads);
    new StreamFeed(two, 1024).feed(resumed.getBytes(StandardCharsets.UTF_8), 1024);

    assertThat(one.facts().usage()).isEqualTo(new Usage(100, 10, 40, 0, 0));
    assertThat(two.facts().usage()).isEqualTo(new Usage(150, 15, 100, 0, 3));
  }

  @Test
  void severalTurnsInOneProcessReportTheLastCumulativeTotal() {
    String stream =
        "{\"type\":\"thread.started\",\"thread_id\":\"t2\"}\n"
            + "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":100,\"output_tokens\":10}}\n"
            + "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":300,\"output_tokens\":30}}\n";
    CodexStreamParser parser = new CodexStreamParser(listener, new ThreadUsage(4));
    new StreamFeed(parser, 1024).feed(stream.getBytes(StandardCharsets.UTF_8), 1024);

    assertThat(parser.facts().usage()).isEqualTo(new Usage(300, 30, 0, 0, 0));
  }

  @Test
  void totalBelowTheBaselineIsAFreshCount() {
    ThreadUsage threads = new ThreadUsage(4);
    threads.record("t3", new Usage(1000, 100, 0, 0, 0));
    String stream =
        "{\"type\":\"thread.started\",\"thread_id\":\"t3\"}\n"
            + "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":7,\"output_tokens\":1}}\n";
    CodexStreamParser parser = new CodexStreamParser(listener, threads);
    new StreamFeed(parser, 1024).feed(stream.getBytes(StandardCharsets.UTF_8), 1024);

    assertThat(parser.facts().usage()).isEqualTo(new Usage(7, 1, 0, 0, 0));
  }

  @Test
  void toolItemsOfEveryKindWithOutcomes() {
    String stream =
        String.join(
            "\n",
            "{\"type\":\"item.started\",\"item\":{\"id\":\"item_1\",\"type\":\"command_execution\","
                + "\"command\":\"bash -lc ls\",\"status\":\"in_progress\"}}",
            "{\"type\":\"item.updated\",\"item\":{\"id\":\"item_1\",\"type\":\"command_execution\","
                + "\"status\":\"in_progress\"}}",
            "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_1\",\"type\":\"command_execution\","
                + "\"exit_code\":1,\"status\":\"failed\"}}",
            "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_2\",\"type\":\"file_change\","
                + "\"changes\":[],\"status\":\"completed\"}}",
            "{\"type\":\"item.started\",\"item\":{\"id\":\"item_3\",\"type\":\"mcp_tool_call\","
                + "\"server\":\"gh\",\"tool\":\"search\",\"status\":\"in_progress\"}}",
            "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_3\",\"type\":\"mcp_tool_call\","
                + "\"server\":\"gh\",\"tool\":\"search\",\"error\":{\"message\":\"boom\"},"
                + "\"status\":\"failed\"}}",
            "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_4\",\"item_type\":\"web_search\","
                + "\"query\":\"q\"}}",
            "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_5\",\"type\":\"command_execution\","
                + "\"status\":\"declined\"}}",
            "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_6\",\"type\":\"agent_message\","
                + "\"text\":\"hi\"}}",
            "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_7\",\"type\":\"todo_list\"}}",
            "{\"type\":\"item.started\",\"item\":{\"id\":\"item_8\",\"type\":\"shiny_new_tool\"}}",
            "");
    CodexStreamParser parser = new CodexStreamParser(listener, new ThreadUsage(4));
    new StreamFeed(parser, 4096).feed(stream.getBytes(StandardCharsets.UTF_8), 11);
    parser.finishOpenCalls();

    assertThat(listener.events)
        .containsExactly(
            "start shell:shell#item_1",
            "end shell:shell#item_1!tool_error",
            "start file_change:file_change#item_2",
            "end file_change:file_change#item_2",
            "start mcp:gh/search#item_3",
            "end mcp:gh/search#item_3!tool_error",
            "start web_search:web_search#item_4",
            "end web_search:web_search#item_4",
            "start shell:shell#item_5",
            "end shell:shell#item_5!tool_declined",
            "start other:shiny_new_tool#item_8",
            "end other:shiny_new_tool#item_8!tool_interrupted");
    assertThat(parser.facts().toolCalls()).isEqualTo(6);
    assertThat(parser.facts().mcpServers()).containsExactly("gh");
  }

  @Test
  void hostileInputNeverThrowsAndCountsWhatItSkips() {
    String valid = "{\"type\":\"thread.started\",\"thread_id\":\"t\"}\n";
    String stream =
        "banner: not json\n"
            + "{\"type\":\"turn.completed\",\"usage\":\n"
            + "{\"type\":\"x\","
            + "\"pad\":\""
            + "a".repeat(5000)
            + "\"}\n"
            + "\u00ff\u00fe garbage\n"
            + "{\"type\":\"item.completed\",\"item\":\"not an object\"}\n"
            + "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":\"many\"}}\n"
            + valid
            + "{\"type\":";
    CodexStreamParser parser = new CodexStreamParser(listener, new ThreadUsage(4));
    StreamFeed feed = new StreamFeed(parser, 1024);
    feed.feed(stream.getBytes(StandardCharsets.ISO_8859_1), 13);

    assertThat(parser.facts().conversationId()).isEqualTo("t");
    assertThat(parser.facts().usage()).isEqualTo(Usage.NONE);
    assertThat(feed.skipped())
        .isEqualTo(Map.of("not_json", 2L, "invalid_json", 2L, "too_long", 1L));
  }

  @Test
  void randomBytesNeverThrow() {
    Random random = new Random(1234);
    byte[] recorded = Fixtures.bytes("codex-c2-mcp-tool-call.jsonl");
    for (int round = 0; round < 300; round++) {
      byte[] bytes = recorded.clone();
      for (int flips = random.nextInt(20); flips > 0; flips--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      CodexStreamParser parser = new CodexStreamParser(listener, new ThreadUsage(4));
      new StreamFeed(parser, 512).feed(bytes, 1 + random.nextInt(100));
      parser.finishOpenCalls();
      CodexOutcome.classify(parser.facts(), new ProcessEnd(random.nextInt(256), false));
    }
  }
}
