package dev.agentworker.otel.query;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps a provider's failure message to the shared vocabulary. Patterns follow the messages the CLIs
 * print for HTTP failures (for example Codex's {@code unexpected status 401 Unauthorized} and
 * Claude Code's {@code API Error: 529 Overloaded}).
 */
public final class ErrorMessages {

  private static final Pattern AUTH =
      Pattern.compile(
          "\\b40[13]\\b|unauthori[sz]ed|forbidden|invalid_api_key|incorrect api key"
              + "|invalid api key|authentication|not logged in|missing bearer|/login");
  private static final Pattern RATE_LIMIT =
      Pattern.compile("\\b429\\b|rate.?limit|usage limit|too many requests|quota");
  private static final Pattern OVERLOADED =
      Pattern.compile("\\b529\\b|overloaded|\\b503\\b|service unavailable");
  private static final Pattern TIMEOUT = Pattern.compile("timed out|timeout|deadline exceeded");
  private static final Pattern NETWORK =
      Pattern.compile(
          "stream disconnected|stream ended unexpectedly|error sending request|connection refused"
              + "|connection reset|connection closed|waiting for network|failed to connect"
              + "|dns error|network");

  private ErrorMessages() {}

  /** Returns the matching error type, or {@code fallback} when no pattern matches. */
  public static ErrorType classify(String message, ErrorType fallback) {
    if (message == null) {
      return fallback;
    }
    String text = message.toLowerCase(Locale.ROOT);
    if (AUTH.matcher(text).find()) {
      return ErrorType.AUTH;
    }
    if (RATE_LIMIT.matcher(text).find()) {
      return ErrorType.RATE_LIMIT;
    }
    if (OVERLOADED.matcher(text).find()) {
      return ErrorType.OVERLOADED;
    }
    if (TIMEOUT.matcher(text).find()) {
      return ErrorType.TIMEOUT;
    }
    if (NETWORK.matcher(text).find()) {
      return ErrorType.NETWORK;
    }
    return fallback;
  }
}
