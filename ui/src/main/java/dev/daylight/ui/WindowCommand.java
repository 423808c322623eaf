package dev.daylight.ui;

import dev.daylight.agent.platform.Relaunch;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line that starts the window process: this JVM again, with its own options and class
 * path, on the launcher with {@code --window} (also in the Linux packages, whose runtime keeps its
 * {@code java}). In the macOS and Windows packages the runtime has no {@code java} binary (jlink
 * strips it) and this process runs under jpackage's native launcher, which applies its JVM options
 * itself: the window is then that launcher again.
 */
final class WindowCommand {
  private WindowCommand() {}

  static List<String> of(String mainClass, List<String> args) {
    // Read only when the window is first opened: the management classes are not loaded before.
    return command(
        Path.of(System.getProperty("java.home")),
        ProcessHandle.current().info().command(),
        ManagementFactory.getRuntimeMXBean().getInputArguments(),
        System.getProperty("java.class.path"),
        mainClass,
        args);
  }

  static List<String> command(
      Path javaHome,
      Optional<String> self,
      List<String> jvmOptions,
      String classPath,
      String mainClass,
      List<String> args) {
    List<String> cmd =
        new ArrayList<>(
            Relaunch.command(javaHome, self, jvmOptions, classPath, mainClass, "the window"));
    cmd.add("--window");
    cmd.addAll(args);
    return cmd;
  }
}
