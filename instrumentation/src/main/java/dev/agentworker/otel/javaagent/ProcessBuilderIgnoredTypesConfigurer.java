package dev.agentworker.otel.javaagent;

import com.google.auto.service.AutoService;
import io.opentelemetry.javaagent.extension.ignore.IgnoredTypesBuilder;
import io.opentelemetry.javaagent.extension.ignore.IgnoredTypesConfigurer;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;

/** The agent ignores {@code java.*} by default; without this the advice is silently not applied. */
@AutoService(IgnoredTypesConfigurer.class)
public class ProcessBuilderIgnoredTypesConfigurer implements IgnoredTypesConfigurer {

  // The two-argument form is the one agents from 2.22 call; newer agents still call it.
  @Override
  public void configure(IgnoredTypesBuilder builder, ConfigProperties config) {
    builder.allowClass("java.lang.ProcessBuilder");
  }
}
