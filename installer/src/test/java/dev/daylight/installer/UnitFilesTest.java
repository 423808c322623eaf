package dev.daylight.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Linux unit files, autostart entry and maintainer scripts, checked as systemd and sh read
 * them.
 */
class UnitFilesTest {
  static final Path PACKAGING = Path.of("src/main/packaging");
  private static final Path LINUX = PACKAGING.resolve("linux/share");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(
      strings = {"linux/share/daylight-agent.service", "collector/daylight-collector.service"})
  void systemUnitsVerify(String unit) throws IOException {
    Commands.assumeTools("verifying unit files", "systemd-analyze");
    assertVerifies(withExistingProgram(PACKAGING.resolve(unit)), false);
  }

  @Test
  void userUnitVerifies() throws IOException {
    Commands.assumeTools("verifying unit files", "systemd-analyze");
    assertVerifies(withExistingProgram(LINUX.resolve("daylight-agent.user.service")), true);
  }

  @Test
  void machineServiceScansEveryUserAndWritesOnlyItsState() throws IOException {
    Map<String, String> service = section(LINUX.resolve("daylight-agent.service"), "Service");
    assertThat(service.get("ExecStart"))
        .isEqualTo("/opt/daylight/bin/daylight-agentd run --all-users");
    assertThat(service.get("Environment")).isEqualTo("DAYLIGHT_STATE_DIR=/var/lib/daylight");
    assertThat(service.get("ProtectHome")).isEqualTo("read-only");
    assertThat(service.get("ReadWritePaths")).isEqualTo("/var/lib/daylight");
    assertThat(section(LINUX.resolve("daylight-agent.user.service"), "Service").get("ExecStart"))
        .as("the resident launcher, with its own small JVM options")
        .isEqualTo("/opt/daylight/bin/daylight-agentd run");
    assertThat(section(LINUX.resolve("daylight-agent.service"), "Install").get("WantedBy"))
        .isEqualTo("multi-user.target");
    assertThat(section(LINUX.resolve("daylight-agent.user.service"), "Install").get("WantedBy"))
        .isEqualTo("default.target");
  }

  @Test
  void trayAutostartEntryIsAValidDesktopEntry() throws IOException {
    Path entry = LINUX.resolve("daylight-tray.desktop");
    Map<String, String> desktop = section(entry, "Desktop Entry");
    assertThat(desktop)
        .containsEntry("Type", "Application")
        .containsEntry("Exec", "/opt/daylight/bin/daylight-tray")
        .containsEntry("Terminal", "false")
        .containsKey("Name");
    if (Commands.onPath("desktop-file-validate")) {
      Commands.run("desktop-file-validate", entry.toString()).ok();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "linux/deb/postinst",
        "linux/deb/prerm",
        "linux/deb/postrm",
        "linux/share/integrate.sh",
        "macos/resources/postinstall",
        "macos/resources/preinstall",
        "macos/share/uninstall.sh"
      })
  void maintainerScriptsParseAndAreExecutable(String script) {
    Commands.assumeTools("parsing shell scripts", "sh");
    Path file = PACKAGING.resolve(script);
    assertThat(Files.isExecutable(file)).as(script + " executable").isTrue();
    Commands.run("sh", "-n", file.toString()).ok();
  }

  @Test
  void integrateScriptRefusesUnknownActions() {
    Commands.assumeTools("running shell scripts", "sh");
    Commands.Result result = Commands.run("sh", LINUX.resolve("integrate.sh").toString(), "bogus");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("usage: integrate.sh");
  }

  /** systemd-analyze verify, which also checks the program exists: it must print nothing. */
  static void assertVerifies(Path unit, boolean user) throws IOException {
    List<String> cmd =
        user
            ? List.of("systemd-analyze", "--user", "verify", unit.toString())
            : List.of("systemd-analyze", "verify", unit.toString());
    Map<String, String> env = new LinkedHashMap<>();
    if (user) {
      // Without a login session the user manager has no runtime directory; give it one.
      Path runtime = Files.createTempDirectory("daylight-xdg");
      env.put("XDG_RUNTIME_DIR", runtime.toString());
    }
    Commands.Result result = Commands.run(Duration.ofMinutes(1), env, cmd);
    assertThat(result.stdout() + result.stderr()).as("systemd-analyze verify " + unit).isEmpty();
    assertThat(result.exitCode()).isZero();
  }

  /** A copy of the unit whose program is one that exists here, so verify checks everything else. */
  private Path withExistingProgram(Path unit) throws IOException {
    Path copy = tmp.resolve(unit.getFileName().toString().replace(".user.", "."));
    String text =
        Files.readString(unit)
            .replace("/opt/daylight/bin/daylight-agentd", "/bin/true")
            .replace("/opt/daylight/bin/daylight", "/bin/true")
            .replace("/usr/bin/java", "/bin/true");
    Files.writeString(copy, text);
    return copy;
  }

  /** Key-value pairs of one [section] of a unit or desktop file; a repeated key keeps the last. */
  static Map<String, String> section(Path file, String name) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    String current = null;
    for (String line : Files.readAllLines(file)) {
      String t = line.strip();
      if (t.startsWith("[") && t.endsWith("]")) {
        current = t.substring(1, t.length() - 1);
      } else if (name.equals(current) && !t.isEmpty() && !t.startsWith("#") && t.contains("=")) {
        values.put(t.substring(0, t.indexOf('=')).strip(), t.substring(t.indexOf('=') + 1).strip());
      }
    }
    return values;
  }
}
