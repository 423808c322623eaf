package dev.daylight.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The installed Linux commands: sh scripts that exec the bundled runtime's java with the options of
 * scripts/jvm-options, instead of jpackage's launcher, which asked rpm and dpkg who owns it on
 * every start (about 170 ms before the JVM started).
 */
final class InstalledLaunchers {
  static final Path APP = Path.of("/opt/daylight");
  static final Path JAVA = APP.resolve("lib/runtime/bin/java");
  static final Path ARCHIVE = APP.resolve("lib/app/daylight.jsa");
  private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=" + ARCHIVE;
  private static final Path SQLITE = APP.resolve("lib/native/libsqlitejdbc.so");
  private static final String SQLITE_OPTION = "-Dorg.sqlite.lib.path=" + SQLITE.getParent();

  private InstalledLaunchers() {}

  /**
   * Each command is a script ending in {@code exec} of the runtime's java (which the runtime keeps,
   * alone of the JDK's commands) with its kind's options from scripts/jvm-options; nothing of
   * jpackage's launcher is left. The agent's commands share one class path, the one the archive
   * holds, and the resident hands its children the scan's options with the archive.
   */
  static void checkScripts() throws IOException {
    try (Stream<Path> bin = Files.list(JAVA.getParent())) {
      assertThat(bin.map(p -> p.getFileName().toString())).containsExactly("java");
    }
    assertThat(APP.resolve("lib/libapplauncher.so")).doesNotExist();
    assertThat(SQLITE).isRegularFile();
    try (Stream<Path> app = Files.list(APP.resolve("lib/app"))) {
      assertThat(app).noneMatch(p -> p.toString().endsWith(".cfg"));
    }
    List<String> scan = exec("daylight");
    assertThat(scan)
        .containsSubsequence(scriptOptions("scan"))
        .contains(ARCHIVE_OPTION, "-XX:ArchiveRelocationMode=0", SQLITE_OPTION)
        .doesNotContain("-Xint", "-Xmx32m");
    // The trainer runs bin/daylight's command listing the classes it loads, then dumps a static
    // archive of them (which, unlike one dumped at exit, holds picocli's Java 5 classes).
    List<String> trainer = Files.readAllLines(APP.resolve("bin/daylight-train"));
    List<String> train = words(trainer, "-XX:DumpLoadedClassList=");
    assertThat(train)
        .containsSubsequence(scriptOptions("scan"))
        .contains(SQLITE_OPTION, "dev.daylight.agent.cli.Main", "\"$@\"")
        .doesNotContain(ARCHIVE_OPTION);
    List<String> dump = words(trainer, "-Xshare:dump");
    assertThat(dump)
        .contains(
            "-XX:SharedClassListFile=\"$work/classes\"",
            "-XX:SharedArchiveFile=" + ARCHIVE + ".new");
    assertThat(classPath(dump)).isEqualTo(classPath(scan));
    assertThat(trainer).contains("mv -f " + ARCHIVE + ".new " + ARCHIVE);
    List<String> resident = exec("daylight-agentd");
    assertThat(resident)
        .containsSubsequence(scriptOptions("resident"))
        .doesNotContain("-XX:TieredStopAtLevel=1");
    assertThat(Files.readString(APP.resolve("bin/daylight-agentd")))
        .contains(
            "DAYLIGHT_CHILD_JAVA_OPTS=${DAYLIGHT_CHILD_JAVA_OPTS:-"
                + String.join(" ", options(scan)))
        .contains("export DAYLIGHT_CHILD_JAVA_OPTS");
    assertThat(classPath(train)).isEqualTo(classPath(scan)).isEqualTo(classPath(resident));
    assertThat(classPath(scan)).startsWith(APP.resolve("lib/app/daylight-agent.jar") + ":");
    if (Files.exists(APP.resolve("bin/daylight-tray"))) {
      // Both tray processes (the icon, and the window it starts the same way) run with these.
      assertThat(exec("daylight-tray"))
          .containsSubsequence(scriptOptions("tray"))
          .contains(SQLITE_OPTION, "dev.daylight.ui.Launcher");
    }
  }

  /**
   * The installed command runs without asking a package manager: `dpkg` and `rpm` first on PATH
   * note each call (jpackage's launcher ran them through sh, so PATH decides which ones run).
   *
   * @param scan the installed command and a scan's arguments
   */
  static void checkAsksNoPackageManager(Path tmp, List<String> scan) throws IOException {
    Path tripwires = Files.createDirectories(tmp.resolve("tripwires"));
    Path calls = tmp.resolve("package-manager-calls");
    for (String tool : List.of("dpkg", "rpm", "dpkg-query")) {
      Path t = tripwires.resolve(tool);
      Files.writeString(t, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + calls + "'\nexit 1\n");
      assertThat(t.toFile().setExecutable(true)).isTrue();
    }
    Map<String, String> env = Map.of("PATH", tripwires + ":" + System.getenv("PATH"));
    Commands.run(Duration.ofMinutes(1), env, List.of(scan.get(0), "--version")).ok();
    Commands.run(Duration.ofMinutes(1), env, scan).ok();
    assertThat(calls).as("package managers asked by the installed command").doesNotExist();
  }

  /** The words of a command's {@code exec} line, without {@code exec} and {@code "$@"}. */
  private static List<String> exec(String command) throws IOException {
    Path script = APP.resolve("bin").resolve(command);
    assertThat(script).isExecutable();
    List<String> lines = Files.readAllLines(script);
    assertThat(lines.get(0)).as(command + " is a script").isEqualTo("#!/bin/sh");
    String last = lines.get(lines.size() - 1);
    assertThat(last).startsWith("exec " + JAVA + " ").endsWith(" \"$@\"");
    List<String> words = List.of(last.split(" "));
    return words.subList(1, words.size() - 1);
  }

  /**
   * The words of the one line of {@code script} that runs the runtime's java with {@code option}.
   */
  private static List<String> words(List<String> script, String option) {
    List<String> lines =
        script.stream().filter(l -> l.startsWith(JAVA + " ") && l.contains(option)).toList();
    assertThat(lines).as("lines running java with " + option).hasSize(1);
    return List.of(lines.get(0).split(" "));
  }

  /** The JVM options of an exec line: the words between java and -cp. */
  private static List<String> options(List<String> exec) {
    return exec.subList(1, exec.indexOf("-cp"));
  }

  private static String classPath(List<String> exec) {
    return exec.get(exec.indexOf("-cp") + 1);
  }

  static List<String> scriptOptions(String kind) throws IOException {
    String prefix = kind + "=";
    List<String> opts =
        Files.readAllLines(Path.of("../scripts/jvm-options")).stream()
            .filter(l -> l.startsWith(prefix))
            .flatMap(l -> List.of(l.substring(prefix.length()).trim().split("\\s+")).stream())
            .toList();
    assertThat(opts).as(kind + " options in scripts/jvm-options").isNotEmpty();
    return opts;
  }
}
