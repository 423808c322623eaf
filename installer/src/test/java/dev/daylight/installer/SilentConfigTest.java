package dev.daylight.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.managed.ManagedConfig;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * What each installer writes is what the agent's config loader reads: the keys agree on every OS.
 */
class SilentConfigTest {
  private static final Path PACKAGING = UnitFilesTest.PACKAGING;

  @TempDir Path tmp;

  @Test
  void theShippedExamplesAreReadByTheAgent() {
    for (String example :
        new String[] {
          "linux/share/agent.conf.example",
          "windows/share/agent.conf.example",
          "macos/share/dev.daylight.agent.managed.plist"
        }) {
      ManagedConfig config = load(PACKAGING.resolve(example));
      assertThat(config.collector())
          .as(example)
          .contains(URI.create("https://daylight.example.com"));
      assertThat(config.enrollSecret()).as(example).contains("change-me");
    }
  }

  @Test
  void theIniTheMsiWritesFromItsPropertiesIsReadByTheAgent() throws IOException {
    Map<String, String> properties =
        Map.of(
            "[DAYLIGHT_COLLECTOR]",
            "https://collector.corp:8443",
            "[DAYLIGHT_ENROLL_SECRET]",
            "msi-secret");
    // MSI's WriteIniValues: a [section] header, then key=value lines with CRLF.
    String ini =
        Xml.all(Xml.parse(PACKAGING.resolve("windows/resources/main.wxs")), "IniFile").stream()
            .collect(
                Collectors.groupingBy(
                    (Element e) -> e.getAttribute("Section"),
                    Collectors.mapping(
                        e -> e.getAttribute("Key") + "=" + properties.get(e.getAttribute("Value")),
                        Collectors.joining("\r\n"))))
            .entrySet()
            .stream()
            .map(s -> "[" + s.getKey() + "]\r\n" + s.getValue() + "\r\n")
            .collect(Collectors.joining());
    ManagedConfig config = load(Files.writeString(tmp.resolve("agent.conf"), ini));
    assertThat(config.collector()).contains(URI.create("https://collector.corp:8443"));
    assertThat(config.enrollSecret()).contains("msi-secret");
  }

  @Test
  void theFileTheDebAndRpmWriteFromTheEnvironmentIsReadByTheAgent() throws IOException {
    // integrate.sh's write_config run for real, with its target folder moved into the temp dir.
    Commands.assumeTools("running shell scripts", "sh");
    String script = Files.readString(PACKAGING.resolve("linux/share/integrate.sh"));
    String writeConfig =
        script.substring(script.indexOf("write_config() {"), script.indexOf("install_files() {"));
    String say =
        script.substring(
            script.indexOf("say() {"), script.indexOf('\n', script.indexOf("say() {")));
    Path conf = tmp.resolve("etc/agent.conf");
    String secret = "back\\slash -n $not-expanded";
    String said =
        Commands.run(
                java.time.Duration.ofSeconds(30),
                Map.of(
                    "DAYLIGHT_COLLECTOR",
                    "https://c.corp",
                    "DAYLIGHT_ENROLL_SECRET",
                    secret,
                    "DAYLIGHT_PIN",
                    "sha256/AAAA"),
                java.util.List.of(
                    "sh",
                    "-c",
                    "set -e; CONF_DIR='"
                        + conf.getParent()
                        + "'; SHARE='"
                        + PACKAGING.resolve("linux/share").toAbsolutePath()
                        + "'\n"
                        + say
                        + "\n"
                        + writeConfig.replace("chown root:root", "true")
                        + "\nwrite_config"))
            .ok()
            .stdout();
    assertThat(said)
        .contains("daylight: wrote " + conf + " (collector https://c.corp)")
        .doesNotContain("slash");
    ManagedConfig config = load(conf);
    assertThat(config.pin()).contains("sha256/AAAA");
    assertThat(config.collector()).contains(URI.create("https://c.corp"));
    assertThat(config.enrollSecret()).contains(secret);
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(conf)))
        .isEqualTo("rw-------");
  }

  static ManagedConfig load(Path file) {
    return ManagedConfig.load(
        Layout.of(Os.LINUX, Path.of("/nonexistent-home")),
        Map.of(ManagedConfig.OVERRIDE_ENV, file.toAbsolutePath().toString()));
  }
}
