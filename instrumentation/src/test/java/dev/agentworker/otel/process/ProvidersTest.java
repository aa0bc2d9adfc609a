package dev.agentworker.otel.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentworker.otel.query.ErrorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersTest {

  @TempDir Path temp;

  private ErrorType startFailure(String... command) {
    try {
      new ProcessBuilder(command).start().destroyForcibly();
      throw new AssertionError("expected the start to fail");
    } catch (IOException e) {
      return Providers.spawnError(e);
    }
  }

  @Test
  void classifiesTheRealStartFailuresOfTheJdk() throws IOException {
    assertThat(startFailure(temp.resolve("missing/codex").toString()))
        .isEqualTo(ErrorType.BINARY_NOT_FOUND);

    Path notExecutable = Files.writeString(temp.resolve("codex"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(startFailure(notExecutable.toString())).isEqualTo(ErrorType.BINARY_NOT_EXECUTABLE);

    Path directory = Files.createDirectories(temp.resolve("dir"));
    assertThat(startFailure(directory.toString())).isEqualTo(ErrorType.BINARY_NOT_EXECUTABLE);
  }

  @Test
  void exit124UnderTimeoutIsATimeout() {
    dev.agentworker.otel.cli.CliInvocation plain =
        new dev.agentworker.otel.cli.CliInvocation(
            dev.agentworker.otel.cli.AgentCli.CODEX,
            dev.agentworker.otel.cli.CliInvocation.Kind.QUERY,
            null,
            "default",
            true);
    dev.agentworker.otel.query.QueryFacts facts = new dev.agentworker.otel.query.QueryFacts();
    facts.addEvent();
    dev.agentworker.otel.query.ProcessEnd expired =
        new dev.agentworker.otel.query.ProcessEnd(124, false);

    assertThat(Providers.classify(plain.underTimeout(), facts, expired))
        .isEqualTo(ErrorType.TIMEOUT);
    assertThat(Providers.classify(plain, facts, expired)).isEqualTo(ErrorType.EXIT_NONZERO);
  }

  @Test
  void otherStartFailuresAreSpawnFailed() {
    assertThat(
            Providers.spawnError(
                new IOException("Cannot run program \"codex\": error=7, Argument list too long")))
        .isEqualTo(ErrorType.SPAWN_FAILED);
  }
}
