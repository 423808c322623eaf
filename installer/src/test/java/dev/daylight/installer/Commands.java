package dev.daylight.installer;

import dev.daylight.testing.Requires;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the system tools the packaging tests need, and skips a test when one is missing. */
final class Commands {
  private Commands() {}

  /** What a finished command left behind. */
  record Result(int exitCode, String stdout, String stderr) {
    Result ok() {
      if (exitCode != 0) {
        throw new AssertionError(
            "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
      }
      return this;
    }
  }

  static Result run(Duration timeout, Map<String, String> env, List<String> command) {
    try {
      Path out = Files.createTempFile("daylight-cmd", ".out");
      Path err = Files.createTempFile("daylight-cmd", ".err");
      try {
        ProcessBuilder pb =
            new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("timed out after " + timeout + ": " + command);
        }
        return new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Result run(String... command) {
    return run(Duration.ofMinutes(1), Map.of(), List.of(command));
  }

  static boolean onPath(String tool) {
    return Requires.find(tool).isPresent();
  }

  static void assumeTools(String why, String... tools) {
    for (String tool : tools) {
      Requires.onPath(
          tool, "skipped: " + why + " needs '" + tool + "' on PATH (.ci/run installs it)");
    }
  }

  static boolean linux() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux");
  }

  static boolean root() {
    return linux() && onPath("id") && run("id", "-u").stdout().trim().equals("0");
  }
}
