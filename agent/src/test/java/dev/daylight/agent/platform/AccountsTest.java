package dev.daylight.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Accounts.Account;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {
  @TempDir Path tmp;

  @Test
  void linuxListsRootAndPeopleWithALoginShellAndAnExistingHome() throws IOException {
    Path alice = Files.createDirectories(tmp.resolve("home/alice"));
    Path bob = Files.createDirectories(tmp.resolve("home/bob"));
    Path rootHome = Files.createDirectories(tmp.resolve("root"));
    Path daemonHome = Files.createDirectories(tmp.resolve("var/lib/postgres"));
    String passwd =
        String.join(
            "\n",
            "root:x:0:0:root:" + rootHome + ":/bin/bash",
            "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
            "postgres:x:105:110::" + daemonHome + ":/bin/bash",
            "alice:x:1000:1000:Alice:" + alice + ":/bin/zsh",
            "bob:x:1001:1001:Bob:" + bob + ":/usr/bin/fish",
            "carol:x:1002:1002:Carol:" + tmp.resolve("home/carol") + ":/bin/bash",
            "svc:x:1003:1003::" + alice + ":/usr/sbin/nologin",
            "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin",
            "# a comment",
            "broken-line");
    assertThat(Accounts.linux(passwd, "UID_MIN 1000\nUID_MAX 60000\n"))
        .containsExactly(
            new Account("root", rootHome), new Account("alice", alice), new Account("bob", bob));
  }

  @Test
  void linuxHonoursTheUidRangeOfLoginDefs() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home/dev"));
    String passwd = "dev:x:600:600::" + home + ":/bin/bash";
    assertThat(Accounts.linux(passwd, "")).isEmpty();
    assertThat(Accounts.linux(passwd, "# people\nUID_MIN\t500\n"))
        .containsExactly(new Account("dev", home));
  }

  @Test
  void macAndWindowsListTheFoldersOfPeopleOnly() throws IOException {
    Path users = Files.createDirectories(tmp.resolve("Users"));
    for (String name : new String[] {"alice", "Shared", ".localized", "Public", "Default", "bob"}) {
      Files.createDirectories(users.resolve(name));
    }
    Files.writeString(users.resolve("desktop.ini"), "");
    assertThat(Accounts.underFolder(users, Set.of("shared")))
        .extracting(Account::name)
        .containsExactly("Default", "Public", "alice", "bob");
    assertThat(Accounts.underFolder(users, Set.of("public", "default", "shared")))
        .extracting(Account::name)
        .containsExactly("alice", "bob");
  }

  @Test
  void aFakeHomeHasNoOtherAccounts() {
    assertThat(Accounts.onThisMachine(Layout.of(Os.LINUX, tmp))).isEmpty();
  }

  @Test
  void thisLinuxMachineListsOnlyExistingHomes() {
    Layout here = Layout.of(Os.LINUX, tmp, java.util.Map.of());
    assertThat(Accounts.onThisMachine(here)).allSatisfy(a -> assertThat(a.home()).isDirectory());
  }
}
