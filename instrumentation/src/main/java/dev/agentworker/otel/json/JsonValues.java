package dev.agentworker.otel.json;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Typed, null-safe accessors over trees produced by {@link Json}. */
public final class JsonValues {

  private JsonValues() {}

  public static String string(Map<String, Object> object, String key) {
    Object value = object == null ? null : object.get(key);
    return value instanceof String ? (String) value : null;
  }

  public static Long integer(Map<String, Object> object, String key) {
    Object value = object == null ? null : object.get(key);
    if (value instanceof Long) {
      return (Long) value;
    }
    if (value instanceof Double && Math.rint((Double) value) == (Double) value) {
      return ((Double) value).longValue();
    }
    return null;
  }

  /**
   * A token or event count: the integer at {@code key}, 0 when absent, negative or not a number.
   */
  public static long count(Map<String, Object> object, String key) {
    Long value = integer(object, key);
    return value == null || value < 0 ? 0 : value;
  }

  public static Double number(Map<String, Object> object, String key) {
    Object value = object == null ? null : object.get(key);
    return value instanceof Number ? ((Number) value).doubleValue() : null;
  }

  public static boolean isTrue(Map<String, Object> object, String key) {
    return object != null && Boolean.TRUE.equals(object.get(key));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Map<String, Object> object, String key) {
    Object value = object == null ? null : object.get(key);
    return value instanceof Map ? (Map<String, Object>) value : null;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> array(Map<String, Object> object, String key) {
    Object value = object == null ? null : object.get(key);
    return value instanceof List ? (List<Object>) value : Collections.emptyList();
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> asObject(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : null;
  }
}
