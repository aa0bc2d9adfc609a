package dev.agentworker.otel.javaagent;

import com.google.auto.service.AutoService;
import io.opentelemetry.javaagent.extension.AgentListener;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates the alert-relevant series with value 0 once the agent's SDK is installed, so the first
 * failure after start-up is an increase Prometheus can see.
 *
 * <p>The work is done by the helper copy in the bootstrap class loader, the one the advice uses, so
 * that settings are read (and misconfiguration reported) once per JVM. Loading {@code
 * ProcessBuilder} first makes the agent transform it, which injects the helpers.
 */
@AutoService(AgentListener.class)
public class MetricsInitializer implements AgentListener {

  private static final Logger logger = Logger.getLogger(MetricsInitializer.class.getName());
  private static final String HOOK = "dev.agentworker.otel.process.ProcessStartHook";

  @Override
  public void afterAgent(AutoConfiguredOpenTelemetrySdk autoConfiguredOpenTelemetrySdk) {
    try {
      Class.forName(ProcessBuilder.class.getName());
      Class.forName(HOOK, true, null).getMethod("initializeMetrics").invoke(null);
    } catch (ClassNotFoundException e) {
      logger.log(Level.FINE, "agent-cli helpers not injected; metrics start at first use");
    } catch (Throwable t) {
      logger.log(Level.FINE, "could not initialize agent-cli metrics", t);
    }
  }
}
