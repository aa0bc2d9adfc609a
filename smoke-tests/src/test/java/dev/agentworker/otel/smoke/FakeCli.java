package dev.agentworker.otel.smoke;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stand-in CLI: a shell script under the CLI's own name that replays a recorded stdout (cat, or
 * line by line with a pause so tool calls have a duration), optionally records the trace-context
 * variables it was given, and exits with the recorded status. Driven by environment variables
 * {@code FAKE_STDOUT}, {@code FAKE_PACE}, {@code FAKE_EXIT}, {@code FAKE_SLEEP}, {@code
 * FAKE_ENV_OUT}.
 */
final class FakeCli {

  private static final String SCRIPT =
      "#!/bin/sh\n"
          + "if [ -n \"$FAKE_ENV_OUT\" ]; then\n"
          + "  printf 'TRACEPARENT=%s\\n"
          + "TRACESTATE=%s\\n"
          + "' \"$TRACEPARENT\" \"$TRACESTATE\" > \"$FAKE_ENV_OUT\"\n"
          + "fi\n"
          + "if [ \"$FAKE_PACE\" = lines ]; then\n"
          + "  while IFS= read -r line || [ -n \"$line\" ]; do printf '%s\\n"
          + "' \"$line\"; sleep 0.05; done < \"$FAKE_STDOUT\"\n"
          + "elif [ -n \"$FAKE_STDOUT\" ]; then\n"
          + "  cat \"$FAKE_STDOUT\"\n"
          + "fi\n"
          + "if [ -n \"$FAKE_SLEEP\" ]; then sleep \"$FAKE_SLEEP\"; fi\n"
          + "exit \"${FAKE_EXIT:-0}\"\n";

  private FakeCli() {}

  /** Writes the script as {@code <directory>/<name>} and returns its path. */
  static Path install(Path directory, String name) throws IOException {
    Files.createDirectories(directory);
    Path script = directory.resolve(name);
    Files.writeString(script, SCRIPT);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
