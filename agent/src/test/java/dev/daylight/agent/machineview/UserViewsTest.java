package dev.daylight.agent.machineview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Accounts.Account;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine agent's per-user views: each person sees their own servers and the machine's
 * findings.
 */
class UserViewsTest {
  @TempDir Path state;

  static Inventory inventory() throws Exception {
    return Json.mapper()
        .readValue(
            """
        {"schemaVersion": 1, "scanId": "s1", "startedAt": "2026-12-01T10:00:00Z", "finishedAt": "2026-12-01T10:00:02Z",
         "host": {"os": "linux"}, "clients": [], "packages": [], "errors": [],
         "servers": [
           {"id": "ann-pm", "client": "cursor", "scope": "user", "configPath": "/home/ann/.cursor/mcp.json", "line": 3,
            "name": "postmark", "transport": "stdio", "command": "npx", "args": ["-y", "postmark-mcp@1.0.16"],
            "enabled": true, "envKeys": [], "headerKeys": [], "secretFingerprints": {}, "osUser": "ann"},
           {"id": "bob-gh", "client": "vscode", "scope": "user", "configPath": "/home/bob/.vscode/mcp.json", "line": 2,
            "name": "github", "transport": "stdio", "command": "npx", "args": ["-y", "gh-mcp"],
            "enabled": true, "envKeys": [], "headerKeys": [], "secretFingerprints": {}, "osUser": "bob"}],
         "findings": [
           {"id": "f-mal", "rule": "malicious-package", "severity": "critical", "title": "postmark-mcp 1.0.16 is malicious",
            "serverId": "ann-pm", "advisory": "MAL-2025-47604"},
           {"id": "f-bob", "rule": "unpinned-package", "severity": "medium", "title": "gh-mcp floats", "serverId": "bob-gh"},
           {"id": "f-host", "rule": "exposed-model-server", "severity": "high", "title": "Ollama listens on all interfaces"}]}
        """,
            Inventory.class);
  }

  @Test
  void eachPersonGetsTheirServersAndTheMachinesFindingsReadableByThemAlone() throws Exception {
    try (Store store = Store.open(state)) {
      store.record(inventory());
      Files.createDirectories(UserViews.requestFile(state, "ann").getParent());
      Files.writeString(UserViews.requestFile(state, "ann"), "");
      UserViews.write(
          store,
          state,
          List.of(
              new Account("ann", Path.of("/home/ann")), new Account("bob", Path.of("/home/bob"))));
    }
    UserView ann = UserViews.read(UserViews.viewFile(state, "ann")).orElseThrow();
    assertThat(ann.user()).isEqualTo("ann");
    assertThat(ann.servers())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.server().name()).isEqualTo("postmark");
              assertThat(s.findings()).extracting(i -> i.finding().id()).containsExactly("f-mal");
            });
    assertThat(ann.hostFindings()).extracting(i -> i.finding().id()).containsExactly("f-host");
    assertThat(ann.collector()).isEqualTo("not enrolled");
    assertThat(ann.lastScan()).isNotNull();
    UserView bob = UserViews.read(UserViews.viewFile(state, "bob")).orElseThrow();
    assertThat(bob.servers()).extracting(s -> s.server().name()).containsExactly("github");

    assertThat(UserViews.requestFile(state, "ann"))
        .as("the scan request was answered")
        .doesNotExist();
    assertThat(perms(UserViews.viewFile(state, "ann"))).isEqualTo("r--------");
    assertThat(perms(state.resolve("views")))
        .as("reachable by name, not listable")
        .isEqualTo("rwx--x--x");
    assertThat(
            Integer.toOctalString(
                (Integer) Files.getAttribute(state.resolve("views/requests"), "unix:mode")))
        .as("anyone may ask, no one may take away another's request")
        .isEqualTo("41733");
    assertThat(Files.readString(UserViews.viewFile(state, "bob"))).doesNotContain("postmark");
  }

  /**
   * A finding of no server is shown to everyone only when it is the machine's: one about a file in
   * another person's home (a config that did not parse there) or another person's scan is theirs.
   */
  @Test
  void aFindingAboutAnotherPersonsFilesIsTheirsAlone() throws Exception {
    Inventory inv =
        Json.mapper()
            .readValue(
                """
        {"schemaVersion": 1, "scanId": "s2", "startedAt": "2026-12-01T10:00:00Z", "finishedAt": "2026-12-01T10:00:02Z",
         "host": {"os": "linux"}, "clients": [], "packages": [], "errors": [], "servers": [],
         "findings": [
           %s, %s, %s, %s,
           {"id": "f-host", "rule": "exposed-model-server", "severity": "high", "title": "Ollama listens on all interfaces"}]}
        """
                    .formatted(
                        error("f-bob-file", "/home/bob/work/secret-project/.mcp.json"),
                        error("f-bob-scan", "account:bob"),
                        error("f-ann-file", "/home/ann/.cursor/mcp.json"),
                        error("f-etc", "/etc/claude-code/managed-mcp.json")),
                Inventory.class);
    List<Account> accounts =
        List.of(new Account("ann", Path.of("/home/ann")), new Account("bob", Path.of("/home/bob")));
    try (Store store = Store.open(state)) {
      store.record(inv);
      UserViews.write(store, state, accounts);
    }

    assertThat(UserViews.read(UserViews.viewFile(state, "ann")).orElseThrow().hostFindings())
        .extracting(i -> i.finding().id())
        .containsExactlyInAnyOrder("f-ann-file", "f-etc", "f-host");
    assertThat(UserViews.read(UserViews.viewFile(state, "bob")).orElseThrow().hostFindings())
        .extracting(i -> i.finding().id())
        .containsExactlyInAnyOrder("f-bob-file", "f-bob-scan", "f-etc", "f-host");
    assertThat(Files.readString(UserViews.viewFile(state, "ann"))).doesNotContain("secret-project");
  }

  private static String error(String id, String file) {
    return """
        {"id": "%s", "rule": "config-error", "severity": "low", "title": "config could not be read",
         "evidence": {"kind": "file", "file": "%s", "text": "unreadable"}}"""
        .formatted(id, file);
  }

  @Test
  void aPlantedFolderOrLinkAmongTheRequestsStopsNoOtherAccountsViewAndNothingIsFollowed()
      throws Exception {
    Path requests = UserViews.requestFile(state, "ann").getParent();
    Files.createDirectories(UserViews.requestFile(state, "ann").resolve("inside"));
    Files.writeString(UserViews.requestFile(state, "ann").resolve("inside/file"), "x");
    Path target = Files.writeString(state.resolve("precious"), "keep");
    Files.createSymbolicLink(UserViews.requestFile(state, "bob"), target);
    try (Store store = Store.open(state)) {
      store.record(inventory());
      UserViews.write(
          store,
          state,
          List.of(
              new Account("ann", Path.of("/home/ann")),
              new Account("bob", Path.of("/home/bob")),
              new Account("carol", Path.of("/home/carol"))));
    }
    assertThat(UserViews.read(UserViews.viewFile(state, "bob"))).isPresent();
    assertThat(UserViews.read(UserViews.viewFile(state, "carol"))).isPresent();
    assertThat(UserViews.requestFile(state, "bob")).as("the link is gone").doesNotExist();
    assertThat(Files.isSymbolicLink(UserViews.requestFile(state, "bob"))).isFalse();
    assertThat(target).hasContent("keep");
    assertThat(requests.resolve("ann/inside/file")).hasContent("x");
  }

  @Test
  void aMissingOrBrokenViewReadsAsNone() throws Exception {
    assertThat(UserViews.read(state.resolve("absent.json"))).isEmpty();
    Path broken = Files.writeString(state.resolve("broken.json"), "{not json");
    assertThat(UserViews.read(broken)).isEmpty();
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
