package dev.agentworker.otel.javaagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The helper list must name every injected class, supertypes before subtypes. */
class HelperClassesTest {

  @Test
  void listsEveryCompiledHelperClass() throws Exception {
    assertThat(HelperClasses.NAMES).containsExactlyInAnyOrderElementsOf(compiledHelperClasses());
  }

  @Test
  void supertypesComeFirst() throws Exception {
    List<String> names = HelperClasses.NAMES;
    for (String name : names) {
      Class<?> type = Class.forName(name, false, getClass().getClassLoader());
      List<Class<?>> supertypes = new ArrayList<>(List.of(type.getInterfaces()));
      if (type.getSuperclass() != null) {
        supertypes.add(type.getSuperclass());
      }
      for (Class<?> supertype : supertypes) {
        if (HelperClasses.isHelper(supertype.getName())) {
          assertThat(names.indexOf(supertype.getName()))
              .as("%s before %s", supertype.getName(), name)
              .isLessThan(names.indexOf(name));
        }
      }
    }
  }

  @Test
  void moduleClassesAreNotHelpers() {
    assertThat(HelperClasses.isHelper(AgentCliInstrumentationModule.class.getName())).isFalse();
    assertThat(HelperClasses.isHelper("dev.agentworker.otel.process.QueryRun")).isTrue();
  }

  private static List<String> compiledHelperClasses() throws IOException, URISyntaxException {
    Path classes =
        Paths.get(HelperClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(path -> path.toString().endsWith(".class"))
          .map(path -> classes.relativize(path).toString())
          .map(path -> path.substring(0, path.length() - ".class".length()).replace('/', '.'))
          .filter(HelperClasses::isHelper)
          .collect(Collectors.toList());
    }
  }
}
