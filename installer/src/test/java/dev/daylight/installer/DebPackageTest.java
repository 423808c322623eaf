package dev.daylight.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.testing.CompanyCa;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole life of the .deb on this machine: build it with scripts/package, install it with dpkg
 * as an MDM would (collector and secret from the environment), run the installed command, find the
 * service units and tray autostart in place, remove it (data stays), purge it (data goes).
 */
class DebPackageTest {
  private static final Path APP = Path.of("/opt/daylight");
  private static final Path COMMAND = Path.of("/usr/bin/daylight");
  private static final Path UNIT = Path.of("/usr/lib/systemd/system/daylight-agent.service");
  private static final Path USER_UNIT = Path.of("/usr/lib/systemd/user/daylight-agent.service");
  private static final Path AUTOSTART = Path.of("/etc/xdg/autostart/daylight-tray.desktop");
  private static final Path CONF = Path.of("/etc/daylight/agent.conf");
  private static final Path STATE = Path.of("/var/lib/daylight");

  @TempDir Path tmp;
  private boolean installedHere;

  @Test
  void debInstallsSilentlyRunsAndUninstallsCleanly() throws Exception {
    assumeTrue(Commands.linux(), "skipped: the .deb test runs on Linux only");
    assumeTrue(Commands.root(), "skipped: installing a .deb needs root (CI runs .ci/run as root)");
    Commands.assumeTools(
        "building and installing the .deb",
        "dpkg",
        "dpkg-deb",
        "fakeroot",
        "jpackage",
        "jlink",
        "jdeps");
    assumeFalse(
        Commands.run("dpkg-query", "-W", "daylight").exitCode() == 0,
        "skipped: a daylight package is already installed on this machine; not touching it");

    // Two builds running this test at once would fight over dpkg and /opt/daylight.
    try (FileChannel lockFile =
            FileChannel.open(
                Path.of("/tmp/daylight-deb-test.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      Path deb = buildDeb();
      install(deb);
      checkInstalled();
      checkWithoutSystemdTheInstallerSaysSo();
      checkOneMachineHistoryEnrolledWithACompanyCa();
      checkRemoveKeepsDataAndPurgeDeletesIt();
    }
  }

  /** The .deb, and the .rpm from the same app image when rpmbuild is here (it is on CI). */
  private Path buildDeb() throws IOException {
    Path dest = tmp.resolve("dist");
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                Path.of("../scripts/package").toAbsolutePath().normalize().toString(),
                "--no-build",
                "--type",
                "deb",
                "--dest",
                dest.toString(),
                "--work",
                Path.of("target/jpackage-test").toAbsolutePath().toString()));
    if (Commands.onPath("rpmbuild")) {
      cmd.addAll(List.of("--type", "rpm"));
    }
    // xz -1 instead of -6: the same package, built in a fraction of the time.
    Commands.run(Duration.ofMinutes(10), Map.of("DPKG_DEB_COMPRESSOR_LEVEL", "1"), cmd).ok();
    try (var files = Files.list(dest)) {
      List<Path> all = files.toList();
      all.stream().filter(p -> p.toString().endsWith(".rpm")).forEach(DebPackageTest::checkRpm);
      List<Path> debs = all.stream().filter(p -> p.toString().endsWith(".deb")).toList();
      assertThat(debs).hasSize(1);
      checkMetadata(debs.get(0));
      return debs.get(0);
    }
  }

  /** A real maintainer address and the project's licence, as in every other package. */
  private static void checkMetadata(Path deb) {
    assertThat(Commands.run("dpkg-deb", "-f", deb.toString(), "Maintainer").ok().stdout().strip())
        .isEqualTo("Daylight <security@daylight.dev>");
    String copyright =
        Commands.run("dpkg-deb", "-c", deb.toString())
            .ok()
            .stdout()
            .lines()
            .map(l -> l.substring(l.indexOf("./")))
            .filter(p -> p.endsWith("/copyright"))
            .findFirst()
            .orElseThrow();
    String text =
        Commands.run(
                "sh",
                "-c",
                "dpkg-deb --fsys-tarfile \"$0\" | tar -xO \"$1\"",
                deb.toString(),
                copyright)
            .ok()
            .stdout();
    assertThat(text).contains("Apache License", "Version 2.0, January 2004");
  }

  /** The .rpm cannot be installed on Debian; its metadata says it would wire itself in alike. */
  private static void checkRpm(Path rpm) {
    String files = Commands.run("rpm", "-qpl", rpm.toString()).ok().stdout();
    assertThat(files)
        .contains(
            "/opt/daylight/bin/daylight\n",
            "/opt/daylight/bin/daylight-agentd\n",
            "/opt/daylight/bin/daylight-train\n",
            "/opt/daylight/bin/daylight-tray\n",
            "/opt/daylight/lib/integration/integrate.sh",
            "/opt/daylight/lib/integration/daylight-agent.service");
    // The commands are scripts (InstalledLaunchers), as in the .deb: no jpackage launcher files.
    assertThat(files.lines())
        .noneMatch(f -> f.startsWith("/opt/daylight/lib/app/") && f.endsWith(".cfg"))
        .noneMatch(f -> f.endsWith("libapplauncher.so"));
    assertThat(Commands.run("rpm", "-qpR", rpm.toString()).ok().stdout()).contains("gtk3");
    assertThat(Commands.run("rpm", "-qp", "--qf", "%{LICENSE}", rpm.toString()).ok().stdout())
        .isEqualTo("Apache-2.0");
    assertThat(Commands.run("rpm", "-qp", "--scripts", rpm.toString()).ok().stdout())
        .contains(
            "/opt/daylight/lib/integration/integrate.sh install",
            "/opt/daylight/lib/integration/integrate.sh remove");
  }

  private void install(Path deb) {
    installedHere = true;
    String said =
        Commands.run(
                Duration.ofMinutes(3),
                Map.of(
                    "DAYLIGHT_NO_START",
                    "1",
                    "DAYLIGHT_COLLECTOR",
                    "https://collector.test:8443",
                    "DAYLIGHT_ENROLL_SECRET",
                    "enroll-canary-7f3a",
                    "DAYLIGHT_CA_FILE",
                    "/etc/daylight/company-ca.pem"),
                List.of("dpkg", "-i", deb.toString()))
            .ok()
            .stdout();
    // The installer says what it did, and never the secret.
    assertThat(said)
        .contains(
            "daylight: wrote /etc/daylight/agent.conf (collector https://collector.test:8443)")
        .contains("daylight: installed /opt/daylight")
        .contains("DAYLIGHT_NO_START=1: the agent service was not enabled or started")
        .contains("daylight: made the class-data archive /opt/daylight/lib/app/daylight.jsa")
        .doesNotContain("enroll-canary-7f3a");
  }

  /**
   * The installed agent as its service runs it (root, all users, /var/lib/daylight) enrolls with a
   * collector whose certificate comes from a company CA named in agent.conf, and root's plain
   * `daylight status` reads that machine history: its findings, the store it read, the enrollment.
   */
  private void checkOneMachineHistoryEnrolledWithACompanyCa() throws Exception {
    Path pki = Files.createDirectories(tmp.resolve("pki"));
    CompanyCa ca = CompanyCa.makeIn(pki);
    Path home = tmp.resolve("service-home");
    Files.createDirectories(home.resolve(".cursor"));
    Files.writeString(
        home.resolve(".cursor/mcp.json"),
        "{\"mcpServers\": {\"postmark\": {\"command\": \"npx\", \"args\": [\"-y\", \"postmark-mcp@1.0.16\"]}}}");
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String saved = Files.readString(CONF);
    try (dev.daylight.collector.Collector collector =
        dev.daylight.collector.Collector.start(
            new dev.daylight.collector.Collector.Config(
                "127.0.0.1",
                port,
                "sqlite:" + tmp.resolve("collector.db"),
                "deb-enroll-secret",
                "deb-admin-token",
                ca.chainPem(),
                ca.keyPem(),
                3600,
                null,
                null))) {
      Files.writeString(
          CONF,
          "collector = https://127.0.0.1:"
              + port
              + "\nenroll_secret = deb-enroll-secret\n"
              + "ca_file = "
              + ca.caPem()
              + "\n");
      // As the unit starts it (DAYLIGHT_STATE_DIR), with a test home standing in for root's.
      ProcessBuilder unit =
          new ProcessBuilder(APP.resolve("bin/daylight-agentd").toString(), "run", "--all-users")
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("service.out").toFile());
      unit.environment().put("DAYLIGHT_STATE_DIR", STATE.toString());
      unit.environment().put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home);
      Process service = unit.start();
      Commands.Result status = null;
      try {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
          Thread.sleep(1000);
          status =
              Commands.run(Duration.ofMinutes(1), Map.of(), List.of(COMMAND.toString(), "status"));
          if (status.stdout().contains("collector:     enrolled")
              && status.stdout().contains("critical")) {
            break;
          }
        }
      } finally {
        service.destroy();
        service.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
      }
      assertThat(status).isNotNull();
      assertThat(status.stdout())
          .as(Files.readString(tmp.resolve("service.out")))
          .contains("store:         /var/lib/daylight")
          .contains("collector:     enrolled with https://127.0.0.1:" + port)
          .containsPattern("open findings: \\d+ \\(critical 1");
      assertThat(status.stderr()).contains("reading the machine agent's store /var/lib/daylight");
    } finally {
      Files.writeString(CONF, saved);
    }
  }

  /**
   * On a machine without systemd (this container) the installer says the agent was not started, and
   * how to.
   */
  private static void checkWithoutSystemdTheInstallerSaysSo() {
    if (Files.isDirectory(Path.of("/run/systemd/system"))) {
      return; // systemd runs here: the service would really be started
    }
    String said =
        Commands.run(
                Duration.ofMinutes(1),
                Map.of(),
                List.of("/opt/daylight/lib/integration/integrate.sh", "install"))
            .ok()
            .stdout();
    assertThat(said)
        .contains("daylight: kept the existing /etc/daylight/agent.conf")
        .contains("systemd is not running on this machine: the agent was NOT started")
        .contains("/opt/daylight/bin/daylight-agentd run --all-users");
  }

  private void checkInstalled() throws IOException, InterruptedException {
    assertThat(Files.readSymbolicLink(COMMAND)).isEqualTo(APP.resolve("bin/daylight"));
    assertThat(Commands.run(COMMAND.toString(), "--version").ok().stdout())
        .startsWith("daylight 0.1.0");
    assertThat(Commands.run(COMMAND.toString(), "--help").ok().stdout())
        .contains("Usage: daylight");
    assertThat(Path.of("/usr/share/man/man1/daylight-scan.1")).exists();
    assertThat(Path.of("/usr/share/bash-completion/completions/daylight")).exists();
    checkInstalledScan();
    checkClassDataArchiveMapped();

    assertThat(Files.readString(UNIT))
        .contains("ExecStart=/opt/daylight/bin/daylight-agentd run --all-users");
    assertThat(Files.readString(USER_UNIT))
        .contains("ExecStart=/opt/daylight/bin/daylight-agentd run\n");
    InstalledLaunchers.checkScripts();
    if (Commands.onPath("systemd-analyze")) {
      UnitFilesTest.assertVerifies(UNIT, false);
      UnitFilesTest.assertVerifies(USER_UNIT, true);
    }
    boolean trayPackaged = Files.isExecutable(APP.resolve("bin/daylight-tray"));
    assertThat(Files.exists(AUTOSTART))
        .as("tray autostart present iff the tray is packaged")
        .isEqualTo(trayPackaged);

    // The silent-install configuration: written once, readable by root only.
    assertThat(Files.readString(CONF))
        .contains("collector = https://collector.test:8443")
        .contains("enroll_secret = enroll-canary-7f3a")
        .contains("ca_file = /etc/daylight/company-ca.pem");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(CONF)))
        .isEqualTo("rw-------");
    assertThat(SilentConfigTest.load(CONF).canEnroll())
        .as("the agent reads what the package wrote")
        .isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(STATE)))
        .isEqualTo("rwx--x--x");
  }

  /**
   * The install made the class-data archive of the agent's classes from a training scan, and the
   * installed command's JVM finds it valid for its class path, holding the CLI's and the store's
   * classes (a stale or mismatched archive is silently ignored, so validity is what to check).
   */
  private static void checkClassDataArchiveMapped() throws IOException {
    Path archive = APP.resolve("lib/app/daylight.jsa");
    assertThat(archive).isRegularFile();
    assertThat(Files.size(archive)).isGreaterThan(1_000_000);
    // The command's options switch unified logging off, so ask the JVM itself: with the installed
    // command's class path and options, is the archive valid, and does it hold the agent's
    // classes?
    Commands.Result check =
        Commands.run(
            Duration.ofMinutes(1),
            Map.of("JAVA_TOOL_OPTIONS", "-XX:+PrintSharedArchiveAndExit"),
            List.of(COMMAND.toString(), "--version"));
    String said = check.stdout() + check.stderr();
    assertThat(said)
        .as(said.length() > 2000 ? said.substring(said.length() - 2000) : said)
        .contains("archive is valid")
        .contains("dev.daylight.agent.cli.Main")
        .contains("dev.daylight.agent.store.Store")
        // Java 5 class files, which only a static archive holds: the CLI's parser.
        .contains("picocli.CommandLine$Model$CommandSpec");
  }

  /** The scan contract, through the installed command and the jlinked runtime. */
  private void checkInstalledScan() throws IOException, InterruptedException {
    Path home = tmp.resolve("fake-home");
    Files.createDirectories(home.resolve(".cursor"));
    Files.writeString(
        home.resolve(".cursor/mcp.json"),
        """
        {"mcpServers": {"postmark": {"command": "npx", "args": ["-y", "postmark-mcp@1.0.16"],
                                     "env": {"POSTMARK_API_TOKEN": "pm-canary-5d1c"}}}}
        """);
    List<String> command =
        List.of(
            COMMAND.toString(),
            "scan",
            "--home",
            home.toString(),
            "--os",
            "linux",
            "--format",
            "json",
            "--no-host",
            "--no-store");
    Commands.Result scan = Commands.run(Duration.ofMinutes(1), Map.of(), command).ok();
    Inventory inventory = Json.mapper().readValue(scan.stdout(), Inventory.class);
    assertThat(inventory.servers())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.client()).isEqualTo("cursor");
              assertThat(s.name()).isEqualTo("postmark");
              assertThat(s.configPath()).isEqualTo(home.resolve(".cursor/mcp.json").toString());
              assertThat(s.envKeys()).containsExactly("POSTMARK_API_TOKEN");
              assertThat(s.pkg().purl()).isEqualTo("pkg:npm/postmark-mcp@1.0.16");
            });
    assertThat(scan.stdout()).doesNotContain("pm-canary-5d1c");
    assertThat(inventory.errors()).isEmpty();
    InstalledLaunchers.checkAsksNoPackageManager(tmp, command);

    // A stored scan of "this machine" (the fake home as user.home): SQLite's native library for
    // this platform is loaded from the package's lib/native, not unpacked into the temp folder.
    Path state = tmp.resolve("state");
    Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
    Map<String, String> env =
        Map.of(
            "JAVA_TOOL_OPTIONS",
            "-Duser.home=" + home + " -Djava.io.tmpdir=" + javaTmp,
            "DAYLIGHT_STATE_DIR",
            state.toString());
    Commands.run(
            Duration.ofMinutes(1),
            env,
            List.of(COMMAND.toString(), "scan", "--no-host", "--format", "json"))
        .ok();
    assertThat(
            Commands.run(Duration.ofMinutes(1), env, List.of(COMMAND.toString(), "status"))
                .ok()
                .stdout())
        .contains("servers:       1");
    try (var unpacked = Files.list(javaTmp)) {
      assertThat(unpacked).as("files the scan left in its temp folder").isEmpty();
    }
    checkInstalledResident(home);
  }

  /**
   * The installed resident (bin/daylight-agentd, which execs the runtime's java) runs its first
   * scan in a child that is the runtime's java again, mapping the agent's archive, and stores it.
   */
  private void checkInstalledResident(Path home) throws IOException, InterruptedException {
    Path state = tmp.resolve("resident-state");
    Path out = tmp.resolve("resident.out");
    Process resident =
        new ProcessBuilder(
                APP.resolve("bin/daylight-agentd").toString(),
                "run",
                "--home",
                home.toString(),
                "--os",
                "linux",
                "--state-dir",
                state.toString(),
                "--log-dir",
                tmp.resolve("resident-logs").toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    java.util.Set<String> children = new java.util.TreeSet<>();
    boolean archiveMapped = false;
    String program = "";
    String status = "";
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      for (int i = 1; System.nanoTime() < deadline && !status.contains("servers:       1"); i++) {
        // Its children once exec'd (in the instant after the fork one still shows the resident's
        // program and arguments); a scan's own children (dpkg-query, rpm) are not asked.
        for (ProcessHandle c :
            resident
                .children()
                .filter(
                    c ->
                        c.info()
                            .arguments()
                            .map(a -> List.of(a).contains("run-child"))
                            .orElse(false))
                .toList()) {
          c.info().command().ifPresent(children::add);
          archiveMapped |= maps(c).contains(InstalledLaunchers.ARCHIVE.toString());
        }
        program = resident.info().command().orElse(program);
        Thread.sleep(50);
        if (i % 20 == 0) {
          status =
              Commands.run(
                      Duration.ofMinutes(1),
                      Map.of("DAYLIGHT_STATE_DIR", state.toString()),
                      List.of(COMMAND.toString(), "status"))
                  .stdout();
        }
      }
    } finally {
      resident.destroy();
      resident.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertThat(status).as(Files.readString(out)).contains("servers:       1");
    assertThat(children)
        .as("scan children's programs")
        .containsExactly(InstalledLaunchers.JAVA.toString());
    assertThat(archiveMapped).as("a scan child mapped " + InstalledLaunchers.ARCHIVE).isTrue();
    assertThat(program).as("the resident's program").isEqualTo(InstalledLaunchers.JAVA.toString());
  }

  /** The files a running process has mapped, or nothing once it is gone. */
  private static String maps(ProcessHandle p) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(p.pid()), "maps"));
    } catch (IOException e) {
      return "";
    }
  }

  private void checkRemoveKeepsDataAndPurgeDeletesIt() throws IOException {
    Path history = STATE.resolve("kept-on-remove");
    Files.writeString(history, "history");

    Commands.run(Duration.ofMinutes(2), Map.of(), List.of("dpkg", "-r", "daylight")).ok();
    for (Path gone :
        List.of(
            APP,
            COMMAND,
            UNIT,
            USER_UNIT,
            AUTOSTART,
            Path.of("/usr/share/man/man1/daylight-scan.1"),
            Path.of("/usr/share/bash-completion/completions/daylight"))) {
      assertThat(Files.exists(gone, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .as(gone + " removed")
          .isFalse();
    }
    assertThat(history).as("data stays on remove").exists();
    assertThat(CONF).as("configuration stays on remove").exists();

    Commands.run(Duration.ofMinutes(2), Map.of(), List.of("dpkg", "-P", "daylight")).ok();
    installedHere = false;
    assertThat(STATE).as("data goes on purge").doesNotExist();
    assertThat(CONF.getParent()).as("configuration goes on purge").doesNotExist();
  }

  @AfterEach
  void purgeWhatThisTestInstalled() {
    if (installedHere) {
      Commands.run(Duration.ofMinutes(2), Map.of(), List.of("dpkg", "-P", "daylight"));
    }
  }
}
