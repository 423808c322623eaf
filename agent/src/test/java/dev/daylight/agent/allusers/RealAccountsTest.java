package dev.daylight.agent.allusers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.daylight.agent.installed.InstalledStage;
import dev.daylight.agent.pipeline.Scanner;
import dev.daylight.agent.platform.Accounts.Account;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import dev.daylight.testing.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root agent with {@code --all-users} over two real accounts: bob's links and settings pointing
 * at alice's 0600 files, a root-only file in bob's home and bob's FIFO or deep XML never show
 * alice's or root's data as bob's, and never stop alice's scan. Needs root and useradd (CI runs as
 * root); skipped with a message elsewhere.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RealAccountsTest {
  @TempDir Path tmp;
  private final List<String> created = new ArrayList<>();

  @AfterEach
  void removeAccounts() throws Exception {
    for (String name : created) {
      run("userdel", name);
    }
  }

  @Test
  void rootSeesNoMoreThanEachUserCouldAndOneUsersFilesNeverStopAnothersScan() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "needs root to create accounts and scan them as the all-users agent does");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
    Path aliceHome = account("dla" + suffix);
    Path bobHome = account("dlb" + suffix);
    String alice = created.get(0);
    String bob = created.get(1);

    Path aliceConfig =
        write(
            aliceHome,
            ".cursor/mcp.json",
            "{\"mcpServers\":{\"alice-internal\":{\"url\":\"https://build.alice-corp.example/mcp\"}}}",
            alice,
            "rw-------");
    write(
        aliceHome,
        ".npm/_npx/a1/node_modules/alice-private-pkg/package.json",
        "{\"name\":\"alice-private-pkg\",\"version\":\"1.0.0\"}",
        alice,
        "rw-------");
    write(
        aliceHome,
        ".npm/_npx/a1/package.json",
        "{\"dependencies\":{\"alice-private-pkg\":\"1.0.0\"}}",
        alice,
        "rw-------");

    write(
        aliceHome,
        ".continue/config.yaml",
        "mcpServers:\n  - name: alice-readable\n    command: npx\n",
        alice,
        "rw-r--r--");
    Files.createSymbolicLink(bobHome.resolve(".continue"), aliceHome.resolve(".continue"));
    Files.createDirectories(bobHome.resolve(".cursor"));
    Files.createSymbolicLink(bobHome.resolve(".cursor/mcp.json"), aliceConfig);
    write(
        bobHome,
        ".kiro/settings/mcp.json",
        "{\"mcpServers\":{\"root-only\":{\"command\":\"npx\",\"args\":[\"r\"]}}}",
        "root",
        "rw-------");
    write(bobHome, ".npmrc", "cache=" + aliceHome.resolve(".npm") + "\n", bob, "rw-r--r--");
    write(
        bobHome,
        ".lmstudio/mcp.json",
        "{\"mcpServers\":{\"bob-ok\":{\"command\":\"npx\",\"args\":[\"b\"]}}}",
        bob,
        "rw-------");
    write(
        bobHome,
        ".config/JetBrains/IntelliJIdea2025.1/options/llm.mcpServers.xml",
        HostileNesting.xml(5_000),
        bob,
        "rw-r--r--");
    Path fifo = bobHome.resolve(".gemini/settings.json");
    Files.createDirectories(fifo.getParent());
    run("mkfifo", fifo.toString());
    run("chown", "-h", bob, fifo.toString());
    Files.createSymbolicLink(bobHome.resolve(".codeium"), Path.of("/dev/zero"));
    run(
        "chown",
        "-R",
        bob + ":",
        bobHome.resolve(".cursor").toString(),
        bobHome.resolve(".gemini").toString());
    run(
        "chown",
        "-h",
        bob + ":",
        bobHome.resolve(".continue").toString(),
        bobHome.resolve(".codeium").toString());

    Path agentHome = Files.createDirectories(tmp.resolve("root-home"));
    Inventory all =
        AllUsers.scan(
            Scanner.standard().then(new InstalledStage())::scan,
            ScanContext.forHome(agentHome, Os.LINUX),
            List.of(new Account(alice, aliceHome), new Account(bob, bobHome)));

    assertThat(all.servers())
        .extracting(McpServer::osUser, McpServer::name)
        .containsExactlyInAnyOrder(
            tuple(alice, "alice-internal"), tuple(alice, "alice-readable"), tuple(bob, "bob-ok"));
    assertThat(all.packages())
        .extracting(InstalledPackage::name)
        .containsExactly("alice-private-pkg");
    assertThat(all.packages())
        .allSatisfy(p -> assertThat(Path.of(p.installPath())).startsWith(aliceHome));
    assertThat(all.errors())
        .extracting(ScanError::path, ScanError::reason)
        .contains(
            tuple(
                bobHome.resolve(".cursor/mcp.json").toString(),
                "symbolic link leads outside the home"),
            tuple(
                bobHome.resolve(".continue/config.yaml").toString(),
                "a linked folder leads outside the home"),
            tuple(
                bobHome.resolve(".kiro/settings/mcp.json").toString(),
                "not readable by the account this home belongs to, not read"),
            tuple(
                bobHome.resolve(".npmrc").toString(),
                "cache= names a folder outside this home (or one its owner cannot read), not read"),
            tuple(
                bobHome
                    .resolve(".config/JetBrains/IntelliJIdea2025.1/options/llm.mcpServers.xml")
                    .toString(),
                "XML nested deeper than 64 levels, not read"));
    assertThat(all.errors())
        .anySatisfy(
            e -> {
              assertThat(e.path()).isEqualTo(fifo.toString());
              assertThat(e.reason()).startsWith("not a regular file");
            });
    assertThat(all.servers().stream().filter(s -> bob.equals(s.osUser())).toList().toString())
        .doesNotContain("alice-corp")
        .doesNotContain("root-only");
  }

  private Path account(String name) throws Exception {
    Path home = tmp.resolve(name);
    try {
      Process p =
          new ProcessBuilder("useradd", "-M", "-d", home.toString(), "-s", "/bin/sh", name)
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      Requires.that(p.waitFor() == 0, "useradd cannot create accounts here: " + out.strip());
    } catch (IOException e) {
      throw Requires.missing("useradd is not available here (passwd): " + e.getMessage());
    }
    created.add(name);
    Files.createDirectories(home);
    run("chown", name + ":", home.toString());
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    return home;
  }

  private static Path write(Path home, String relative, String text, String owner, String mode)
      throws Exception {
    Path p = home.resolve(relative);
    for (Path d = p.getParent(); !d.equals(home) && !Files.exists(d); d = d.getParent()) {
      Files.createDirectories(d);
    }
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
    for (Path d = p; !d.equals(home); d = d.getParent()) {
      Files.setOwner(
          d, users.lookupPrincipalByName(d.equals(p) ? owner : home.getFileName().toString()));
    }
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    return p;
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": " + out.strip());
    }
  }
}
