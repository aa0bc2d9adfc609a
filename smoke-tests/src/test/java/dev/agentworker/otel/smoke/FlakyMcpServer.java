package dev.agentworker.otel.smoke;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal MCP stdio server whose behaviour the test sets through a file named by its only
 * argument: {@code healthy} answers everything, {@code crash-on-call} exits 3 on the first {@code
 * tools/call} without answering it, {@code fail-init} exits 1 on {@code initialize}.
 */
public final class FlakyMcpServer {

  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  private FlakyMcpServer() {}

  public static void main(String[] args) throws Exception {
    String behaviour = Files.readString(Paths.get(args[0])).trim();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      Matcher id = ID.matcher(line);
      if (!id.find()) {
        continue;
      }
      if (line.contains("\"initialize\"")) {
        if (behaviour.equals("fail-init")) {
          System.exit(1);
        }
        out.println(
            "{\"jsonrpc\":\"2.0\",\"id\":"
                + id.group(1)
                + ",\"result\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                + "\"serverInfo\":{\"name\":\"flaky\",\"version\":\"1\"}}}");
      } else if (line.contains("\"tools/call\"")) {
        if (behaviour.equals("crash-on-call")) {
          System.exit(3);
        }
        out.println(
            "{\"jsonrpc\":\"2.0\",\"id\":"
                + id.group(1)
                + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}}");
      }
    }
  }
}
