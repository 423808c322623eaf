package dev.daylight.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/** The macOS launchd plists and managed preferences, checked the way plutil -lint would. */
class PlistFilesTest {
  private static final Path MAC = UnitFilesTest.PACKAGING.resolve("macos/share");
  private static final String AGENT = "/Applications/daylight.app/Contents/MacOS/daylight";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dev.daylight.agent.plist",
        "dev.daylight.agent.user.plist",
        "dev.daylight.tray.plist",
        "dev.daylight.agent.managed.plist"
      })
  void plistsAreWellFormedPropertyLists(String name) {
    Path file = MAC.resolve(name);
    Map<String, Object> plist = read(file);
    assertThat(plist).isNotEmpty();
    if (Commands.onPath("plutil")) {
      Commands.run("plutil", "-lint", file.toString()).ok();
    }
  }

  @Test
  void launchDaemonRunsTheAgentForAllUsersAtBoot() {
    Map<String, Object> daemon = read(MAC.resolve("dev.daylight.agent.plist"));
    assertThat(daemon)
        .containsEntry("Label", "dev.daylight.agent")
        .containsEntry("RunAtLoad", true);
    assertThat(daemon.get("ProgramArguments"))
        .isEqualTo(List.of(AGENT + "-agentd", "run", "--all-users"));
    assertThat(daemon.get("KeepAlive")).isEqualTo(Map.of("SuccessfulExit", false));
    assertThat(daemon.get("EnvironmentVariables"))
        .isEqualTo(Map.of("DAYLIGHT_STATE_DIR", "/Library/Application Support/Daylight/state"));
    assertThat(daemon.get("Umask")).as("0077: files only root reads").isEqualTo(63);
  }

  @Test
  void launchAgentsStartTheTrayAndTheSingleUserAgentAtLogin() {
    Map<String, Object> tray = read(MAC.resolve("dev.daylight.tray.plist"));
    assertThat(tray)
        .containsEntry("Label", "dev.daylight.tray")
        .containsEntry("LimitLoadToSessionType", "Aqua")
        .containsEntry("RunAtLoad", true);
    assertThat(tray.get("ProgramArguments")).isEqualTo(List.of(AGENT + "-tray"));
    Map<String, Object> user = read(MAC.resolve("dev.daylight.agent.user.plist"));
    assertThat(user.get("ProgramArguments")).isEqualTo(List.of(AGENT + "-agentd", "run"));
  }

  @Test
  void postinstallInstallsEveryPlistItNames() throws Exception {
    String postinstall =
        Files.readString(UnitFilesTest.PACKAGING.resolve("macos/resources/postinstall"));
    assertThat(postinstall)
        .contains("$SHARE/dev.daylight.agent.plist\" /Library/LaunchDaemons/")
        .contains("$SHARE/dev.daylight.tray.plist\" /Library/LaunchAgents/")
        .contains("launchctl bootstrap system /Library/LaunchDaemons/dev.daylight.agent.plist");
  }

  /** A property list as Java values: dict, array, string, integer, true/false. */
  static Map<String, Object> read(Path file) {
    Element root = Xml.parse(file).getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("plist");
    List<Element> top = Xml.children(root);
    assertThat(top).as("one top-level value").hasSize(1);
    Object value = value(top.get(0));
    assertThat(value).as("top-level dict").isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> dict = (Map<String, Object>) value;
    return dict;
  }

  private static Object value(Element e) {
    return switch (e.getTagName()) {
      case "dict" -> dict(e);
      case "array" -> Xml.children(e).stream().map(PlistFilesTest::value).toList();
      case "string" -> e.getTextContent();
      case "integer" -> Integer.parseInt(e.getTextContent().trim());
      case "true" -> true;
      case "false" -> false;
      default -> throw new AssertionError("unexpected plist element <" + e.getTagName() + ">");
    };
  }

  private static Map<String, Object> dict(Element e) {
    List<Element> kids = Xml.children(e);
    assertThat(kids.size() % 2).as("dict alternates <key> and value").isZero();
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < kids.size(); i += 2) {
      assertThat(kids.get(i).getTagName()).isEqualTo("key");
      String key = kids.get(i).getTextContent();
      assertThat(out).as("duplicate key " + key).doesNotContainKey(key);
      out.put(key, value(kids.get(i + 1)));
    }
    return out;
  }
}
