package dev.daylight.agent.cli;

import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Whose files a scan reads: {@code scan}, {@code run} and the daemon's scan children share these
 * options, so an option added here reaches every scan the agent makes.
 */
final class ScanTarget {
  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "Scan this folder as a user's home instead of the current user's (reads nothing outside it).")
  Path home;

  @Option(
      names = "--os",
      paramLabel = "OS",
      converter = OsConverter.class,
      description = "Layout of the home: linux, macos or windows (default: this machine's).")
  Os os;

  @Option(
      names = "--depth",
      paramLabel = "N",
      defaultValue = "" + ScanContext.DEFAULT_WALK_DEPTH,
      description =
          "How many folder levels below the home to look for project configs (default: ${DEFAULT-VALUE}).")
  int depth = ScanContext.DEFAULT_WALK_DEPTH;

  @Option(
      names = "--all-users",
      description =
          "Scan every user's home on this machine, each as its own layout; servers and clients carry"
              + " the OS user (run as root/Administrator to read them all).")
  boolean allUsers;

  boolean machine() {
    return home == null && os == null;
  }

  /**
   * The machine's current user, or the given home laid out as the given OS; probes and store
   * allowed.
   */
  ScanContext context(CommandSpec spec) {
    if (depth < 0) {
      throw new ParameterException(spec.commandLine(), "--depth must be 0 or more");
    }
    if (allUsers && !machine()) {
      throw new ParameterException(
          spec.commandLine(), "--all-users scans this machine; it takes no --home or --os");
    }
    if (machine()) {
      return ScanContext.currentMachine().withWalkDepth(depth);
    }
    Layout machine = Layout.currentMachine();
    Path dir = home == null ? machine.home() : home.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "--home " + home + " is not a directory");
    }
    return new ScanContext(
        Layout.of(os == null ? machine.os() : os, dir),
        Map.of(),
        true,
        true,
        depth,
        Optional.empty(),
        Optional.empty());
  }

  static final class OsConverter implements ITypeConverter<Os> {
    @Override
    public Os convert(String value) {
      try {
        return Os.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
