package dev.agentworker.otel.process;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@link Process} handed to the worker in place of the JDK's: every method delegates to the
 * original. Only stdout is replaced, by an {@link ObservedInputStream} over the original, and
 * {@code destroy*} are noted so that a query stopped by the worker is classified as cancelled.
 */
final class ObservedProcess extends Process {

  private final Process delegate;
  private final InputStream stdout;
  private final Runnable onDestroy;

  ObservedProcess(Process delegate, InputStream stdout, Runnable onDestroy) {
    this.delegate = delegate;
    this.stdout = stdout;
    this.onDestroy = onDestroy;
  }

  @Override
  public OutputStream getOutputStream() {
    return delegate.getOutputStream();
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
    return delegate.waitFor();
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    return delegate.waitFor(timeout, unit);
  }

  @Override
  public int exitValue() {
    return delegate.exitValue();
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
      onDestroy.run();
    } catch (Throwable ignored) {
      // observation must never change the worker's behaviour
    }
  }
}
