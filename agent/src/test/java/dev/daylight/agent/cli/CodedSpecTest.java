package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.protocol.Severity;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The picocli models built in code must say and do what the annotated ones did. */
class CodedSpecTest {
  private static String describe(OptionSpec o) {
    return String.join(",", o.names()) + " label=" + o.paramLabel() + " type=" + o.type().getName()
        + " aux=" + Arrays.toString(o.auxiliaryTypes()) + " arity=" + o.arity() + " default=" + o.defaultValue()
        + " converters=" + Stream.of(o.converters()).map(c -> c.getClass().getName()).toList()
        + " description=" + Arrays.toString(o.description());
  }

  private static List<String> options(CommandSpec spec) {
    return spec.options().stream().map(CodedSpecTest::describe).sorted().toList();
  }

  @Test
  void sharedOptionGroupsCodedAsAnnotated() {
    CommandSpec coded = CommandSpec.create();
    new JudgeOptions().addTo(coded);
    new StoreOptions().addTo(coded);
    CommandSpec annotated = CommandSpec.create();
    annotated.addMixin("judge", CommandSpec.forAnnotatedObject(new JudgeOptions()));
    annotated.addMixin("store", CommandSpec.forAnnotatedObject(new StoreOptions()));
    assertThat(options(coded)).isEqualTo(options(annotated)).hasSize(5);
  }

  @Test
  void scanBindsEveryOptionToItsField() {
    CommandSpec spec = ScanCommand.newSpec();
    new CommandLine(spec, CodedSpec.FACTORY).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(
        "--home", "/h", "--os", "macos", "--format", "TABLE", "--depth", "2", "--no-host", "--no-store",
        "--intel", "/a", "--intel", "/b", "--fail-on", "high", "--disable-rule", "typosquat", "--rules", "/r",
        "--state-dir", "/s", "--report");
    ScanCommand c = (ScanCommand) spec.userObject();
    assertThat(c.home).isEqualTo(Path.of("/h"));
    assertThat(c.os).isEqualTo(Os.MACOS);
    assertThat(c.format).isEqualTo(ScanCommand.Format.table);
    assertThat(c.depth).isEqualTo(2);
    assertThat(c.noHost).isTrue();
    assertThat(c.noStore).isTrue();
    assertThat(c.judge.intel).containsExactly(Path.of("/a"), Path.of("/b"));
    assertThat(c.judge.failOn).isEqualTo(Severity.HIGH);
    assertThat(c.judge.disabledRules).containsExactly("typosquat");
    assertThat(c.judge.rulesFile).isEqualTo(Path.of("/r"));
    assertThat(c.store.stateDir).isEqualTo(Path.of("/s"));
    assertThat(c.report).isTrue();
    assertThat(c.allUsers).isFalse();
  }

  @Test
  void scanDefaultsAreTheAnnotatedOnes() {
    CommandSpec spec = ScanCommand.newSpec();
    new CommandLine(spec, CodedSpec.FACTORY).parseArgs();
    ScanCommand c = (ScanCommand) spec.userObject();
    assertThat(c.depth).isEqualTo(5);
    assertThat(c.home).isNull();
    assertThat(c.judge.intel).isEmpty();
    assertThat(c.noHost || c.noStore || c.allUsers || c.report).isFalse();
  }

  @Test
  void codedCommandsCarryNoPicocliAnnotationsThatWouldBeIgnored() {
    for (Class<?> coded : List.of(ScanCommand.class, DaylightCommand.class)) {
      Stream<AnnotatedElement> members = Stream.concat(Stream.of(coded),
          Stream.concat(Arrays.stream(coded.getDeclaredFields()), Arrays.stream(coded.getDeclaredMethods())));
      members.forEach(m -> assertThat(Arrays.stream(m.getAnnotations())
          .map(a -> a.annotationType().getName())
          .filter(n -> n.startsWith("picocli."))).as(coded.getSimpleName() + " " + m).isEmpty());
    }
  }

  /** The help the annotated models printed, kept as it was when the models were moved into code. */
  @Test
  void helpIsWhatTheAnnotatedModelsPrinted() throws Exception {
    for (String[] args : List.of(new String[] {"scan", "--help"}, new String[] {"--help"})) {
      java.io.StringWriter out = new java.io.StringWriter();
      int exit = Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(new java.io.StringWriter()), args);
      assertThat(exit).isZero();
      String file = args.length == 2 ? "scan-help.txt" : "daylight-help.txt";
      try (var in = CodedSpecTest.class.getResourceAsStream(file)) {
        String expected = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(out.toString().replace("\r\n", "\n")).as(file).isEqualTo(expected);
      }
    }
  }
}
