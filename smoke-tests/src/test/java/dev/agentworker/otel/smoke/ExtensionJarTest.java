package dev.agentworker.otel.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The extension jar holds our classes and SPI registrations only: nothing the agent provides. */
class ExtensionJarTest {

  @Test
  void bundlesNoOpenTelemetryAndNoUnrelocatedLibrary() throws Exception {
    try (JarFile jar = new JarFile(WorkerRun.jar("agent-worker-otel-extension.jar").toFile())) {
      List<String> entries =
          jar.stream()
              .map(e -> e.getName())
              .filter(n -> !n.endsWith("/"))
              .collect(Collectors.toList());

      assertThat(entries)
          .allSatisfy(
              name ->
                  assertThat(
                          name.startsWith("dev/agentworker/otel/") || name.startsWith("META-INF/"))
                      .as(name)
                      .isTrue());
      assertThat(entries)
          .contains(
              "META-INF/services/io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule",
              "META-INF/services/io.opentelemetry.javaagent.extension.ignore.IgnoredTypesConfigurer",
              "META-INF/services/io.opentelemetry.javaagent.extension.AgentListener",
              "META-INF/services/io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider",
              "dev/agentworker/otel/posthog/PostHogSpanExporter.class",
              "dev/agentworker/otel/shaded/jackson/databind/ObjectMapper.class",
              "dev/agentworker/otel/javaagent/ProcessBuilderInstrumentation$StartAdvice.class");
      // Bundled libraries would have to live under dev/agentworker/otel/shaded/ (relocated).
      assertThat(entries.stream().filter(n -> n.endsWith(".class")))
          .noneMatch(
              n ->
                  n.startsWith("io/")
                      || n.startsWith("com/")
                      || n.startsWith("net/")
                      || n.startsWith("org/"));
    }
  }
}
