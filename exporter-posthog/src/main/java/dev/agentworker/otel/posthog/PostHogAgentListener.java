package dev.agentworker.otel.posthog;

import com.google.auto.service.AutoService;
import io.opentelemetry.javaagent.extension.AgentListener;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

/**
 * Hands the agent's meter provider to the exporter's health metrics once the agent's SDK is built
 * (the exporter is created while it is being built, when there is no meter provider yet).
 */
@AutoService(AgentListener.class)
public final class PostHogAgentListener implements AgentListener {

  @Override
  public void afterAgent(AutoConfiguredOpenTelemetrySdk sdk) {
    ExporterMetrics.useMeterProvider(sdk.getOpenTelemetrySdk().getMeterProvider());
  }
}
