package dev.agentworker.otel.examples.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes received telemetry as OTLP JSON: one export request per line in {@code traces.jsonl},
 * {@code metrics.jsonl} and {@code logs.jsonl}, the format of the collector's file exporter. OTLP
 * JSON differs from protobuf's canonical JSON in two ways handled here: trace and span ids are hex
 * strings, and enums are integers.
 */
public final class OtlpJsonFiles {

  private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OtlpJsonFiles() {}

  public static void write(ReceivedTelemetry telemetry, Path directory) throws IOException {
    Files.createDirectories(directory);
    JsonFormat.Printer printer =
        JsonFormat.printer().omittingInsignificantWhitespace().printingEnumsAsInts();
    for (Map.Entry<String, List<? extends Message>> signal : telemetry.requests().entrySet()) {
      Path file = directory.resolve(signal.getKey() + ".jsonl");
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (Message request : signal.getValue()) {
          JsonNode tree = MAPPER.readTree(printer.print(request));
          hexIds(tree);
          out.write(MAPPER.writeValueAsString(tree));
          out.write('\n');
        }
      }
    }
  }

  private static void hexIds(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (ID_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
          field.setValue(
              MAPPER
                  .getNodeFactory()
                  .textNode(hex(Base64.getDecoder().decode(field.getValue().asText()))));
        } else {
          hexIds(field.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(OtlpJsonFiles::hexIds);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return out.toString();
  }
}
