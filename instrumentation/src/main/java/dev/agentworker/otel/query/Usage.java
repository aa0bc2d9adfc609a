package dev.agentworker.otel.query;

/**
 * Token usage of one query in the GenAI semantic-convention sense: {@code inputTokens} includes
 * cache reads and cache creation, {@code outputTokens} includes reasoning tokens.
 */
public final class Usage {

  public static final Usage NONE = new Usage(0, 0, 0, 0, 0);

  private final long inputTokens;
  private final long outputTokens;
  private final long cacheReadTokens;
  private final long cacheCreationTokens;
  private final long reasoningTokens;

  public Usage(
      long inputTokens,
      long outputTokens,
      long cacheReadTokens,
      long cacheCreationTokens,
      long reasoningTokens) {
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
    this.cacheReadTokens = cacheReadTokens;
    this.cacheCreationTokens = cacheCreationTokens;
    this.reasoningTokens = reasoningTokens;
  }

  public long inputTokens() {
    return inputTokens;
  }

  public long outputTokens() {
    return outputTokens;
  }

  public long cacheReadTokens() {
    return cacheReadTokens;
  }

  public long cacheCreationTokens() {
    return cacheCreationTokens;
  }

  public long reasoningTokens() {
    return reasoningTokens;
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /** This usage minus an earlier cumulative total; counts never go below zero. */
  public Usage minus(Usage earlier) {
    return new Usage(
        Math.max(0, inputTokens - earlier.inputTokens),
        Math.max(0, outputTokens - earlier.outputTokens),
        Math.max(0, cacheReadTokens - earlier.cacheReadTokens),
        Math.max(0, cacheCreationTokens - earlier.cacheCreationTokens),
        Math.max(0, reasoningTokens - earlier.reasoningTokens));
  }

  public Usage plus(Usage other) {
    return new Usage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        cacheReadTokens + other.cacheReadTokens,
        cacheCreationTokens + other.cacheCreationTokens,
        reasoningTokens + other.reasoningTokens);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Usage)) {
      return false;
    }
    Usage that = (Usage) other;
    return inputTokens == that.inputTokens
        && outputTokens == that.outputTokens
        && cacheReadTokens == that.cacheReadTokens
        && cacheCreationTokens == that.cacheCreationTokens
        && reasoningTokens == that.reasoningTokens;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(inputTokens * 31 + outputTokens) * 31 + Long.hashCode(cacheReadTokens);
  }

  @Override
  public String toString() {
    return "Usage{input="
        + inputTokens
        + ", output="
        + outputTokens
        + ", cacheRead="
        + cacheReadTokens
        + ", cacheCreation="
        + cacheCreationTokens
        + ", reasoning="
        + reasoningTokens
        + '}';
  }
}
