package dev.agentworker.otel.javaagent;

import com.google.auto.service.AutoService;
import dev.agentworker.otel.config.Settings;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.Collections;
import java.util.List;

/**
 * Observes agent CLI processes ({@code codex exec}, {@code claude -p}) that the worker starts.
 * Switch it off with {@code otel.instrumentation.agent-cli.enabled=false}.
 *
 * <p>The advice is inlined into {@code java.lang.ProcessBuilder}, so every class it reaches is
 * injected into the bootstrap class loader; without muzzle code generation (a Gradle-only plugin)
 * those classes must be listed explicitly, see {@link HelperClasses}.
 */
@AutoService(InstrumentationModule.class)
public class AgentCliInstrumentationModule extends InstrumentationModule {

  public AgentCliInstrumentationModule() {
    super(Settings.MODULE);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.singletonList(new ProcessBuilderInstrumentation());
  }

  @Override
  public boolean isHelperClass(String className) {
    return HelperClasses.isHelper(className);
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HelperClasses.NAMES;
  }
}
