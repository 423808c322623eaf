package dev.daylight.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * What a test needs from the machine (an X display, a tray host, PostgreSQL, Chromium, a command
 * line tool). Where it is missing the test is skipped with the message, which says what to install;
 * with {@value #ALL}{@code =1} in the environment (.ci/run sets it) the same test fails instead, so
 * a broken CI install fails the build rather than passing as skips. Only missing tools go through
 * here: a test that cannot apply on this machine (not Linux, not root) skips as before.
 */
public final class Requires {
  /** The environment variable that turns a missing tool into a failure. */
  public static final String ALL = "DAYLIGHT_TESTS_REQUIRE_ALL";

  private Requires() {}

  /** Skips the test (fails it under {@value #ALL}) unless {@code present}. */
  public static void that(boolean present, String missing) {
    that(all(), present, missing);
  }

  static void that(boolean requireAll, boolean present, String missing) {
    if (present) {
      return;
    }
    if (requireAll) {
      Assertions.fail(ALL + "=1 and a test's tool is missing: " + missing);
    }
    Assumptions.abort(missing);
  }

  /** The tool's path on PATH; skips the test (fails it under {@value #ALL}) where it is absent. */
  public static Path onPath(String tool, String missing) {
    Optional<Path> found = find(tool);
    that(found.isPresent(), missing);
    return found.orElseThrow();
  }

  /** Where {@code tool} is on PATH, if it is. */
  public static Optional<Path> find(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return Optional.of(Path.of(dir, tool));
      }
    }
    return Optional.empty();
  }

  /** Ends the test: skipped, or failed under {@value #ALL}. Returns only for {@code throw}. */
  public static RuntimeException missing(String missing) {
    that(false, missing);
    throw new IllegalStateException("unreachable");
  }

  /**
   * For an {@code ExecutionCondition}: enabled if {@code present}, else disabled with the message;
   * under {@value #ALL} it throws, which JUnit reports as the test's failure.
   */
  public static ConditionEvaluationResult enabledIf(boolean present, String missing) {
    return enabledIf(all(), present, missing);
  }

  static ConditionEvaluationResult enabledIf(boolean requireAll, boolean present, String missing) {
    if (present) {
      return ConditionEvaluationResult.enabled("present");
    }
    if (requireAll) {
      Assertions.fail(ALL + "=1 and a test's tool is missing: " + missing);
    }
    return ConditionEvaluationResult.disabled(missing);
  }

  static boolean all() {
    return "1".equals(System.getenv(ALL));
  }
}
