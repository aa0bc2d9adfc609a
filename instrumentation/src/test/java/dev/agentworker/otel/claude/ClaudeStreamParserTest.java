package dev.agentworker.otel.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentworker.otel.Fixtures;
import dev.agentworker.otel.codex.RecordingListener;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClaudeStreamParserTest {

  private final RecordingListener listener = new RecordingListener();

  private ClaudeStreamParser parse(byte[] stream, int chunk) {
    ClaudeStreamParser parser = new ClaudeStreamParser(listener);
    new StreamFeed(parser, 1 << 20).feed(stream, chunk);
    parser.finishOpenCalls();
    return parser;
  }

  private ClaudeStreamParser parse(String fixture, int chunk) {
    return parse(Fixtures.bytes(fixture), chunk);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1 << 16})
  void simpleSuccess(int chunk) {
    QueryFacts facts = parse("claude-k1-simple-success.jsonl", chunk).facts();

    assertThat(facts.conversationId()).isEqualTo("1f142f2b-3647-4032-b377-6c616b6b98c5");
    assertThat(facts.responseModel()).isEqualTo("claude-opus-5-5");
    assertThat(facts.permissionMode()).isEqualTo("default");
    // result.usage: input 321 + cache read 4000 + cache creation 50.
    assertThat(facts.usage()).isEqualTo(new Usage(4371, 42, 4000, 50, 0));
    assertThat(facts.costUsd()).isEqualTo(0.0031739999999999997);
    assertThat(facts.completed()).isTrue();
    assertThat(facts.toolCalls()).isZero();
    assertThat(facts.mcpServerStatuses()).isEmpty();
    assertThat(ClaudeOutcome.classify(facts, new ProcessEnd(0, false))).isNull();
    assertThat(ClaudeOutcome.classify(facts, null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 64, 1 << 16})
  void mcpToolCall(int chunk) {
    QueryFacts facts = parse("claude-k2-mcp-tool-call.jsonl", chunk).facts();

    assertThat(facts.usage()).isEqualTo(new Usage(742 + 8000 + 100, 85, 8000, 100, 0));
    assertThat(facts.costUsd()).isEqualTo(0.006768);
    assertThat(facts.toolCalls()).isEqualTo(1);
    assertThat(facts.mcpServers()).containsExactly("everything");
    assertThat(facts.mcpServerStatuses()).isEqualTo(Map.of("everything", "connected"));
    assertThat(listener.events)
        .containsExactly(
            "start mcp:everything/echo#toolu_01_01", "end mcp:everything/echo#toolu_01_01");
  }

  @Test
  void authFailureIsAFailureDespiteSubtypeSuccess() {
    QueryFacts facts = parse("claude-k4-http-401.jsonl", 9).facts();

    assertThat(facts.failed()).isTrue();
    assertThat(facts.completed()).isFalse();
    assertThat(facts.responseModel()).isEqualTo("claude-opus-5-5");
    assertThat(facts.reportedError()).isEqualTo(ErrorType.AUTH);
    assertThat(facts.costUsd()).isZero();
    int exit = Fixtures.exitCode("claude-k4-http-401");
    assertThat(ClaudeOutcome.classify(facts, new ProcessEnd(exit, false)))
        .isEqualTo(ErrorType.AUTH);
    assertThat(ClaudeOutcome.classify(facts, null)).isEqualTo(ErrorType.AUTH);
  }

  @Test
  void withoutResultSumsAssistantUsageOncePerMessageId() {
    byte[] recorded = Fixtures.bytes("claude-k2-mcp-tool-call.jsonl");
    String text = new String(recorded, StandardCharsets.UTF_8);
    String[] lines = text.split("\n");
    // Drop the result; repeat msg_1's assistant line, as Claude does for multi-block responses.
    String stream =
        lines[0] + "\n" + lines[1] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[3] + "\n";
    QueryFacts facts = parse(stream.getBytes(StandardCharsets.UTF_8), 33).facts();

    // msg_1: 321 + 4000 + 50 in, 1 out; msg_2: 421 + 4000 + 50 in, 1 out.
    assertThat(facts.usage()).isEqualTo(new Usage(8842, 2, 8000, 100, 0));
    assertThat(facts.terminal()).isFalse();
    assertThat(facts.toolCalls()).isEqualTo(1);
    assertThat(ClaudeOutcome.classify(facts, new ProcessEnd(0, false))).isNull();
    assertThat(ClaudeOutcome.classify(facts, new ProcessEnd(1, false)))
        .isEqualTo(ErrorType.EXIT_NONZERO);
    assertThat(ClaudeOutcome.classify(facts, new ProcessEnd(137, false)))
        .isEqualTo(ErrorType.KILLED);
  }

  @ParameterizedTest
  @CsvSource({
    "'\"subtype\":\"error_max_turns\",\"is_error\":true', max_turns",
    "'\"subtype\":\"error_during_execution\",\"is_error\":true', execution_error",
    "'\"subtype\":\"success\",\"is_error\":true,\"api_error_status\":429,\"result\":\"API Error:"
        + " 429\"', rate_limit",
    "'\"subtype\":\"success\",\"is_error\":true,\"api_error_status\":529,\"result\":\"API Error:"
        + " 529 Overloaded\"', overloaded",
    "'\"subtype\":\"success\",\"is_error\":true,\"api_error_status\":500,\"result\":\"API Error:"
        + " 500\"', execution_error",
    "'\"subtype\":\"success\",\"is_error\":false', "
  })
  void resultSubtypesAndStatuses(String fields, String expected) {
    String stream = "{\"type\":\"result\"," + fields + ",\"session_id\":\"s\"}\n";
    QueryFacts facts = parse(stream.getBytes(StandardCharsets.UTF_8), 5).facts();

    ErrorType type = ClaudeOutcome.classify(facts, new ProcessEnd(expected == null ? 0 : 1, false));
    assertThat(type == null ? null : type.value()).isEqualTo(expected);
  }

  @Test
  void builtinToolsFailedServersAndSanitisedNames() {
    String stream =
        String.join(
            "\n",
            "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s\",\"mcp_servers\":["
                + "{\"name\":\"my.server\",\"status\":\"connected\"},{\"name\":\"my\",\"status\":\"failed\"}]}",
            "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"content\":["
                + "{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Bash\",\"input\":{}},"
                + "{\"type\":\"tool_use\",\"id\":\"t2\",\"name\":\"mcp__my_server__do__it\",\"input\":{}},"
                + "{\"type\":\"tool_use\",\"id\":\"t3\",\"name\":\"Read\",\"input\":{}}]}}",
            "{\"type\":\"user\",\"message\":{\"content\":["
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"is_error\":true,\"content\":\"x\"},"
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"t2\",\"content\":[]}]}}",
            "");
    ClaudeStreamParser parser = parse(stream.getBytes(StandardCharsets.UTF_8), 17);

    assertThat(listener.events)
        .containsExactly(
            "start shell:Bash#t1",
            "start mcp:my.server/do__it#t2",
            "start builtin:Read#t3",
            "end shell:Bash#t1!tool_error",
            "end mcp:my.server/do__it#t2",
            "end builtin:Read#t3!tool_interrupted");
    assertThat(parser.facts().mcpServerStatuses()).containsEntry("my", "failed");
    assertThat(parser.facts().mcpServers()).containsExactly("my.server");
  }

  @Test
  void hostileInputNeverThrows() {
    Random random = new Random(77);
    for (String fixture :
        new String[] {
          "claude-k1-simple-success.jsonl",
          "claude-k2-mcp-tool-call.jsonl",
          "claude-k4-http-401.jsonl"
        }) {
      byte[] recorded = Fixtures.bytes(fixture);
      for (int round = 0; round < 100; round++) {
        byte[] bytes = recorded.clone();
        for (int flips = random.nextInt(30); flips > 0; flips--) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        ClaudeStreamParser parser = parse(bytes, 1 + random.nextInt(300));
        ClaudeOutcome.classify(
            parser.facts(),
            random.nextBoolean() ? null : new ProcessEnd(random.nextInt(256), false));
      }
    }
  }
}
