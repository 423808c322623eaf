package dev.daylight.agent.cli;

import dev.daylight.agent.assess.JudgedScanner;
import dev.daylight.agent.assess.RuleConfig;
import dev.daylight.agent.scan.Scanner;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The judging half of {@code scan}: what is installed, which AI apps are present, and the rules
 * with offline intel (bundled snapshot, then {@code intel import}ed records, then {@code --intel}).
 */
final class JudgeOptions {
  // The options' texts, shared by the annotations (for `run`) and the coded model of `scan`.
  static final String INTEL = "Extra OSV records for this scan: a directory of OSV JSON, an OSV export zip,"
      + " a JSON or compact file (repeatable).";
  static final String FAIL_ON = "Exit 1 when any finding is this severe or worse: critical, high, medium, low, info.";
  static final String DISABLE_RULE = "Switch a rule off (repeatable), e.g. unpinned-package.";
  static final String RULES = "Rule settings: a properties file with 'disable = id, id' and 'severity.<id> = level'.";

  @Option(names = "--intel", paramLabel = "PATH", description = INTEL)
  List<Path> intel = new ArrayList<>();

  @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = SeverityConverter.class, description = FAIL_ON)
  Severity failOn;

  @Option(names = "--disable-rule", paramLabel = "ID", description = DISABLE_RULE)
  List<String> disabledRules = new ArrayList<>();

  @Option(names = "--rules", paramLabel = "FILE", description = RULES)
  Path rulesFile;

  /** These options, as the annotations above declare them, for a command whose model is coded. */
  void addTo(CommandSpec spec) {
    spec.addOption(CodedSpec.option("--intel", "PATH", List.class, INTEL, () -> intel, v -> intel = v)
        .auxiliaryTypes(Path.class).build());
    spec.addOption(CodedSpec.option("--fail-on", "SEVERITY", Severity.class, FAIL_ON, () -> failOn, v -> failOn = v)
        .converters(new SeverityConverter()).build());
    spec.addOption(CodedSpec.option("--disable-rule", "ID", List.class, DISABLE_RULE, () -> disabledRules,
        v -> disabledRules = v).auxiliaryTypes(String.class).build());
    spec.addOption(CodedSpec.option("--rules", "FILE", Path.class, RULES, () -> rulesFile, v -> rulesFile = v).build());
  }

  /** Discovery, then installed packages, AI apps and, last, the rules. */
  Scanner scanner(Path stateDir) throws IOException {
    RuleConfig config = (rulesFile == null ? RuleConfig.defaults() : RuleConfig.load(rulesFile))
        .withDisabled(disabledRules);
    return JudgedScanner.create(stateDir, intel, config);
  }

  int exitCode(Inventory inventory) {
    boolean fail = failOn != null && inventory.findings().stream().anyMatch(f -> f.severity().atLeast(failOn));
    return fail ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  static final class SeverityConverter implements ITypeConverter<Severity> {
    @Override
    public Severity convert(String value) {
      try {
        return Severity.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("unknown severity '" + value + "' (critical, high, medium, low, info)");
      }
    }
  }
}
