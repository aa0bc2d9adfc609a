package dev.agentworker.otel.process;

import dev.agentworker.otel.cli.AgentCli;
import dev.agentworker.otel.config.CliVersion;
import dev.agentworker.otel.telemetry.Telemetry;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the output of a {@code --version} run the worker makes and counts a version-mismatch
 * binary error when the CLI is older than the configured minimum.
 */
final class VersionProbe implements StreamTap {

  private static final Logger logger = Logger.getLogger(VersionProbe.class.getName());
  private static final int MAX_BYTES = 256;

  private final AgentCli cli;
  private final CliVersion minimum;
  private final byte[] head = new byte[MAX_BYTES];
  private int length;
  private boolean checked;

  VersionProbe(AgentCli cli, CliVersion minimum) {
    this.cli = cli;
    this.minimum = minimum;
  }

  @Override
  public synchronized void onBytes(byte[] bytes, int offset, int count) {
    int copied = Math.min(count, MAX_BYTES - length);
    System.arraycopy(bytes, offset, head, length, copied);
    length += copied;
    for (int i = offset; i < offset + count; i++) {
      if (bytes[i] == '\n' || length == MAX_BYTES) {
        check();
        return;
      }
    }
  }

  @Override
  public void onGap() {}

  @Override
  public synchronized void onEnd() {
    check();
  }

  private void check() {
    if (checked) {
      return;
    }
    checked = true;
    CliVersion version = CliVersion.find(new String(head, 0, length, StandardCharsets.UTF_8));
    if (version != null && version.compareTo(minimum) < 0) {
      logger.log(
          Level.FINE,
          "{0} {1} is older than the configured minimum {2}",
          new Object[] {cli.agentName(), version, minimum});
      Telemetry.get().metrics().recordVersionMismatch(cli);
    }
  }
}
