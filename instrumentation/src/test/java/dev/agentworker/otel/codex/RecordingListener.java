package dev.agentworker.otel.codex;

import dev.agentworker.otel.query.ToolCall;
import dev.agentworker.otel.query.ToolCallListener;
import java.util.ArrayList;
import java.util.List;

/** Records tool call events as "start kind:server/name#id" / "end ...!error" strings. */
public final class RecordingListener implements ToolCallListener {

  public final List<String> events = new ArrayList<>();

  @Override
  public void onToolStarted(ToolCall call) {
    events.add("start " + call);
  }

  @Override
  public void onToolFinished(ToolCall call) {
    events.add("end " + call);
  }
}
