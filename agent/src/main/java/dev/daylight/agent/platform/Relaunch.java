package dev.daylight.agent.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * This JVM started again on a main class: the runtime's {@code java} binary with JVM options, class
 * path and main class, as in a source checkout and the Linux packages (whose commands are scripts
 * over the runtime's {@code java}). In the macOS and Windows packages the runtime has no {@code
 * java} binary (jlink strips it) and the process runs under jpackage's native launcher, which
 * applies its own JVM options: the new process is then that launcher. The agent's scan children and
 * the tray's window start this way.
 */
public final class Relaunch {
  private Relaunch() {}

  /**
   * The command up to the main class's own arguments.
   *
   * @param launcher the native launcher to start when the runtime has no {@code java} binary
   * @param what what is started, for the error when neither exists
   */
  public static List<String> command(
      Path javaHome,
      Optional<String> launcher,
      List<String> jvmOptions,
      String classPath,
      String mainClass,
      String what) {
    List<String> cmd = new ArrayList<>();
    Path java = javaHome.resolve("bin").resolve("java");
    if (!Files.isRegularFile(java)) {
      java = javaHome.resolve("bin").resolve("java.exe");
    }
    if (Files.isRegularFile(java) && Files.isExecutable(java)) {
      cmd.add(java.toString());
      cmd.addAll(jvmOptions);
      cmd.add("-cp");
      cmd.add(classPath);
      cmd.add(mainClass);
    } else {
      cmd.add(
          launcher.orElseThrow(
              () ->
                  new IllegalStateException(
                      "no java binary in "
                          + javaHome
                          + " and no command line of this process to start "
                          + what
                          + " with")));
    }
    return cmd;
  }
}
