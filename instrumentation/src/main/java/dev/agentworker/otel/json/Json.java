package dev.agentworker.otel.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259) that builds {@code Map}/{@code List}/{@code String}/
 * {@code Long}/{@code Double}/{@code Boolean} trees.
 *
 * <p>It exists because the stream observers run as helpers in the bootstrap class loader, where
 * only the JDK and the OpenTelemetry API are visible; a bundled JSON library would not be. It never
 * throws: malformed input, or nesting deeper than {@link #MAX_DEPTH}, yields {@code null}.
 */
public final class Json {

  /** Deeper documents are rejected so that hostile input cannot exhaust the stack. */
  public static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /** Parses one JSON object; returns {@code null} unless {@code text} is exactly one object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    return value instanceof Map ? (Map<String, Object>) value : null;
  }

  /** Parses one JSON value; JSON {@code null} and malformed input both yield {@code null}. */
  public static Object parse(String text) {
    Json reader = new Json(text);
    try {
      reader.skipWhitespace();
      Object value = reader.readValue(0);
      reader.skipWhitespace();
      return reader.pos == text.length() ? value : null;
    } catch (Malformed | IndexOutOfBoundsException e) {
      return null;
    }
  }

  private Object readValue(int depth) {
    if (depth > MAX_DEPTH) {
      throw Malformed.INSTANCE;
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return readObject(depth);
      case '[':
        return readArray(depth);
      case '"':
        return readString();
      case 't':
        expectWord("true");
        return Boolean.TRUE;
      case 'f':
        expectWord("false");
        return Boolean.FALSE;
      case 'n':
        expectWord("null");
        return null;
      default:
        return readNumber();
    }
  }

  private Map<String, Object> readObject(int depth) {
    Map<String, Object> object = new LinkedHashMap<>();
    pos++;
    skipWhitespace();
    if (text.charAt(pos) == '}') {
      pos++;
      return object;
    }
    while (true) {
      skipWhitespace();
      if (text.charAt(pos) != '"') {
        throw Malformed.INSTANCE;
      }
      String key = readString();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      object.put(key, readValue(depth + 1));
      skipWhitespace();
      char c = text.charAt(pos++);
      if (c == '}') {
        return object;
      }
      if (c != ',') {
        throw Malformed.INSTANCE;
      }
    }
  }

  private List<Object> readArray(int depth) {
    List<Object> array = new ArrayList<>();
    pos++;
    skipWhitespace();
    if (text.charAt(pos) == ']') {
      pos++;
      return array;
    }
    while (true) {
      skipWhitespace();
      array.add(readValue(depth + 1));
      skipWhitespace();
      char c = text.charAt(pos++);
      if (c == ']') {
        return array;
      }
      if (c != ',') {
        throw Malformed.INSTANCE;
      }
    }
  }

  private String readString() {
    pos++;
    int start = pos;
    // Fast path: no escapes.
    while (true) {
      char c = text.charAt(pos);
      if (c == '"') {
        return text.substring(start, pos++);
      }
      if (c == '\\') {
        break;
      }
      if (c < 0x20) {
        throw Malformed.INSTANCE;
      }
      pos++;
    }
    StringBuilder out = new StringBuilder(text.length() - start < 64 ? 16 : 64);
    out.append(text, start, pos);
    while (true) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw Malformed.INSTANCE;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = text.charAt(pos++);
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          out.append(escape);
          break;
        case 'b':
          out.append('\b');
          break;
        case 'f':
          out.append('\f');
          break;
        case 'n':
          out.append('\n');
          break;
        case 'r':
          out.append('\r');
          break;
        case 't':
          out.append('\t');
          break;
        case 'u':
          out.append(readHex4());
          break;
        default:
          throw Malformed.INSTANCE;
      }
    }
  }

  private char readHex4() {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(pos++), 16);
      if (digit < 0) {
        throw Malformed.INSTANCE;
      }
      value = (value << 4) | digit;
    }
    return (char) value;
  }

  private Object readNumber() {
    int start = pos;
    if (text.charAt(pos) == '-') {
      pos++;
    }
    int intStart = pos;
    skipDigits();
    int intLength = pos - intStart;
    if (intLength == 0 || (intLength > 1 && text.charAt(intStart) == '0')) {
      throw Malformed.INSTANCE;
    }
    boolean integral = true;
    if (pos < text.length() && text.charAt(pos) == '.') {
      integral = false;
      pos++;
      requireDigits();
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      integral = false;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      requireDigits();
    }
    String literal = text.substring(start, pos);
    if (integral && intLength <= 18) {
      return Long.parseLong(literal);
    }
    return Double.parseDouble(literal);
  }

  private void requireDigits() {
    int start = pos;
    skipDigits();
    if (pos == start) {
      throw Malformed.INSTANCE;
    }
  }

  private void skipDigits() {
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
  }

  private void expectWord(String word) {
    if (!text.startsWith(word, pos)) {
      throw Malformed.INSTANCE;
    }
    pos += word.length();
  }

  private void expect(char c) {
    if (text.charAt(pos++) != c) {
      throw Malformed.INSTANCE;
    }
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  /** Signals malformed input; preallocated and stackless because it is control flow here. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Malformed INSTANCE = new Malformed();

    private Malformed() {
      super(null, null, false, false);
    }
  }
}
