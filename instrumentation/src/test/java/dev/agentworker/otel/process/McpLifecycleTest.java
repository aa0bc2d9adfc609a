package dev.agentworker.otel.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Crashes, restarts and permanent failure, as successive processes of one command show them. */
class McpLifecycleTest {

  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{}}}\n";
  private static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"protocolVersion\":\"2025-06-18\","
          + "\"serverInfo\":{\"name\":\"flaky\"}}}\n";
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}\n";

  private final McpConversation mcp = new McpConversation(Map.of("mcp-stdio.max-crashes", "2"));

  private McpConversation healthyStart() {
    return mcp.spawn("flaky-server", "--stdio").clientWrites(INITIALIZE).serverWrites(INITIALIZED);
  }

  private String metric(String name) {
    return String.valueOf(mcp.points().get(name));
  }

  @Test
  void aCrashThenASuccessfulRestartCountsBothAndIsNoPermanentFailure() {
    healthyStart().clientWrites(CALL).serverExits(137);
    healthyStart();

    assertThat(metric("agent_worker.mcp.server.crashes"))
        .isEqualTo("[{agent_worker.mcp.server.name=flaky}=1]");
    assertThat(metric("agent_worker.mcp.server.restarts"))
        .isEqualTo("[{agent_worker.mcp.server.name=flaky}=1]");
    assertThat(metric("agent_worker.mcp.server.permanent_failure"))
        .isEqualTo("[{agent_worker.mcp.server.name=flaky}=0]");
  }

  @Test
  void aRestartThatFailsToInitializeIsPermanentUntilAHealthyStart() {
    healthyStart().serverExits(1);
    // The restart exits before answering initialize.
    mcp.spawn("flaky-server", "--stdio").clientWrites(INITIALIZE).serverExits(1);

    assertThat(metric("agent_worker.mcp.server.permanent_failure"))
        .isEqualTo("[{agent_worker.mcp.server.name=flaky}=1]");
    assertThat(metric("agent_worker.mcp.server.restarts"))
        .isEqualTo("[{agent_worker.mcp.server.name=flaky}=0]");
    assertThat(mcp.points().get("agent_worker.mcp.server.startup.duration"))
        .containsExactlyInAnyOrder(
            "{agent_worker.mcp.server.name=flaky}=count:1",
            "{agent_worker.mcp.server.name=flaky, error.type=server_exited}=count:1");

    healthyStart();
    assertThat(metric("agent_worker.mcp.server.permanent_failure"))
        .isEqualTo("[{agent_worker.mcp.server.name=flaky}=0]");
    assertThat(metric("agent_worker.mcp.server.restarts"))
        .isEqualTo("[{agent_worker.mcp.server.name=flaky}=1]");
  }

  @Test
  void aRestartAnsweringInitializeWithAnErrorIsPermanent() {
    healthyStart().serverExits(2);
    mcp.spawn("flaky-server", "--stdio")
        .clientWrites(INITIALIZE)
        .serverWrites(
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32603,\"message\":\"x\"}}\n");

    assertThat(metric("agent_worker.mcp.server.permanent_failure"))
        .isEqualTo("[{agent_worker.mcp.server.name=flaky}=1]");
  }

  @Test
  void moreCrashesThanAllowedWithinTheWindowIsPermanent() {
    healthyStart().serverExits(1);
    healthyStart().serverExits(1);
    assertThat(metric("agent_worker.mcp.server.permanent_failure"))
        .isEqualTo("[{agent_worker.mcp.server.name=flaky}=0]");
    healthyStart().serverExits(1);

    assertThat(metric("agent_worker.mcp.server.crashes"))
        .isEqualTo("[{agent_worker.mcp.server.name=flaky}=3]");
    assertThat(metric("agent_worker.mcp.server.permanent_failure"))
        .isEqualTo("[{agent_worker.mcp.server.name=flaky}=1]");
  }

  @Test
  void aKnownServerIsObservedFromSpawnWhateverItsFirstLine() {
    healthyStart().serverExits(1);
    // The restart's first line is a request without initialize (a 2026-07-28 client would not
    // send one either); its first good answer marks the server started.
    mcp.spawn("flaky-server", "--stdio")
        .clientWrites(CALL)
        .serverWrites("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n");

    assertThat(metric("agent_worker.mcp.server.restarts"))
        .isEqualTo("[{agent_worker.mcp.server.name=flaky}=1]");
    assertThat(mcp.finishedSpans()).extracting(s -> s.getName()).contains("tools/call x");
  }

  @Test
  void aCleanExitAfterTheWorkerIsDoneIsNoCrash() {
    healthyStart().serverExits(0);
    healthyStart().clientDestroys().serverExits(143);

    assertThat(metric("agent_worker.mcp.server.crashes"))
        .isEqualTo("[{agent_worker.mcp.server.name=flaky}=0]");
  }
}
