package dev.agentworker.otel.javaagent;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.agentworker.otel.process.ProcessStartHook;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Advises the private {@code ProcessBuilder.start(Redirect[])} (JDK 9+), through which {@code
 * start()}, {@code startPipeline()} and {@code Runtime.exec} all pass.
 */
public class ProcessBuilderInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("java.lang.ProcessBuilder");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("start").and(isPrivate()).and(takesArguments(1)),
        getClass().getName() + "$StartAdvice");
  }

  @SuppressWarnings("unused")
  public static class StartAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object onEnter(@Advice.This ProcessBuilder builder) {
      return ProcessStartHook.before(builder);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    @Advice.AssignReturned.ToReturned
    public static Process onExit(
        @Advice.This ProcessBuilder builder,
        @Advice.Enter Object state,
        @Advice.Return Process process,
        @Advice.Thrown Throwable thrown) {
      // after() returns `process` itself for anything it does not observe, and on any failure.
      return ProcessStartHook.after(state, builder, process, thrown);
    }
  }
}
