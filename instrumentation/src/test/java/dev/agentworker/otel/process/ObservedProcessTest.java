package dev.agentworker.otel.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ObservedProcessTest {

  private final List<String> events = new ArrayList<>();
  private final ObservedProcess.Listener listener =
      new ObservedProcess.Listener() {
        @Override
        public void destroyRequested() {
          events.add("destroy");
        }

        @Override
        public void exited(int exitCode) {
          events.add("exit " + exitCode);
        }
      };

  @Test
  void delegatesEveryMethodToTheOriginalProcess() throws Exception {
    // The child waits for its stdin to close, so info() is read from a live process.
    Process original =
        new ProcessBuilder("sh", "-c", "read line; echo out; echo err >&2; exit 3").start();
    ObservedProcess process =
        new ObservedProcess(
            original,
            original.getOutputStream(),
            new ByteArrayInputStream("replaced".getBytes()),
            listener);

    assertThat(process.pid()).isEqualTo(original.pid());
    assertThat(process.toHandle()).isEqualTo(original.toHandle());
    assertThat(process.info().command()).isEqualTo(original.info().command());
    assertThat(process.supportsNormalTermination()).isEqualTo(original.supportsNormalTermination());
    assertThat(process.getOutputStream()).isSameAs(original.getOutputStream());
    assertThat(process.getErrorStream()).isSameAs(original.getErrorStream());
    assertThat(process.isAlive()).isTrue();
    process.getOutputStream().close();
    assertThat(new String(process.getInputStream().readAllBytes())).isEqualTo("replaced");
    assertThat(process.onExit().get(10, TimeUnit.SECONDS)).isSameAs(process);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.isAlive()).isFalse();
    assertThat(process.exitValue()).isEqualTo(3);
    assertThat(process.waitFor()).isEqualTo(3);
    assertThat(new String(process.getErrorStream().readAllBytes())).isEqualTo("err\n");
    assertThat(process.children()).isEmpty();
    assertThat(events).containsOnly("exit 3");
  }

  @Test
  void reportsDestroyAndReturnsItselfFromDestroyForcibly() throws Exception {
    Process original = new ProcessBuilder("sleep", "30").start();
    ObservedProcess process =
        new ObservedProcess(
            original, original.getOutputStream(), original.getInputStream(), listener);

    assertThat(process.isAlive()).isTrue();
    assertThat(process.waitFor(10, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(process.destroyForcibly()).isSameAs(process);
    assertThat(process.waitFor()).isEqualTo(137);
    assertThat(events).containsExactly("destroy", "exit 137");
  }

  @Test
  void listenerFailuresNeverReachTheWorker() throws Exception {
    ObservedProcess.Listener failing =
        new ObservedProcess.Listener() {
          @Override
          public void destroyRequested() {
            throw new IllegalStateException("bug");
          }

          @Override
          public void exited(int exitCode) {
            throw new IllegalStateException("bug");
          }
        };
    Process original = new ProcessBuilder("true").start();
    ObservedProcess process =
        new ObservedProcess(
            original, original.getOutputStream(), original.getInputStream(), failing);

    assertThat(process.waitFor()).isZero();
    process.destroy();
    assertThat(process.exitValue()).isZero();
  }

  @Test
  void traceContextIsPutIntoTheChildEnvironmentAndTakenBack() throws IOException {
    ProcessBuilder builder = new ProcessBuilder("true");
    io.opentelemetry.context.Context context =
        io.opentelemetry.context.Context.root()
            .with(
                io.opentelemetry.api.trace.Span.wrap(
                    io.opentelemetry.api.trace.SpanContext.create(
                        "0af7651916cd43dd8448eb211c80319c",
                        "b7ad6b7169203331",
                        io.opentelemetry.api.trace.TraceFlags.getSampled(),
                        io.opentelemetry.api.trace.TraceState.getDefault())));

    TraceContextEnvironment restore = TraceContextEnvironment.inject(builder, context);
    assertThat(builder.environment())
        .containsEntry("TRACEPARENT", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        .doesNotContainKey("TRACESTATE");
    restore.restore(builder);
    assertThat(builder.environment().get("TRACEPARENT")).isEqualTo(System.getenv("TRACEPARENT"));

    builder
        .environment()
        .put("TRACEPARENT", "00-11111111111111111111111111111111-2222222222222222-01");
    assertThat(TraceContextEnvironment.inject(builder, context)).isNull();
    assertThat(builder.environment())
        .containsEntry("TRACEPARENT", "00-11111111111111111111111111111111-2222222222222222-01");
  }

  @Test
  void workspaceIdFromEnvironmentThenDirectory() {
    dev.agentworker.otel.config.Settings settings =
        dev.agentworker.otel.config.SettingsFactory.of(java.util.Map.of());
    io.opentelemetry.context.Context none = io.opentelemetry.context.Context.root();

    ProcessBuilder withEnv = new ProcessBuilder("codex");
    withEnv.environment().put("WORKSPACE_ID", "ws-env");
    withEnv.directory(new java.io.File("/srv/workspaces/ws-dir"));
    assertThat(WorkspaceId.resolve(none, withEnv, settings)).isEqualTo("ws-env");

    ProcessBuilder withDir =
        new ProcessBuilder("codex").directory(new java.io.File("/srv/workspaces/ws-dir/."));
    withDir.environment().remove("WORKSPACE_ID");
    assertThat(WorkspaceId.resolve(none, withDir, settings)).isEqualTo("ws-dir");

    ProcessBuilder neither = new ProcessBuilder("codex");
    neither.environment().remove("WORKSPACE_ID");
    assertThat(WorkspaceId.resolve(none, neither, settings)).isNull();

    io.opentelemetry.context.Context baggage =
        none.with(
            io.opentelemetry.api.baggage.Baggage.builder()
                .put("workspace.id", "ws-baggage")
                .build());
    assertThat(WorkspaceId.resolve(baggage, withEnv, settings)).isEqualTo("ws-baggage");
  }
}
