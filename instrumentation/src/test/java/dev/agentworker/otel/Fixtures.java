package dev.agentworker.otel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Recorded CLI streams (copied byte-exact from the shared fixtures into test resources). */
public final class Fixtures {

  private Fixtures() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/cli-streams/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Recorded MCP stdio traffic (what a client wrote, what a server answered). */
  public static byte[] mcp(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/mcp-traffic/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int exitCode(String scenario) {
    return Integer.parseInt(new String(bytes(scenario + ".exit")).trim());
  }
}
