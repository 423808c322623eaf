package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What `daylight run` hands its scan children reaches them whole, option by option. */
class ChildOptionsTest {
  @TempDir Path dir;

  @Test
  void everyOptionOfRunReachesTheChildrenOrIsTheResidentsOwn() {
    RunCommand run = new RunCommand();
    CommandLine cl = new CommandLine(run);
    cl.parseArgs(
        "--state-dir",
        dir.toString(),
        "--home",
        dir.toString(),
        "--os",
        "macos",
        "--depth",
        "2",
        "--log-level",
        "DEBUG",
        "--intel",
        "a.zip",
        "--intel",
        "b dir",
        "--disable-rule",
        "unpinned-package",
        "--disable-rule",
        "typosquat",
        "--rules",
        "rules.properties",
        "--fail-on",
        "high",
        "--interval",
        "2h");
    List<String> words = new ArrayList<>(run.childArgs());
    words.add("--child=scan");
    words.add("--reason=change in " + dir.resolve("a=b"));
    RunChild child = new RunChild();
    new CommandLine(child).parseArgs(words.toArray(String[]::new));

    assertThat(child.storeOptions.dir()).isEqualTo(dir.toAbsolutePath());
    assertThat(child.target.home).isEqualTo(dir.toAbsolutePath());
    assertThat(child.target.os).isEqualTo(Os.MACOS);
    assertThat(child.target.depth).as("scan --depth reaches the daemon's scans").isEqualTo(2);
    assertThat(child.logLevel).isEqualTo("DEBUG");
    assertThat(child.judge.intel)
        .containsExactly(Path.of("a.zip").toAbsolutePath(), Path.of("b dir").toAbsolutePath());
    assertThat(child.judge.disabledRules).containsExactly("unpinned-package", "typosquat");
    assertThat(child.judge.rulesFile).isEqualTo(Path.of("rules.properties").toAbsolutePath());
    assertThat(child.reason).isEqualTo("change in " + dir.resolve("a=b"));
    assertThat(child.mode).isEqualTo(dev.daylight.agent.child.ChildRound.Mode.scan);
    assertThat(child.hold).isFalse();
    assertThat(words).noneMatch(w -> w.startsWith("--interval") || w.startsWith("--fail-on"));
  }

  @Test
  void theChildTakesEveryOptionOfRunThatIsNotTheResidentsOwn() {
    CommandLine child = new CommandLine(new RunChild());
    for (OptionSpec o : new CommandLine(new RunCommand()).getCommandSpec().options()) {
      if (!RunCommand.RESIDENT_ONLY.contains(o.longestName())) {
        assertThat(child.getCommandSpec().findOption(o.longestName()))
            .as(o.longestName() + " of run is unknown to its children")
            .isNotNull();
      }
    }
  }

  @Test
  void aFlagReachesTheChildWithoutAValue() {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs("--all-users", "--state-dir", dir.toString());
    assertThat(run.childArgs())
        .containsExactly("--state-dir=" + dir.toAbsolutePath(), "--all-users");
  }
}
