package dev.agentworker.otel.query;

import java.util.HashMap;
import java.util.Map;

/**
 * The tool calls of one query that have started and not yet finished, by call id, told to a {@link
 * ToolCallListener}. Bounded: beyond {@link #MAX_OPEN} open calls, further calls are still counted
 * by the parser but get no start and end of their own.
 */
public final class OpenToolCalls {

  public static final int MAX_OPEN = 1024;

  private final ToolCallListener listener;
  private final Map<String, ToolCall> open = new HashMap<>();

  public OpenToolCalls(ToolCallListener listener) {
    this.listener = listener;
  }

  /** Starts {@code call}; returns false when too many calls are open to track it. */
  public boolean start(ToolCall call) {
    if (open.size() >= MAX_OPEN) {
      return false;
    }
    open.put(call.id(), call);
    listener.onToolStarted(call);
    return true;
  }

  /** The open call with this id, or null. */
  public ToolCall get(String id) {
    return open.get(id);
  }

  /** Finishes the open call with this id; returns false when there is none. */
  public boolean finish(String id, ErrorType errorType) {
    ToolCall call = open.remove(id);
    if (call == null) {
      return false;
    }
    call.setErrorType(errorType);
    listener.onToolFinished(call);
    return true;
  }

  /** Starts and at once finishes a call the stream reported only when it was done. */
  public void startAndFinish(ToolCall call, ErrorType errorType) {
    listener.onToolStarted(call);
    call.setErrorType(errorType);
    listener.onToolFinished(call);
  }

  /** The query ended: calls still open are finished as {@code tool_interrupted}. */
  public void interruptAll() {
    for (ToolCall call : open.values()) {
      call.setErrorType(ErrorType.TOOL_INTERRUPTED);
      listener.onToolFinished(call);
    }
    open.clear();
  }
}
