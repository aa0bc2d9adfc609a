package dev.agentworker.otel.config;

import java.util.Map;

/** Builds {@link Settings} from a map of keys below {@code otel.instrumentation.}. */
public final class SettingsFactory {

  private SettingsFactory() {}

  public static Settings of(Map<String, String> values) {
    return new Settings(values::get);
  }
}
