package dev.agentworker.otel.smoke;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A stand-in for the worker JVM: starts one command the way a provider adapter would, inside a
 * "handle request" span with a workspace id in Baggage, reads its stdout in the given mode and
 * prints what it read. Run in a child JVM with or without the agent.
 *
 * <p>Usage: {@code ReplayWorker <mode> <workspace|-> -- <command...>}; modes: {@code lines}, {@code
 * bytes}, {@code single} (byte by byte), {@code transfer}, {@code noread}, {@code file}, {@code
 * destroy} (read one line, then destroy), {@code runtime-exec} (bytes, started with {@code
 * Runtime.exec}).
 */
public final class ReplayWorker {

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String workspace = args[1];
    List<String> command = Arrays.asList(args).subList(3, args.length);

    Span request =
        GlobalOpenTelemetry.getTracer("replay-worker").spanBuilder("handle request").startSpan();
    Context context = Context.current().with(request);
    if (!workspace.equals("-")) {
      context = context.with(Baggage.builder().put("workspace.id", workspace).build());
    }
    try (Scope ignored = context.makeCurrent()) {
      // WORKER_DELAY_MS and WORKER_REPEAT let a test space out a run of identical queries.
      long delay = Long.parseLong(System.getenv().getOrDefault("WORKER_DELAY_MS", "0"));
      int repeat = Integer.parseInt(System.getenv().getOrDefault("WORKER_REPEAT", "1"));
      for (int i = 0; i < repeat; i++) {
        Thread.sleep(delay);
        run(mode, command);
      }
    } finally {
      request.end();
    }
    if (System.getenv("WORKER_LINGER_MS") != null) {
      Thread.sleep(Long.parseLong(System.getenv("WORKER_LINGER_MS")));
    }
  }

  private static void run(String mode, List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"));
    File outputFile = null;
    if (mode.equals("file")) {
      outputFile = File.createTempFile("worker-stdout", ".jsonl");
      builder.redirectOutput(outputFile);
    }
    Process process;
    try {
      // Runtime.exec goes through ProcessBuilder.start, so it is observed the same way.
      process =
          mode.equals("runtime-exec")
              ? Runtime.getRuntime().exec(command.toArray(new String[0]), null, null)
              : builder.start();
    } catch (IOException e) {
      System.out.println("spawn-failed " + e.getMessage());
      return;
    }
    System.out.println("process-class " + process.getClass().getName());

    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    long count = 0;
    InputStream stdout = process.getInputStream();
    switch (mode) {
      case "lines":
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
          byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
          digest.update(bytes);
          count += bytes.length;
        }
        break;
      case "runtime-exec":
      case "bytes":
        byte[] all = stdout.readAllBytes();
        digest.update(all);
        count = all.length;
        break;
      case "single":
        for (int b; (b = stdout.read()) >= 0; count++) {
          digest.update((byte) b);
        }
        break;
      case "transfer":
        DigestOutput sink = new DigestOutput(digest);
        count = stdout.transferTo(sink);
        break;
      case "destroy":
        new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8)).readLine();
        process.destroy();
        break;
      default:
        break;
    }
    int exit = process.waitFor();
    if (outputFile != null) {
      byte[] written = java.nio.file.Files.readAllBytes(outputFile.toPath());
      digest.update(written);
      count = written.length;
      outputFile.delete();
    }
    System.out.println(
        "read " + count + " sha256 " + HexFormat.of().formatHex(digest.digest()) + " exit " + exit);
  }

  private static final class DigestOutput extends OutputStream {
    private final MessageDigest digest;

    DigestOutput(MessageDigest digest) {
      this.digest = digest;
    }

    @Override
    public void write(int b) {
      digest.update((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      digest.update(b, off, len);
    }
  }

  private ReplayWorker() {}
}
