package dev.daylight.agent.cli;

import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments {@code daylight run} gives its scan children, as {@code --name=value} words: what
 * the resident parsed with picocli, passed on in a form the child reads without it (picocli's
 * start-up is a third of a child's). {@link RunCommand#childArgs} writes them.
 */
record ChildArgs(String mode, String reason, boolean hold, Path stateDir, Path home, Os os,
    boolean allUsers, String logLevel, List<Path> intel, List<String> disabledRules, Path rulesFile) {

  static ChildArgs parse(String... args) {
    String mode = null;
    String reason = "";
    boolean hold = false;
    Path stateDir = null;
    Path home = null;
    Os os = null;
    boolean allUsers = false;
    String logLevel = "INFO";
    List<Path> intel = new ArrayList<>();
    List<String> disabled = new ArrayList<>();
    Path rules = null;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String value = eq < 0 ? null : arg.substring(eq + 1);
      switch (name) {
        case "--child" -> mode = required(name, value);
        case "--reason" -> reason = required(name, value);
        case "--hold" -> hold = true;
        case "--state-dir" -> stateDir = Path.of(required(name, value));
        case "--home" -> home = Path.of(required(name, value));
        case "--os" -> os = Os.parse(required(name, value));
        case "--all-users" -> allUsers = true;
        case "--log-level" -> logLevel = required(name, value);
        case "--intel" -> intel.add(Path.of(required(name, value)));
        case "--disable-rule" -> disabled.add(required(name, value));
        case "--rules" -> rules = Path.of(required(name, value));
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    if (!"scan".equals(mode) && !"deliver".equals(mode)) {
      throw new IllegalArgumentException("--child=scan or --child=deliver expected");
    }
    if (stateDir == null) {
      throw new IllegalArgumentException("--state-dir expected");
    }
    return new ChildArgs(mode, reason, hold, stateDir, home, os, allUsers, logLevel, List.copyOf(intel),
        List.copyOf(disabled), rules);
  }

  private static String required(String name, String value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return value;
  }

  boolean scans() {
    return mode.equals("scan");
  }

  JudgeOptions judge() {
    JudgeOptions judge = new JudgeOptions();
    judge.intel = new ArrayList<>(intel);
    judge.disabledRules = new ArrayList<>(disabledRules);
    judge.rulesFile = rulesFile;
    return judge;
  }

  /** The machine, or the given home in the given layout, as {@code daylight run} scans it. */
  ScanContext context() {
    if (home == null && os == null) {
      return ScanContext.currentMachine();
    }
    Layout machine = Layout.currentMachine();
    Path dir = home == null ? machine.home() : home.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--home " + home + " is not a directory");
    }
    return ScanContext.forHome(dir, os == null ? machine.os() : os).withStore(true);
  }
}
