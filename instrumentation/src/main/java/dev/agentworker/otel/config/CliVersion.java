package dev.agentworker.otel.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dotted numeric CLI version ({@code major.minor.patch}), as printed by {@code --version}. */
public final class CliVersion implements Comparable<CliVersion> {

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  private final int major;
  private final int minor;
  private final int patch;

  private CliVersion(int major, int minor, int patch) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
  }

  /** Finds the first version number in {@code text}, e.g. {@code codex-cli 0.169.0}. */
  public static CliVersion find(String text) {
    Matcher matcher = VERSION.matcher(text);
    if (!matcher.find()) {
      return null;
    }
    try {
      return new CliVersion(
          Integer.parseInt(matcher.group(1)),
          Integer.parseInt(matcher.group(2)),
          matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Parses a whole string as a version; returns null unless it is exactly one. */
  public static CliVersion parse(String text) {
    return VERSION.matcher(text.trim()).matches() ? find(text) : null;
  }

  @Override
  public int compareTo(CliVersion other) {
    if (major != other.major) {
      return Integer.compare(major, other.major);
    }
    if (minor != other.minor) {
      return Integer.compare(minor, other.minor);
    }
    return Integer.compare(patch, other.patch);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CliVersion && compareTo((CliVersion) other) == 0;
  }

  @Override
  public int hashCode() {
    return (major * 31 + minor) * 31 + patch;
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
