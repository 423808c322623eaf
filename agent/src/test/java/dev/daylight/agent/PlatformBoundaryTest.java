package dev.daylight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only {@code dev.daylight.agent.platform} may ask the JVM whose home this is or which OS it runs
 * on; everything else gets its roots from a Layout, which is what makes fake-home scans possible.
 */
class PlatformBoundaryTest {
  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "\"user\\.home\"|\"os\\.name\"|getenv\\(\"(APPDATA|LOCALAPPDATA|USERPROFILE|HOME|XDG_[A-Z_]+)\"\\)");

  @Test
  void onlyThePlatformPackageReadsHomeOsOrAppDataFromTheJvm() throws IOException {
    Path src = Path.of("src/main/java");
    // Surefire runs in the module folder: no sources there means the check would look at nothing.
    assertThat(src).as("sources from " + Path.of("").toAbsolutePath()).isDirectory();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(src)) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(
                  p -> !p.toString().replace('\\', '/').contains("dev/daylight/agent/platform/"))
              .filter(
                  p -> {
                    try {
                      return FORBIDDEN.matcher(Files.readString(p)).find();
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .map(Path::toString)
              .toList();
    }
    assertThat(offenders).isEmpty();
  }
}
