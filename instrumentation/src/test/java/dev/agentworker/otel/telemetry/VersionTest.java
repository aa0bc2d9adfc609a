package dev.agentworker.otel.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {

  @Test
  void scopeVersionIsTheProjectVersion() {
    assertThat(Telemetry.VERSION).isEqualTo(System.getProperty("project.version"));
  }
}
