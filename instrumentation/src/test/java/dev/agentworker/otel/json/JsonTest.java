package dev.agentworker.otel.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void parsesNestedDocument() {
    Map<String, Object> object =
        Json.parseObject(
            "{\"a\":1,\"b\":[true,false,null,-2.5e3],\"c\":{\"d\":\"x\\n\\u00e9\\ud83d\\ude00\"},"
                + "\"e\":12345678901234567890}");

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", 1L);
    expected.put("b", Arrays.asList(true, false, null, -2500.0));
    expected.put("c", Map.of("d", "x\n\u00e9\ud83d\ude00"));
    expected.put("e", 1.2345678901234567e19);
    assertThat(object).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "{\"a\":}",
        "{\"a\":1,}",
        "[1,]",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"unterminated}",
        "{\"a\":tru}",
        "{\"a\":1} trailing",
        "{'a':1}",
        "{\"a\":\"raw\u0001control\"}",
        "-",
        "{\"a\":1e}"
      })
  void rejectsMalformedInput(String text) {
    assertThat(Json.parse(text)).isNull();
  }

  @Test
  void rejectsNestingBeyondLimitWithoutStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThat(Json.parse(deep)).isNull();

    String allowed = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertThat(Json.parse(allowed)).isInstanceOf(List.class);
  }

  @Test
  void parseObjectRejectsNonObjects() {
    assertThat(Json.parseObject("[1]")).isNull();
    assertThat(Json.parseObject("\"s\"")).isNull();
  }

  /** Differential check against Jackson on random documents built from JSON fragments. */
  @Test
  void agreesWithJacksonOnRandomDocuments() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      String document = "{\"k\":" + randomValue(random, 0) + "}";
      Object expected = mapper.readValue(document, Object.class);
      assertThat(normalize(Json.parse(document))).as(document).isEqualTo(normalize(expected));
    }
  }

  @Test
  void neverThrowsOnRandomBytes() {
    Random random = new Random(7);
    for (int i = 0; i < 5000; i++) {
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      String text = "{" + new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
      Json.parse(text);
    }
  }

  @Test
  void writerEscapesEverythingJsonRequires() throws Exception {
    String value = "q\"b\\n\nr\rt\tc\u0001l\u2028";
    String json =
        new JsonWriter()
            .beginObject()
            .name("s")
            .value(value)
            .name("n")
            .value(3)
            .name("l")
            .values(Arrays.asList("a", "b"))
            .name("z")
            .value((String) null)
            .endObject()
            .toString();

    Map<?, ?> parsed = new ObjectMapper().readValue(json, Map.class);
    assertThat(parsed.get("s")).isEqualTo(value);
    assertThat(parsed.get("n")).isEqualTo(3);
    assertThat(parsed.get("l")).isEqualTo(Arrays.asList("a", "b"));
    assertThat(parsed.containsKey("z")).isTrue();
    assertThat(json).doesNotContain("\n").doesNotContain("\u2028");
  }

  private static String randomValue(Random random, int depth) {
    int choice = random.nextInt(depth > 4 ? 5 : 7);
    switch (choice) {
      case 0:
        return Long.toString(random.nextLong() >> random.nextInt(63));
      case 1:
        return Double.toString(random.nextGaussian() * 1e3);
      case 2:
        return random.nextBoolean() ? "true" : "false";
      case 3:
        return "null";
      case 4:
        return "\"" + randomString(random) + "\"";
      case 5:
        StringBuilder array = new StringBuilder("[");
        for (int i = random.nextInt(4); i > 0; i--) {
          array.append(randomValue(random, depth + 1)).append(i > 1 ? "," : "");
        }
        return array.append("]").toString();
      default:
        StringBuilder object = new StringBuilder("{");
        for (int i = random.nextInt(4); i > 0; i--) {
          object
              .append('"')
              .append(randomString(random))
              .append("\":")
              .append(randomValue(random, depth + 1))
              .append(i > 1 ? "," : "");
        }
        return object.append("}").toString();
    }
  }

  private static String randomString(Random random) {
    String[] pieces = {"a", "\\n", "\\\"", "\\u00e9", "\\ud83d\\ude00", " ", "\\\\", "z9", "\\/"};
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(5); i > 0; i--) {
      s.append(pieces[random.nextInt(pieces.length)]);
    }
    return s.toString();
  }

  /** Jackson yields Integer/BigInteger where we yield Long/Double; compare numbers by value. */
  private static Object normalize(Object value) {
    if (value instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) value).forEach((k, v) -> out.put(k, normalize(v)));
      return out;
    }
    if (value instanceof List) {
      return ((List<?>) value)
          .stream().map(JsonTest::normalize).collect(java.util.stream.Collectors.toList());
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    return value;
  }
}
