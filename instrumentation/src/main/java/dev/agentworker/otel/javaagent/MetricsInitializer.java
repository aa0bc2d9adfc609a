package dev.agentworker.otel.javaagent;

import com.google.auto.service.AutoService;
import dev.agentworker.otel.cli.AgentCli;
import dev.agentworker.otel.config.Settings;
import dev.agentworker.otel.telemetry.Telemetry;
import io.opentelemetry.javaagent.extension.AgentListener;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates the alert-relevant series with value 0 once the agent's SDK is installed, so the first
 * failure after start-up is an increase Prometheus can see.
 */
@AutoService(AgentListener.class)
public class MetricsInitializer implements AgentListener {

  private static final Logger logger = Logger.getLogger(MetricsInitializer.class.getName());

  @Override
  public void afterAgent(AutoConfiguredOpenTelemetrySdk autoConfiguredOpenTelemetrySdk) {
    try {
      Settings settings = Settings.get();
      if (!settings.moduleEnabled()) {
        return;
      }
      List<AgentCli> enabled = new ArrayList<>();
      for (AgentCli cli : AgentCli.values()) {
        if (settings.cli(cli).enabled()) {
          enabled.add(cli);
        }
      }
      Telemetry.get().metrics().initialize(enabled);
    } catch (Throwable t) {
      logger.log(Level.FINE, "could not initialize agent-cli metrics", t);
    }
  }
}
