package dev.daylight.agent.cli;

import dev.daylight.agent.assess.RuleConfig;
import dev.daylight.agent.pipeline.JudgedScanner;
import dev.daylight.agent.pipeline.Scanner;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The judging half of {@code scan}: what is installed, which AI apps are present, and the rules
 * with offline intel (bundled snapshot, then {@code intel import}ed records, then {@code --intel}).
 */
final class JudgeOptions {
  @Option(
      names = "--intel",
      paramLabel = "PATH",
      description =
          "Extra OSV records for this scan: a directory of OSV JSON, an OSV export zip,"
              + " a JSON or compact file (repeatable).")
  List<Path> intel = new ArrayList<>();

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      converter = SeverityConverter.class,
      description =
          "Exit 1 when any finding is this severe or worse: critical, high, medium, low, info.")
  Severity failOn;

  @Option(
      names = "--disable-rule",
      paramLabel = "ID",
      description = "Switch a rule off (repeatable), e.g. unpinned-package.")
  List<String> disabledRules = new ArrayList<>();

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description =
          "Rule settings: a properties file with 'disable = id, id' and 'severity.<id> = level'.")
  Path rulesFile;

  /** Discovery, then installed packages, AI apps and, last, the rules. */
  Scanner scanner(Path stateDir) throws IOException {
    RuleConfig config =
        (rulesFile == null ? RuleConfig.defaults() : RuleConfig.load(rulesFile))
            .withDisabled(disabledRules);
    return JudgedScanner.create(stateDir, intel, config);
  }

  int exitCode(Inventory inventory) {
    boolean fail =
        failOn != null && inventory.findings().stream().anyMatch(f -> f.severity().atLeast(failOn));
    return fail ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  static final class SeverityConverter implements ITypeConverter<Severity> {
    @Override
    public Severity convert(String value) {
      try {
        return Severity.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "unknown severity '" + value + "' (critical, high, medium, low, info)");
      }
    }
  }
}
