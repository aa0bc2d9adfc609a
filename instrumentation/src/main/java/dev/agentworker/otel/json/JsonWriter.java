package dev.agentworker.otel.json;

import java.util.Collection;

/** Minimal JSON writer for the one-line query log; writes keys in insertion order. */
public final class JsonWriter {

  private final StringBuilder out = new StringBuilder(256);
  private boolean needsComma;

  public JsonWriter beginObject() {
    separator();
    out.append('{');
    needsComma = false;
    return this;
  }

  public JsonWriter endObject() {
    out.append('}');
    needsComma = true;
    return this;
  }

  public JsonWriter name(String name) {
    separator();
    quote(name);
    out.append(':');
    needsComma = false;
    return this;
  }

  public JsonWriter value(String value) {
    separator();
    if (value == null) {
      out.append("null");
    } else {
      quote(value);
    }
    needsComma = true;
    return this;
  }

  public JsonWriter value(long value) {
    separator();
    out.append(value);
    needsComma = true;
    return this;
  }

  public JsonWriter value(double value) {
    separator();
    if (Double.isFinite(value)) {
      out.append(value);
    } else {
      out.append("null");
    }
    needsComma = true;
    return this;
  }

  public JsonWriter values(Collection<String> values) {
    separator();
    out.append('[');
    needsComma = false;
    for (String value : values) {
      value(value);
    }
    out.append(']');
    needsComma = true;
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void separator() {
    if (needsComma) {
      out.append(',');
    }
  }

  /** {@code value} as a JSON string literal, quotes included. */
  public static String quoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2);
    quote(out, value);
    return out.toString();
  }

  private void quote(String value) {
    quote(out, value);
  }

  private static void quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
