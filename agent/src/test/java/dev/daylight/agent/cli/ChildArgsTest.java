package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daylight.agent.platform.Os;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What `daylight run` hands its scan children reaches them whole, option by option. */
class ChildArgsTest {
  @TempDir Path dir;

  @Test
  void everyOptionOfRunReachesTheChildrenOrIsTheResidentsOwn() {
    RunCommand run = new RunCommand();
    CommandLine cl = new CommandLine(run);
    cl.parseArgs("--state-dir", dir.toString(), "--home", dir.toString(), "--os", "macos", "--all-users",
        "--log-level", "DEBUG", "--intel", "a.zip", "--intel", "b dir", "--disable-rule", "unpinned-package",
        "--disable-rule", "typosquat", "--rules", "rules.properties", "--interval", "2h");
    List<String> words = new ArrayList<>(run.childArgs());
    words.add("--child=scan");
    words.add("--reason=change in " + dir.resolve("a=b"));
    ChildArgs child = ChildArgs.parse(words.toArray(String[]::new));

    assertThat(child.stateDir()).isEqualTo(dir.toAbsolutePath());
    assertThat(child.home()).isEqualTo(dir.toAbsolutePath());
    assertThat(child.os()).isEqualTo(Os.MACOS);
    assertThat(child.allUsers()).isTrue();
    assertThat(child.logLevel()).isEqualTo("DEBUG");
    assertThat(child.intel()).containsExactly(Path.of("a.zip").toAbsolutePath(), Path.of("b dir").toAbsolutePath());
    assertThat(child.disabledRules()).containsExactly("unpinned-package", "typosquat");
    assertThat(child.rulesFile()).isEqualTo(Path.of("rules.properties").toAbsolutePath());
    assertThat(child.reason()).isEqualTo("change in " + dir.resolve("a=b"));
    assertThat(child.scans()).isTrue();
    assertThat(child.hold()).isFalse();

    // A new option of run (or of its mixins) must be forwarded above, or named resident-only.
    List<String> checked = List.of("--state-dir", "--home", "--os", "--all-users", "--log-level", "--intel",
        "--disable-rule", "--rules");
    for (OptionSpec o : cl.getCommandSpec().options()) {
      assertThat(checked.contains(o.longestName()) || RunCommand.RESIDENT_ONLY.contains(o.longestName()))
          .as(o.longestName() + " neither reaches the children nor is the resident's own").isTrue();
    }
  }

  @Test
  void aChildRefusesWhatItDoesNotKnow() {
    assertThatThrownBy(() -> ChildArgs.parse("--child=scan", "--state-dir=/s", "--intervall=1h"))
        .hasMessageContaining("--intervall");
    assertThatThrownBy(() -> ChildArgs.parse("--child=rescan", "--state-dir=/s")).hasMessageContaining("--child");
    assertThatThrownBy(() -> ChildArgs.parse("--child=deliver")).hasMessageContaining("--state-dir");
    assertThat(ChildArgs.parse("--child=deliver", "--state-dir=/s", "--hold").hold()).isTrue();
  }
}
