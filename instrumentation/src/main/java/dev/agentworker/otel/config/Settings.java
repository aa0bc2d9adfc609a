package dev.agentworker.otel.config;

import dev.agentworker.otel.cli.AgentCli;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The extension's settings, read once from {@code otel.instrumentation.*} system properties or
 * their environment-variable equivalents ({@code OTEL_INSTRUMENTATION_*}).
 *
 * <p>The agent's own configuration APIs changed twice across 2.x and are not visible from the
 * bootstrap loader, so this reads the JVM's properties and environment directly. A setting that
 * cannot be parsed logs one WARNING naming the setting and switches the affected instrumentation
 * off; it never throws.
 */
public final class Settings {

  private static final Logger logger = Logger.getLogger(Settings.class.getName());

  public static final String PREFIX = "otel.instrumentation.";
  public static final String MODULE = "agent-cli";
  public static final String MCP = "mcp-stdio";

  private static volatile Settings instance;

  private final boolean moduleEnabled;
  private final Map<AgentCli, CliSettings> clis;
  private final boolean queryLogEnabled;
  private final boolean propagateTraceContext;
  private final int maxLineBytes;
  private final long drainTimeoutMillis;
  private final String workspaceBaggageKey;
  private final String workspaceEnvVar;
  private final McpSettings mcp;
  private final List<String> problems;

  /** Settings of the observation of MCP stdio servers the worker starts. */
  public static final class McpSettings {
    private final boolean enabled;
    private final List<String> commands;
    private final boolean propagateTraceContext;
    private final boolean captureContent;
    private final int contentMaxBytes;
    private final int maxCrashes;
    private final long crashWindowMillis;

    McpSettings(
        boolean enabled,
        List<String> commands,
        boolean propagateTraceContext,
        boolean captureContent,
        int contentMaxBytes,
        int maxCrashes,
        long crashWindowMillis) {
      this.enabled = enabled;
      this.commands = commands;
      this.propagateTraceContext = propagateTraceContext;
      this.captureContent = captureContent;
      this.contentMaxBytes = contentMaxBytes;
      this.maxCrashes = maxCrashes;
      this.crashWindowMillis = crashWindowMillis;
    }

    public boolean enabled() {
      return enabled;
    }

    /** Commands always treated as MCP servers, matched like CLI executables. */
    public List<String> commands() {
      return commands;
    }

    public boolean propagateTraceContext() {
      return propagateTraceContext;
    }

    /** Whether tool arguments and results are recorded on spans (off by default). */
    public boolean captureContent() {
      return captureContent;
    }

    public int contentMaxBytes() {
      return contentMaxBytes;
    }

    /** More crashes than this within the window mark the server permanently failed. */
    public int maxCrashes() {
      return maxCrashes;
    }

    public long crashWindowMillis() {
      return crashWindowMillis;
    }
  }

  /** Settings of one CLI integration. */
  public static final class CliSettings {
    private final boolean enabled;
    private final List<String> executables;
    private final String minVersion;

    CliSettings(boolean enabled, List<String> executables, String minVersion) {
      this.enabled = enabled;
      this.executables = executables;
      this.minVersion = minVersion;
    }

    public boolean enabled() {
      return enabled;
    }

    /** Command names (matched against the file name) or absolute paths (matched exactly). */
    public List<String> executables() {
      return executables;
    }

    /** Minimum accepted CLI version, or empty for no check. */
    public String minVersion() {
      return minVersion;
    }
  }

  Settings(Function<String, String> source) {
    List<String> problems = new ArrayList<>();
    Reader reader = new Reader(source, problems);

    boolean commonDefault = reader.bool("common.default-enabled", true);
    boolean moduleEnabled = reader.bool(MODULE + ".enabled", commonDefault);
    this.queryLogEnabled = reader.bool(MODULE + ".query-log.enabled", true);
    this.propagateTraceContext = reader.bool(MODULE + ".trace-context-propagation.enabled", true);
    int maxLineBytes = reader.positiveInt(MODULE + ".max-line-bytes", 8 * 1024 * 1024);
    long drainTimeout = reader.positiveInt(MODULE + ".drain-timeout-ms", 2000);
    this.workspaceBaggageKey = reader.string(MODULE + ".workspace-id.baggage-key", "workspace.id");
    this.workspaceEnvVar = reader.string(MODULE + ".workspace-id.env-var", "WORKSPACE_ID");
    boolean sharedProblem = !problems.isEmpty();

    int beforeMcp = problems.size();
    boolean mcpEnabled = reader.bool(MCP + ".enabled", commonDefault);
    List<String> mcpCommands = reader.list(MCP + ".commands", Collections.emptyList());
    boolean mcpPropagation = reader.bool(MCP + ".trace-context-propagation.enabled", true);
    boolean captureContent = reader.bool(MCP + ".capture-content", false);
    int contentMaxBytes = reader.positiveInt(MCP + ".content-max-bytes", 4096);
    int maxCrashes = reader.positiveInt(MCP + ".max-crashes", 3);
    int crashWindowSeconds = reader.positiveInt(MCP + ".crash-window-seconds", 600);
    this.mcp =
        new McpSettings(
            mcpEnabled && problems.size() == beforeMcp,
            mcpCommands,
            mcpPropagation,
            captureContent,
            contentMaxBytes,
            maxCrashes,
            crashWindowSeconds * 1000L);

    Map<AgentCli, CliSettings> clis = new EnumMap<>(AgentCli.class);
    for (AgentCli cli : AgentCli.values()) {
      int before = problems.size();
      boolean enabled = reader.bool(cli.instrumentationName() + ".enabled", true);
      List<String> executables =
          reader.list(cli.instrumentationName() + ".executables", cli.defaultExecutables());
      String minVersion = reader.string(cli.instrumentationName() + ".min-version", "");
      if (!minVersion.isEmpty() && CliVersion.parse(minVersion) == null) {
        problems.add(
            "invalid value for "
                + PREFIX
                + cli.instrumentationName()
                + ".min-version: '"
                + minVersion
                + "' (expected a version such as 0.169.0)");
      }
      boolean valid = problems.size() == before;
      clis.put(cli, new CliSettings(enabled && valid, executables, valid ? minVersion : ""));
    }

    this.moduleEnabled = moduleEnabled && !sharedProblem;
    this.maxLineBytes = maxLineBytes;
    this.drainTimeoutMillis = drainTimeout;
    this.clis = Collections.unmodifiableMap(clis);
    this.problems = Collections.unmodifiableList(problems);
  }

  /** The settings of this JVM; reported problems are logged once, at first use. */
  public static Settings get() {
    Settings settings = instance;
    if (settings == null) {
      synchronized (Settings.class) {
        settings = instance;
        if (settings == null) {
          settings = new Settings(Settings::lookup);
          for (String problem : settings.problems) {
            logger.log(Level.WARNING, "{0}; the affected instrumentation is turned off", problem);
          }
          instance = settings;
        }
      }
    }
    return settings;
  }

  /** Reads {@code otel.instrumentation.<key>} from system properties, then the environment. */
  static String lookup(String key) {
    String property = System.getProperty(PREFIX + key);
    if (property != null) {
      return property;
    }
    return System.getenv(environmentName(key));
  }

  static String environmentName(String key) {
    return (PREFIX + key).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public boolean moduleEnabled() {
    return moduleEnabled;
  }

  public CliSettings cli(AgentCli cli) {
    return clis.get(cli);
  }

  public boolean queryLogEnabled() {
    return queryLogEnabled;
  }

  public boolean propagateTraceContext() {
    return propagateTraceContext;
  }

  public int maxLineBytes() {
    return maxLineBytes;
  }

  public long drainTimeoutMillis() {
    return drainTimeoutMillis;
  }

  public String workspaceBaggageKey() {
    return workspaceBaggageKey;
  }

  public String workspaceEnvVar() {
    return workspaceEnvVar;
  }

  public McpSettings mcp() {
    return mcp;
  }

  /** Problems found while reading, one sentence each. */
  public List<String> problems() {
    return problems;
  }

  private static final class Reader {
    private final Function<String, String> source;
    private final List<String> problems;

    Reader(Function<String, String> source, List<String> problems) {
      this.source = source;
      this.problems = problems;
    }

    String string(String key, String defaultValue) {
      String value = source.apply(key);
      return value == null ? defaultValue : value.trim();
    }

    boolean bool(String key, boolean defaultValue) {
      String value = source.apply(key);
      if (value == null || value.trim().isEmpty()) {
        return defaultValue;
      }
      String normalized = value.trim().toLowerCase(Locale.ROOT);
      if (normalized.equals("true")) {
        return true;
      }
      if (normalized.equals("false")) {
        return false;
      }
      problems.add(
          "invalid value for " + PREFIX + key + ": '" + value + "' (expected true or false)");
      return defaultValue;
    }

    int positiveInt(String key, int defaultValue) {
      String value = source.apply(key);
      if (value == null || value.trim().isEmpty()) {
        return defaultValue;
      }
      try {
        int parsed = Integer.parseInt(value.trim());
        if (parsed > 0) {
          return parsed;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      problems.add(
          "invalid value for " + PREFIX + key + ": '" + value + "' (expected a positive integer)");
      return defaultValue;
    }

    List<String> list(String key, List<String> defaultValue) {
      String value = source.apply(key);
      if (value == null) {
        return defaultValue;
      }
      List<String> items = new ArrayList<>();
      for (String item : value.split(",")) {
        if (!item.trim().isEmpty()) {
          items.add(item.trim());
        }
      }
      return Collections.unmodifiableList(items);
    }
  }
}
