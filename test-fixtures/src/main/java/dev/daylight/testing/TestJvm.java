package dev.daylight.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command for a real child JVM on this test's class path: the agent's CLI or daemon, the tray's
 * window, a crash writer. Started with the options that make a short-lived JVM start quickly, as
 * the product's own children are.
 */
public final class TestJvm {
  /** The agent's entry point ({@code daylight}); named, not linked: fixtures know no product. */
  public static final String AGENT_MAIN = "dev.daylight.agent.cli.Main";

  /** What makes a short-lived JVM start quickly. */
  public static final List<String> QUICK = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private TestJvm() {}

  /** {@code daylight args...} in a JVM of its own. */
  public static List<String> agent(String... args) {
    return command(List.of(), AGENT_MAIN, List.of(args));
  }

  /** java, {@link #QUICK}, {@code jvmOptions}, this class path, {@code mainClass} and its args. */
  public static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(QUICK);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** This runtime's java binary. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
