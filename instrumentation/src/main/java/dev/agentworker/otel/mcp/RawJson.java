package dev.agentworker.otel.mcp;

import java.nio.charset.StandardCharsets;

/**
 * Finds where values sit in the bytes of a JSON line, so that a member can be inserted or copied
 * without re-serialising (and so changing) anything else. Structural characters are ASCII and never
 * occur inside a UTF-8 multi-byte sequence, so the scan works on bytes. Keys are compared as
 * written (a key spelled with escapes is not found). Every method returns -1 instead of throwing on
 * input that is not what it expects, including a line cut short.
 */
final class RawJson {

  private RawJson() {}

  /** Index of the opening brace of the top-level object, or -1. */
  static int objectStart(byte[] bytes, int length) {
    int i = skipWhitespace(bytes, 0, length);
    return i < length && bytes[i] == '{' ? i : -1;
  }

  /**
   * Index of the first byte of the value of member {@code key} of the object opening at {@code
   * objectStart}, or -1 when the member is absent or the bytes end first. Members before it must be
   * complete; members after it are not looked at.
   */
  static int memberValue(byte[] bytes, int length, int objectStart, String key) {
    byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
    int i = skipWhitespace(bytes, objectStart + 1, length);
    while (i < length && bytes[i] == '"') {
      int keyEnd = stringEnd(bytes, length, i);
      if (keyEnd < 0) {
        return -1;
      }
      boolean match = matches(bytes, i + 1, keyEnd - 1, wanted);
      i = skipWhitespace(bytes, keyEnd, length);
      if (i >= length || bytes[i] != ':') {
        return -1;
      }
      i = skipWhitespace(bytes, i + 1, length);
      if (match) {
        return i < length ? i : -1;
      }
      i = valueEnd(bytes, length, i);
      if (i < 0) {
        return -1;
      }
      i = skipWhitespace(bytes, i, length);
      if (i >= length || bytes[i] != ',') {
        return -1;
      }
      i = skipWhitespace(bytes, i + 1, length);
    }
    return -1;
  }

  /** Index just past the value starting at {@code start}, or -1. */
  static int valueEnd(byte[] bytes, int length, int start) {
    if (start < 0 || start >= length) {
      return -1;
    }
    byte first = bytes[start];
    if (first == '"') {
      return stringEnd(bytes, length, start);
    }
    if (first == '{' || first == '[') {
      int depth = 0;
      int i = start;
      while (i < length) {
        byte b = bytes[i];
        if (b == '"') {
          i = stringEnd(bytes, length, i);
          if (i < 0) {
            return -1;
          }
          continue;
        }
        if (b == '{' || b == '[') {
          depth++;
        } else if (b == '}' || b == ']') {
          depth--;
          if (depth == 0) {
            return i + 1;
          }
        }
        i++;
      }
      return -1;
    }
    int i = start;
    while (i < length) {
      byte b = bytes[i];
      if (b == ',' || b == '}' || b == ']' || isWhitespace(b)) {
        break;
      }
      i++;
    }
    return i;
  }

  /** Whether the object or array opening at {@code start} has no members. */
  static boolean isEmptyContainer(byte[] bytes, int length, int start) {
    int i = skipWhitespace(bytes, start + 1, length);
    return i < length && (bytes[i] == '}' || bytes[i] == ']');
  }

  private static int stringEnd(byte[] bytes, int length, int quote) {
    int i = quote + 1;
    while (i < length) {
      byte b = bytes[i];
      if (b == '\\') {
        i += 2;
      } else if (b == '"') {
        return i + 1;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static boolean matches(byte[] bytes, int from, int to, byte[] wanted) {
    if (to - from != wanted.length) {
      return false;
    }
    for (int j = 0; j < wanted.length; j++) {
      if (bytes[from + j] != wanted[j]) {
        return false;
      }
    }
    return true;
  }

  static int skipWhitespace(byte[] bytes, int from, int length) {
    int i = from;
    while (i < length && isWhitespace(bytes[i])) {
      i++;
    }
    return i;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }
}
