package dev.daylight.agent.cli;

import dev.daylight.agent.fingerprint.Fingerprint;
import dev.daylight.agent.fingerprint.Fingerprinter;
import dev.daylight.agent.release.ReleaseReview;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "review-release",
    mixinStandardHelpOptions = true,
    description =
        "Compares two unpacked versions of one package (npm tarballs, Python sdists or wheels) and prints"
            + " what the new one adds that can hurt: destinations, install hooks, process execution, dynamic code,"
            + " network clients and listeners, credential reads, file writes, dependencies, obfuscation."
            + " Nothing in either folder is executed. Evidence files are relative to NEW_DIR.")
final class ReviewReleaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "OLD_DIR",
      description = "The version trusted so far, unpacked.")
  Path oldDir;

  @Parameters(index = "1", paramLabel = "NEW_DIR", description = "The new version, unpacked.")
  Path newDir;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      converter = JudgeOptions.SeverityConverter.class,
      description =
          "Exit 1 when any finding is this severe or worse: critical, high, medium, low, info.")
  Severity failOn;

  @Override
  public Integer call() throws Exception {
    for (Path d : List.of(oldDir, newDir)) {
      if (!Files.isDirectory(d)) {
        throw new ParameterException(spec.commandLine(), d + " is not a directory");
      }
    }
    Fingerprinter f = new Fingerprinter();
    Fingerprint from = f.ofDirectory(oldDir);
    Fingerprint to = f.ofDirectory(newDir);
    String pkg =
        purl(to.ecosystem(), to.name() != null ? to.name() : newDir.getFileName().toString());
    String toVersion = to.version() != null ? to.version() : newDir.getFileName().toString();
    Fingerprint named =
        new Fingerprint(
            to.ecosystem(),
            to.name(),
            toVersion,
            to.root(),
            to.files(),
            to.indicators(),
            to.skipped(),
            to.unreadable());
    List<Finding> findings = ReleaseReview.compare(pkg, from, named, null, true);
    ReleasePrint.print(
        spec.commandLine().getOut(), format, pkg, from.version(), toVersion, findings);
    for (Fingerprint.Skipped s : to.skipped()) {
      spec.commandLine().getErr().println("skipped " + s.path() + ": " + s.reason());
    }
    boolean fail = failOn != null && findings.stream().anyMatch(x -> x.severity().atLeast(failOn));
    return fail ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  static String purl(String ecosystem, String name) {
    if ("npm".equals(ecosystem)) {
      return "pkg:npm/" + (name.startsWith("@") ? "%40" + name.substring(1) : name);
    }
    return "pkg:pypi/" + name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
  }
}
