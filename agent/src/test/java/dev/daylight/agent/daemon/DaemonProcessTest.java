package dev.daylight.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.daylight.agent.store.Store;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.ChangeType;
import dev.daylight.testing.TestJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code daylight run} as a real child JVM (which runs its scans in children of its own) on a fake
 * home whose config holds canary secrets in every place a secret can sit. While it runs, the config
 * changes (a new secret value) and the CLI reads the store in every format. Then SIGTERM: the
 * daemon must stop cleanly, and no canary may appear in the database files, the logs, the daemon's
 * stdout/stderr or any CLI output.
 */
class DaemonProcessTest {
  static final List<String> CANARIES =
      List.of(
          "ghp_CanaryEnvValue0000000000000000000001",
          "CanaryEnvSecondValue0000000000002",
          "CanaryHeaderValue000000000000003",
          "CanaryQueryValue0000000000000004",
          "CanaryArgValue00000000000000005");

  @TempDir Path home;
  @TempDir Path state;
  @TempDir Path out;

  static String config(String envValue) {
    return """
        {"mcpServers": {
          "github": {"command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8", "--api-key=%s"],
            "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "%s"}},
          "remote": {"url": "https://mcp.example.com/sse?api_key=%s",
            "headers": {"Authorization": "Bearer %s"}}
        }}
        """
        .formatted(CANARIES.get(4), envValue, CANARIES.get(3), CANARIES.get(2));
  }

  @Test
  void daemonKeepsEveryCanarySecretOutOfStoreLogsAndOutputAndStopsOnSigterm() throws Exception {
    Files.createDirectories(home.resolve(".cursor"));
    Files.writeString(home.resolve(".cursor/mcp.json"), config(CANARIES.get(0)));
    Process daemon =
        new ProcessBuilder(
                TestJvm.command(
                    List.of("-Xlog:class+load=info:file=" + out.resolve("classes.txt")),
                    TestJvm.AGENT_MAIN,
                    List.of(
                        "run",
                        "--home",
                        home.toString(),
                        "--os",
                        "linux",
                        "--state-dir",
                        state.toString(),
                        "--log-level",
                        "DEBUG",
                        "--debounce",
                        "100ms")))
            .redirectOutput(out.resolve("daemon.out").toFile())
            .redirectError(out.resolve("daemon.err").toFile())
            .start();
    List<String> cliOutput = new ArrayList<>();
    try {
      await("first scan stored").atMost(Duration.ofSeconds(90)).until(() -> servers() == 2);
      Files.writeString(home.resolve(".cursor/mcp.json"), config(CANARIES.get(1)));
      await("secret change seen as server-changed")
          .atMost(Duration.ofSeconds(90))
          .until(() -> events().stream().anyMatch(e -> e.type() == ChangeType.SERVER_CHANGED));
      ChangeEvent changed =
          events().stream()
              .filter(e -> e.type() == ChangeType.SERVER_CHANGED)
              .findFirst()
              .orElseThrow();
      assertThat(changed.summary()).contains("secretFingerprints");
      assertThat(changed.before().path("secretFingerprints"))
          .isNotEqualTo(changed.after().path("secretFingerprints"));

      for (String[] args :
          List.of(
              new String[] {"events", "--format", "json"},
              new String[] {"findings", "--format", "json"},
              new String[] {"status"},
              new String[] {"export", "--format", "json"},
              new String[] {"export", "--format", "csv"},
              new String[] {"export", "--format", "cyclonedx"},
              new String[] {"export", "--format", "ocsf"},
              new String[] {"export", "--format", "sarif"},
              new String[] {
                "scan", "--home", home.toString(), "--os", "linux", "--no-host", "--format", "json"
              })) {
        cliOutput.add(cli(args));
      }
      assertThat(cliOutput.get(0)).contains("server-changed");
    } finally {
      daemon.destroy(); // SIGTERM
    }
    assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    String log = Files.readString(state.resolve("logs/daylight.log"));
    assertThat(log).contains("daemon started", "daemon stopped");
    residentLoadedNoScanMachinery(Files.readAllLines(out.resolve("classes.txt")));

    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(state)) {
      s.filter(Files::isRegularFile).forEach(files::add);
    }
    files.add(out.resolve("daemon.out"));
    files.add(out.resolve("daemon.err"));
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .contains("daylight.db", "daylight.log", "daemon.out");
    for (String canary : CANARIES) {
      byte[] needle = canary.getBytes(StandardCharsets.UTF_8);
      for (Path f : files) {
        assertThat(indexOf(Files.readAllBytes(f), needle))
            .as(canary + " in " + f.getFileName())
            .isEqualTo(-1);
      }
      for (String o : cliOutput) {
        assertThat(o).doesNotContain(canary);
      }
    }
  }

  /**
   * What keeps the idle agent small: the resident process (which ran both scans above through its
   * children) never loaded JSON, the rules, the intel, the SQLite driver or the HTTP client.
   * (picocli's built-in converters load a few java.sql interfaces; the driver is what costs.)
   */
  static void residentLoadedNoScanMachinery(List<String> classLoadLog) {
    List<String> loaded =
        classLoadLog.stream()
            .filter(l -> l.contains("[class,load]"))
            .map(l -> l.replaceAll(".*\\[class,load\\] (\\S+).*", "$1"))
            .toList();
    assertThat(loaded)
        .as("the resident's class-load log")
        .contains(
            "dev.daylight.agent.daemon.Resident",
            "dev.daylight.agent.daemon.ConfigWatcher",
            "dev.daylight.agent.daemon.LogRelay");
    assertThat(loaded)
        .filteredOn(
            c ->
                c.startsWith("com.fasterxml.")
                    || c.startsWith("org.sqlite.")
                    || c.startsWith("okhttp3.")
                    || c.startsWith("okio.")
                    || c.startsWith("kotlin.")
                    || c.startsWith("org.flywaydb.")
                    || c.startsWith("org.yaml.")
                    || c.startsWith("oshi.")
                    || c.startsWith("dev.daylight.agent.assess.")
                    || c.startsWith("dev.daylight.agent.intel.")
                    || c.startsWith("dev.daylight.agent.discovery.")
                    || c.startsWith("dev.daylight.agent.catalog."))
        .as("scan machinery in the resident")
        .isEmpty();
  }

  private int servers() {
    try (Store s = Store.open(state)) {
      return (int) s.servers().stream().filter(v -> v.active()).count();
    } catch (RuntimeException notYet) {
      return 0;
    }
  }

  private List<ChangeEvent> events() {
    try (Store s = Store.open(state)) {
      return s.events(Optional.empty());
    }
  }

  private String cli(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cl = dev.daylight.agent.cli.CliAccess.commandLine();
    cl.setOut(new PrintWriter(o));
    cl.setErr(new PrintWriter(e));
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--state-dir";
    all[args.length + 1] = state.toString();
    cl.execute(all);
    return o + "\n" + e;
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
