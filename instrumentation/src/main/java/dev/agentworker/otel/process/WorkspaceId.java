package dev.agentworker.otel.process;

import dev.agentworker.otel.config.Settings;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import java.io.File;
import java.nio.file.Path;

/**
 * The workspace a query runs for: the worker's Baggage entry when set, else an environment variable
 * of the spawned process, else the name of its working directory when the builder sets one.
 * Recorded on spans and logs only, never on metrics (unbounded cardinality).
 */
final class WorkspaceId {

  private WorkspaceId() {}

  static String resolve(Context parent, ProcessBuilder builder, Settings settings) {
    String fromBaggage = Baggage.fromContext(parent).getEntryValue(settings.workspaceBaggageKey());
    if (fromBaggage != null && !fromBaggage.isEmpty()) {
      return fromBaggage;
    }
    if (!settings.workspaceEnvVar().isEmpty()) {
      String fromEnvironment = builder.environment().get(settings.workspaceEnvVar());
      if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
        return fromEnvironment;
      }
    }
    File directory = builder.directory();
    if (directory != null) {
      Path name = directory.toPath().toAbsolutePath().normalize().getFileName();
      return name == null ? null : name.toString();
    }
    return null;
  }
}
