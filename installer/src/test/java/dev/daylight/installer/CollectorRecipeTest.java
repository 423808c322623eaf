package dev.daylight.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The collector's container recipe and unit name the jar and lib/ folder the collector module
 * really builds, and its settings; there is no Docker engine here, so this is as far as it goes.
 */
class CollectorRecipeTest {
  private static final Path COLLECTOR = UnitFilesTest.PACKAGING.resolve("collector");

  @Test
  void dockerfileCopiesWhatTheCollectorModuleBuilds() throws IOException {
    Document pom = Xml.parse(Path.of("../collector/pom.xml"));
    String finalName = Xml.all(pom, "finalName").get(0).getTextContent().trim();
    assertThat(Xml.all(pom, "outputDirectory"))
        .extracting(e -> e.getTextContent().trim())
        .contains("${project.build.directory}/lib");
    List<String> lines = Files.readAllLines(COLLECTOR.resolve("Dockerfile"));
    assertThat(lines)
        .contains(
            "COPY --from=build /src/collector/target/"
                + finalName
                + ".jar /opt/daylight-collector/",
            "COPY --from=build /src/collector/target/lib/ /opt/daylight-collector/lib/",
            "USER daylight");
    String entrypoint =
        lines.stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
    assertThat(entrypoint)
        .contains("exec java")
        .contains("/opt/daylight-collector/" + finalName + ".jar")
        .doesNotContain("--enroll-secret")
        .doesNotContain("--admin-token");
    assertThat(lines.stream().filter(l -> l.startsWith("FROM"))).hasSize(2);
  }

  /**
   * The service and the image run the collector with the options the development launcher and the
   * benchmark use (the collector= line of scripts/jvm-options): the figures measured are the ones
   * shipped.
   */
  @Test
  void serviceAndImageRunTheBenchmarkedJvmOptions() throws IOException {
    String options =
        Files.readAllLines(Path.of("../scripts/jvm-options")).stream()
            .filter(l -> l.startsWith("collector="))
            .map(l -> l.substring("collector=".length()))
            .findFirst()
            .orElseThrow();
    assertThat(options).contains("-XX:+Use");
    Map<String, String> service =
        UnitFilesTest.section(COLLECTOR.resolve("daylight-collector.service"), "Service");
    assertThat(service.get("ExecStart")).startsWith("/usr/bin/java " + options + " -jar ");
    assertThat(Files.readString(COLLECTOR.resolve("Dockerfile")))
        .contains("JAVA_OPTS=\"" + options + " ");
  }

  /** A PostgreSQL spec may hold a password: it reaches the collector as $DAYLIGHT_DB, not in ps. */
  @Test
  void theDatabaseSpecStaysOffTheCommandLine() throws IOException {
    Map<String, String> service =
        UnitFilesTest.section(COLLECTOR.resolve("daylight-collector.service"), "Service");
    String entrypoint =
        Files.readAllLines(COLLECTOR.resolve("Dockerfile")).stream()
            .filter(l -> l.startsWith("ENTRYPOINT"))
            .findFirst()
            .orElseThrow();
    for (String command : List.of(service.get("ExecStart"), entrypoint)) {
      assertThat(command).doesNotContain("--db").doesNotContain("DAYLIGHT_DB");
    }
  }

  @Test
  void unitRunsTheJarWithTheSettingsOfItsEnvironmentFile() throws IOException {
    Map<String, String> service =
        UnitFilesTest.section(COLLECTOR.resolve("daylight-collector.service"), "Service");
    assertThat(service.get("ExecStart"))
        .startsWith("/usr/bin/java ")
        .contains("-jar /opt/daylight-collector/daylight-collector.jar")
        // The collector reads both secrets from its environment; on the command line they would
        // show in ps.
        .doesNotContain("--enroll-secret")
        .doesNotContain("--admin-token");
    assertThat(service)
        .containsEntry("EnvironmentFile", "/etc/daylight-collector/collector.env")
        .containsEntry("DynamicUser", "yes")
        .containsEntry("SuccessExitStatus", "143");
    String env = Files.readString(COLLECTOR.resolve("collector.env.example"));
    for (String name :
        List.of("DAYLIGHT_ENROLL_SECRET", "DAYLIGHT_ADMIN_TOKEN", "DAYLIGHT_DB", "DAYLIGHT_PORT")) {
      assertThat(env).contains(name + "=");
    }
  }
}
