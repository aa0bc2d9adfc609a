package dev.agentworker.otel.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentworker.otel.cli.AgentCli;
import dev.agentworker.otel.cli.CliInvocation;
import dev.agentworker.otel.query.ErrorType;
import dev.agentworker.otel.query.QueryFacts;
import dev.agentworker.otel.query.ToolCall;
import dev.agentworker.otel.query.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code docs/telemetry.md} is the contract: every table there must match what the code emits. */
class TelemetryContractTest {

  private final InMemoryTelemetry memory = new InMemoryTelemetry(true);
  private final InMemorySpanExporter spans = memory.spans;
  private final InMemoryLogRecordExporter logs = memory.logs;
  private final InMemoryMetricReader metrics = memory.metrics;
  private final Telemetry telemetry = memory.telemetry;
  private List<String> doc;

  @BeforeEach
  void setUp() throws IOException {
    doc = Files.readAllLines(Paths.get(System.getProperty("docs.dir"), "telemetry.md"));
  }

  @Test
  void metricsTableMatchesInstrumentDefinitions() {
    List<List<String>> rows = tableRows("## Metrics");
    assertThat(rows).hasSameSizeAs(Instruments.ALL);
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      Instruments.Definition definition = Instruments.ALL.get(i);
      assertThat(row.get(0)).isEqualTo(definition.name());
      assertThat(row.get(1))
          .as(definition.name())
          .isEqualTo(definition.type().name().toLowerCase());
      assertThat(row.get(2)).as(definition.name()).isEqualTo(definition.unit());
      assertThat(row.get(3))
          .as(definition.name())
          .isEqualTo(
              definition.attributes().stream()
                  .map(AttributeKey::getKey)
                  .collect(Collectors.joining(", ")));
      assertThat(row.get(4)).as(definition.name()).isEqualTo(definition.description());
    }
  }

  @Test
  void bucketListMatchesHistogramDefinitions() {
    Map<String, String> documented = new LinkedHashMap<>();
    for (String line : section("### Histogram buckets")) {
      if (line.startsWith("- `")) {
        documented.put(
            line.substring(3, line.indexOf('`', 3)), line.substring(line.indexOf(": ") + 2));
      }
    }
    Map<String, String> defined = new LinkedHashMap<>();
    for (Instruments.Definition definition : Instruments.ALL) {
      if (definition.type() == Instruments.Type.HISTOGRAM) {
        defined.put(
            definition.name(),
            definition.buckets().stream()
                .map(TelemetryContractTest::number)
                .collect(Collectors.joining(", ")));
      }
    }
    assertThat(documented).isEqualTo(defined);
  }

  @Test
  void recordedMetricsHaveTheDocumentedShape() {
    ToolCall call = mcpCall(ErrorType.TOOL_ERROR);
    telemetry.metrics().initialize(List.of(AgentCli.values()));
    telemetry.metrics().recordStart(invocation(), 0.004);
    telemetry.metrics().recordToolCall(AgentCli.CODEX, call);
    telemetry.metrics().recordVersionMismatch(AgentCli.CODEX);
    telemetry.metrics().recordQuery(result(ErrorType.AUTH, fullFacts()));
    McpMetrics mcp = telemetry.mcpMetrics();
    mcp.serverSeen("everything");
    mcp.recordOperation(mcpOperation("tools/call", "echo", null, "-32602"), 0.01);
    mcp.recordOperation(mcpOperation("prompts/get", null, "greeting", null), 0.01);
    mcp.recordSession("everything", "2025-06-18", 1.5, "server_exited");
    mcp.recordStartup("everything", 0.2, null);
    mcp.recordCrash("everything");
    mcp.recordRestart("everything");
    mcp.setPermanentFailure("everything", true);
    mcp.recordSkippedLines("everything", "not_json", 1);

    Map<String, MetricData> exported =
        metrics.collectAllMetrics().stream().collect(Collectors.toMap(MetricData::getName, m -> m));
    assertThat(exported.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Instruments.ALL.stream()
                .map(Instruments.Definition::name)
                .collect(Collectors.toList()));
    for (Instruments.Definition definition : Instruments.ALL) {
      MetricData data = exported.get(definition.name());
      assertThat(data.getUnit()).isEqualTo(definition.unit());
      Set<String> allowed =
          definition.attributes().stream().map(AttributeKey::getKey).collect(Collectors.toSet());
      data.getData()
          .getPoints()
          .forEach(
              point ->
                  assertThat(
                          point.getAttributes().asMap().keySet().stream().map(AttributeKey::getKey))
                      .as(definition.name())
                      .isSubsetOf(allowed));
    }
  }

  @Test
  void querySpanAttributesAreTheDocumentedOnes() {
    QueryFacts claudeLike = fullFacts();
    claudeLike.setCostUsd(0.0123);
    claudeLike.setPermissionMode("default");
    claudeLike.setResponseModel("model-x");
    endQuery(result(ErrorType.AUTH, claudeLike));

    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(span.getName()).isEqualTo("invoke_agent codex");
    assertThat(keys(span.getAttributes().asMap().keySet()))
        .containsExactlyInAnyOrderElementsOf(firstColumn("### `invoke_agent {gen_ai.agent.name}`"));
  }

  @Test
  void toolSpanAttributesAreTheDocumentedOnes() {
    ToolCall mcp = mcpCall(ErrorType.TOOL_ERROR);
    ToolCall shell = new ToolCall("item_2", "shell", ToolCall.Kind.SHELL, null);
    shell.setExitCode(0L);
    Span parent = Span.getInvalid();
    for (ToolCall call : List.of(mcp, shell)) {
      telemetry
          .tracing()
          .endTool(
              telemetry.tracing().startTool(Context.root().with(parent), AgentCli.CODEX, call, 1L),
              call,
              2L);
    }

    assertThat(emittedSpanAttributeKeys())
        .containsExactlyInAnyOrderElementsOf(firstColumn("### `execute_tool {gen_ai.tool.name}`"));
  }

  @Test
  void mcpSpanAttributesAreTheDocumentedOnes() {
    McpTracing tracing = telemetry.mcpTracing();
    McpOperation[] requests = {
      mcpOperation("tools/call", "echo", null, null),
      mcpOperation("prompts/get", null, "greeting", null),
      mcpOperation("resources/read", null, null, null)
    };
    for (McpOperation request : requests) {
      McpTracing.RequestSpan span =
          tracing.startRequest(
              Context.root(), request, "7", "test://static/resource/1", "{\"message\":\"hi\"}", 1L);
      tracing.endRequest(
          span,
          mcpOperation(request.method(), request.toolName(), request.promptName(), "-32602"),
          "{}",
          2L);
    }

    assertThat(emittedSpanAttributeKeys())
        .containsExactlyInAnyOrderElementsOf(
            firstColumn("### `{mcp.method.name} {target}` (MCP over stdio)"));
    assertThat(spans.getFinishedSpanItems().stream().map(SpanData::getName))
        .containsExactly("tools/call echo", "prompts/get greeting", "resources/read");
  }

  private Set<String> emittedSpanAttributeKeys() {
    Set<String> emitted = new LinkedHashSet<>();
    spans
        .getFinishedSpanItems()
        .forEach(s -> emitted.addAll(keys(s.getAttributes().asMap().keySet())));
    return emitted;
  }

  private static McpOperation mcpOperation(
      String method, String tool, String prompt, String errorCode) {
    return new McpOperation(method, tool, prompt, "everything", "2025-06-18", errorCode, errorCode);
  }

  @Test
  void stderrLineFieldsAreTheDocumentedOnesInOrder() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    endQuery(
        result(ErrorType.AUTH, fullFacts()), new PrintStream(err, true, StandardCharsets.UTF_8));

    String line = err.toString(StandardCharsets.UTF_8).trim();
    Map<?, ?> json = new ObjectMapper().readValue(line, LinkedHashMap.class);
    assertThat(new ArrayList<>(json.keySet())).isEqualTo(firstColumn("### stderr line"));
    assertThat(line).doesNotContain("\n");
  }

  @Test
  void stderrLineCanBeSwitchedOffWhileTheLogRecordStays() {
    Telemetry quiet =
        new Telemetry(
            OpenTelemetrySdk.builder()
                .setLoggerProvider(
                    SdkLoggerProvider.builder()
                        .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
                        .build())
                .build(),
            false);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    quiet
        .log()
        .emit(
            result(null, fullFacts()),
            Context.root(),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(err.size()).isZero();
    assertThat(logs.getFinishedLogRecordItems()).hasSize(1);
  }

  @Test
  void logRecordAttributesAreTheDocumentedOnes() {
    endQuery(result(ErrorType.AUTH, fullFacts()));

    assertThat(logs.getFinishedLogRecordItems()).hasSize(1);
    assertThat(keys(logs.getFinishedLogRecordItems().get(0).getAttributes().asMap().keySet()))
        .containsExactlyInAnyOrderElementsOf(firstColumn("### Log record"));
  }

  /** Alert rules and dashboard may only use metrics this extension exports (Prometheus names). */
  @Test
  void alertRulesAndDashboardReferenceOnlyDocumentedMetrics() throws IOException {
    Set<String> exported = new LinkedHashSet<>();
    for (Instruments.Definition definition : Instruments.ALL) {
      String base =
          definition.name().replace('.', '_') + (definition.unit().equals("s") ? "_seconds" : "");
      switch (definition.type()) {
        case COUNTER:
          exported.add(base + "_total");
          break;
        case HISTOGRAM:
          exported.addAll(List.of(base + "_bucket", base + "_sum", base + "_count"));
          break;
        default:
          exported.add(base);
      }
    }
    java.nio.file.Path config = Paths.get(System.getProperty("docs.dir"), "../collector-config");
    List<String> expressions = new ArrayList<>();
    for (String file : List.of("agent-critical.yml", "agent-warning.yml")) {
      for (String line : Files.readAllLines(config.resolve("prometheus").resolve(file))) {
        if (line.trim().startsWith("expr:")
            || line.startsWith("          ")
            || line.trim().startsWith("-")) {
          expressions.add(line);
        }
      }
    }
    new ObjectMapper()
        .readTree(config.resolve("grafana/dashboards/agent-worker.json").toFile())
        .path("panels")
        .forEach(
            panel ->
                panel
                    .path("targets")
                    .forEach(target -> expressions.add(target.path("expr").asText())));
    java.util.regex.Pattern metric =
        java.util.regex.Pattern.compile("\\b(?:agent_worker|gen_ai)_[a-z_]+");
    Set<String> referenced = new LinkedHashSet<>();
    for (String expression : expressions) {
      // Drop label matchers, grouping clauses and legend templates: label names share the prefixes.
      String withoutLabels =
          expression
              .replaceAll("\\{[^}]*\\}", "")
              .replaceAll("\\b(?:by|without|on|ignoring)\\s*\\([^)]*\\)", "");
      java.util.regex.Matcher matcher = metric.matcher(withoutLabels);
      while (matcher.find()) {
        referenced.add(matcher.group());
      }
    }
    assertThat(referenced).isNotEmpty().isSubsetOf(exported);
    assertThat(referenced)
        .contains(
            "agent_worker_provider_consecutive_failures",
            "agent_worker_query_errors_total",
            "agent_worker_queries_total",
            "agent_worker_mcp_server_failures_total",
            "gen_ai_client_operation_duration_seconds_sum",
            "agent_worker_query_tokens_bucket",
            "agent_worker_tool_calls_total",
            "agent_worker_cli_spawn_duration_seconds_bucket",
            "agent_worker_sandbox_queries_total");
  }

  @Test
  void errorTypeTableIsTheVocabulary() {
    List<List<String>> rows = tableRows("## Error types");
    assertThat(rows.stream().map(r -> r.get(0) + ":" + r.get(1)).collect(Collectors.toList()))
        .containsExactlyElementsOf(
            Arrays.stream(ErrorType.values())
                .map(t -> t.value() + ":" + t.scope().name().toLowerCase())
                .collect(Collectors.toList()));
  }

  private void endQuery(QueryResult result) {
    endQuery(result, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private void endQuery(QueryResult result, PrintStream stderr) {
    Span span =
        telemetry
            .tracing()
            .startQuery(invocation(), Context.root(), result.startEpochNanos(), "ws-1");
    Context context = Context.root().with(span);
    telemetry.tracing().endQuery(span, result, 4242L);
    telemetry.log().emit(result, context, stderr);
  }

  private static CliInvocation invocation() {
    return new CliInvocation(AgentCli.CODEX, CliInvocation.Kind.QUERY, "gpt-5", "read-only", true);
  }

  private static QueryFacts fullFacts() {
    QueryFacts facts = new QueryFacts();
    facts.setConversationId("thread-1");
    facts.setUsage(new Usage(100, 20, 60, 5, 3));
    facts.addToolCall();
    facts.addMcpServer("everything");
    facts.addRetry();
    facts.setCostUsd(0.0123);
    facts.setMcpServerStatus("everything", "failed");
    return facts;
  }

  private static QueryResult result(ErrorType error, QueryFacts facts) {
    return new QueryResult(
        invocation(),
        facts,
        error,
        1L,
        1_000_000_000L,
        3_500_000_000L,
        0.004,
        "ws-1",
        Map.of("not_json", 2L));
  }

  private static ToolCall mcpCall(ErrorType error) {
    ToolCall call = new ToolCall("item_1", "echo", ToolCall.Kind.MCP, "everything");
    call.setErrorType(error);
    return call;
  }

  private static List<String> keys(Set<AttributeKey<?>> keys) {
    return keys.stream().map(AttributeKey::getKey).collect(Collectors.toList());
  }

  /** Lines of the section that starts with {@code heading}, up to the next heading. */
  private List<String> section(String heading) {
    int start = doc.indexOf(heading);
    assertThat(start).as("heading %s in docs/telemetry.md", heading).isNotNegative();
    List<String> lines = new ArrayList<>();
    for (int i = start + 1; i < doc.size() && !doc.get(i).startsWith("#"); i++) {
      lines.add(doc.get(i));
    }
    return lines;
  }

  /**
   * Cells of the first table in a section, header and separator rows dropped, backticks removed.
   */
  private List<List<String>> tableRows(String heading) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : section(heading)) {
      if (line.startsWith("| `")) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(1, line.length() - 1).split(" \\| ")) {
          cells.add(cell.trim().replace("`", ""));
        }
        rows.add(cells);
      }
    }
    return rows;
  }

  private List<String> firstColumn(String heading) {
    return tableRows(heading).stream().map(r -> r.get(0)).collect(Collectors.toList());
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
