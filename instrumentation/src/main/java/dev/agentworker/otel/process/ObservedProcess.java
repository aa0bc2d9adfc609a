package dev.agentworker.otel.process;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@link Process} handed to the worker in place of the JDK's: every method delegates to the
 * original. Only stdout and, for MCP servers, stdin are replaced, by an {@link ObservedInputStream}
 * and an {@link ObservedOutputStream} over the originals. {@code destroy*} calls are reported so
 * that a query stopped by the worker is classified as cancelled, and an exit the worker observes
 * ({@code waitFor}, {@code exitValue}) is reported at once, so a query the worker has fully read is
 * recorded before {@code waitFor} returns.
 */
final class ObservedProcess extends Process {

  /** Receives what the worker does to, and learns about, the process. */
  interface Listener {
    void destroyRequested();

    void exited(int exitCode);
  }

  private final Process delegate;
  private final OutputStream stdin;
  private final InputStream stdout;
  private final Listener listener;

  ObservedProcess(Process delegate, OutputStream stdin, InputStream stdout, Listener listener) {
    this.delegate = delegate;
    this.stdin = stdin;
    this.stdout = stdout;
    this.listener = listener;
  }

  @Override
  public OutputStream getOutputStream() {
    return stdin;
  }

  @Override
  public InputStream getInputStream() {
    return stdout;
  }

  @Override
  public InputStream getErrorStream() {
    return delegate.getErrorStream();
  }

  @Override
  public int waitFor() throws InterruptedException {
    int exitCode = delegate.waitFor();
    noteExit(exitCode);
    return exitCode;
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    boolean exited = delegate.waitFor(timeout, unit);
    if (exited) {
      noteExit(delegate.exitValue());
    }
    return exited;
  }

  @Override
  public int exitValue() {
    int exitCode = delegate.exitValue();
    noteExit(exitCode);
    return exitCode;
  }

  @Override
  public void destroy() {
    noteDestroy();
    delegate.destroy();
  }

  @Override
  public Process destroyForcibly() {
    noteDestroy();
    delegate.destroyForcibly();
    return this;
  }

  @Override
  public boolean supportsNormalTermination() {
    return delegate.supportsNormalTermination();
  }

  @Override
  public boolean isAlive() {
    return delegate.isAlive();
  }

  @Override
  public long pid() {
    return delegate.pid();
  }

  @Override
  public CompletableFuture<Process> onExit() {
    // Completes with this wrapper, as Process#onExit completes with the process it was called on.
    return delegate.onExit().thenApply(exited -> this);
  }

  @Override
  public ProcessHandle toHandle() {
    return delegate.toHandle();
  }

  @Override
  public ProcessHandle.Info info() {
    return delegate.info();
  }

  @Override
  public Stream<ProcessHandle> children() {
    return delegate.children();
  }

  @Override
  public Stream<ProcessHandle> descendants() {
    return delegate.descendants();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  private void noteDestroy() {
    try {
      listener.destroyRequested();
    } catch (Throwable ignored) {
      // observation must never change the worker's behaviour
    }
  }

  private void noteExit(int exitCode) {
    try {
      listener.exited(exitCode);
    } catch (Throwable ignored) {
      // observation must never change the worker's behaviour
    }
  }
}
