package dev.agentworker.otel.query;

/** How a CLI process ended, as the JVM saw it. */
public final class ProcessEnd {

  /** Linux reports death by signal N as exit status 128 + N. */
  static final int SIGINT_EXIT = 130;

  static final int SIGKILL_EXIT = 137;
  static final int SIGTERM_EXIT = 143;

  private final int exitCode;
  private final boolean destroyedByWorker;

  public ProcessEnd(int exitCode, boolean destroyedByWorker) {
    this.exitCode = exitCode;
    this.destroyedByWorker = destroyedByWorker;
  }

  public int exitCode() {
    return exitCode;
  }

  /** Whether the worker called {@code destroy()} or {@code destroyForcibly()}. */
  public boolean destroyedByWorker() {
    return destroyedByWorker;
  }

  /**
   * The error implied by the exit alone: cancelled when the worker stopped the process or it got
   * SIGINT, killed when a signal ended it otherwise, null for a normal exit.
   */
  public ErrorType signalError() {
    if (destroyedByWorker || exitCode == SIGINT_EXIT) {
      return ErrorType.CANCELLED;
    }
    if (exitCode == SIGKILL_EXIT || exitCode == SIGTERM_EXIT) {
      return ErrorType.KILLED;
    }
    return null;
  }
}
