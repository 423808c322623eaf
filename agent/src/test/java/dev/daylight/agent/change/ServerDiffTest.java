package dev.daylight.agent.change;

import static dev.daylight.testing.Inventories.npx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.McpServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerDiffTest {
  @Test
  void addedRemovedAndUnchangedServersAreToldApart() {
    McpServer a = npx("a", "pkg-a", "1.0.0");
    McpServer b = npx("b", "pkg-b", "1.0.0");
    McpServer c = npx("c", "pkg-c", "1.0.0");
    List<ServerChange> changes = ServerDiff.diff(List.of(a, b), List.of(b, c), Set.of());
    assertThat(changes)
        .containsExactlyInAnyOrder(new ServerChange.Added(c), new ServerChange.Removed(a));
  }

  @Test
  void aChangedSecretFingerprintOrEnvKeyIsAServerChange() {
    McpServer before = npx("a", "pkg-a", "1.0.0");
    McpServer after =
        before.toBuilder()
            .url(null)
            .enabled(true)
            .envKeys(List.of("POSTMARK_TOKEN", "EXTRA"))
            .headerKeys(List.of())
            .proxiedUrl(null)
            .secretFingerprints(Map.of("env.POSTMARK_TOKEN", "fp:9999"))
            .osUser(null)
            .approval(null)
            .blockedBy(null)
            .build();
    List<ServerChange> changes = ServerDiff.diff(List.of(before), List.of(after), Set.of());
    assertThat(changes)
        .singleElement()
        .isInstanceOfSatisfying(
            ServerChange.Changed.class,
            c -> assertThat(c.fields()).containsExactly("envKeys", "secretFingerprints"));
  }

  @Test
  void anApprovalDecisionIsAServerChangeButItsFirstRecordingIsNot() {
    McpServer recordedBefore = npx("a", "pkg-a", "1.0.0");
    McpServer pending = recordedBefore.withApproval(Approval.PENDING);
    McpServer approved = recordedBefore.withApproval(Approval.APPROVED);
    assertThat(ServerDiff.changedFields(recordedBefore, pending)).containsExactly("enabled");
    assertThat(ServerDiff.changedFields(pending, approved)).containsExactly("enabled", "approval");
    assertThat(ServerDiff.changedFields(pending, pending.withApproval(Approval.REFUSED)))
        .containsExactly("approval");
  }

  @Test
  void aServerItsClientsPolicyStartsOrStopsBlockingIsAChangeAndSoIsANewReason() {
    McpServer runs = npx("postmark", "postmark-mcp", "1.0.15");
    McpServer denied =
        runs.withBlock("denied by deniedMcpServers serverName \"postmark\" in /etc/x.json");
    assertThat(ServerDiff.changedFields(runs, denied)).containsExactly("enabled", "blockedBy");
    assertThat(
            ServerDiff.changedFields(
                denied, runs.withBlock("allowedMcpServers is empty in /etc/x.json")))
        .containsExactly("blockedBy");
    assertThat(ServerDiff.changedFields(denied, denied)).isEmpty();
  }

  @Test
  void aNewResolvedVersionIsAPackageVersionChangeNotAServerChange() {
    McpServer before = npx("postmark", "postmark-mcp", "1.0.15");
    McpServer after = npx("postmark", "postmark-mcp", "1.0.16");
    assertThat(ServerDiff.diff(List.of(before), List.of(after), Set.of()))
        .containsExactly(new ServerChange.PackageVersionChanged(before, after));
  }

  @Test
  void aReleaseThatCanDoSomethingNewIsAServerChangeBesideTheVersionChange() {
    Capability fetches = new Capability("http-fetch", Evidence.file("index.js", 10, "fetch(url)"));
    Capability sends = new Capability("email-send", Evidence.file("index.js", 40, "nodemailer"));
    McpServer before =
        npx("postmark", "postmark-mcp", "1.0.15").toBuilder()
            .capabilities(List.of(fetches), null)
            .build();
    McpServer after =
        npx("postmark", "postmark-mcp", "1.0.16").toBuilder()
            .capabilities(List.of(fetches, sends), null)
            .build();

    assertThat(ServerDiff.diff(List.of(before), List.of(after), Set.of()))
        .containsExactly(
            new ServerChange.Changed(before, after, List.of("capabilities")),
            new ServerChange.PackageVersionChanged(before, after));
    // The same classes with their evidence elsewhere in the new release's code: no change.
    McpServer moved =
        after.toBuilder()
            .capabilities(
                List.of(new Capability("http-fetch", Evidence.file("lib.js", 3, "fetch(url)"))),
                null)
            .build();
    assertThat(ServerDiff.changedFields(before, moved)).isEmpty();
    // Classes not read from the code on one side: unknown there (the code could not be read then
    // or now, the known-packages list stood in, or only called tools showed), so no change.
    McpServer unknown = after.toBuilder().capabilities(null, "package code not found").build();
    McpServer listed =
        after.toBuilder()
            .capabilities(
                List.of(
                    new Capability(
                        "email-send", new Evidence("known-package", null, null, "listed"))),
                null)
            .build();
    McpServer onlyCalled =
        after.toBuilder()
            .capabilities(
                List.of(
                    new Capability(
                        "email-send", new Evidence("tool-call", null, null, "called send_email"))),
                null)
            .build();
    assertThat(ServerDiff.changedFields(before, unknown)).isEmpty();
    assertThat(ServerDiff.changedFields(unknown, after)).isEmpty();
    assertThat(ServerDiff.changedFields(before, listed)).isEmpty();
    assertThat(ServerDiff.changedFields(before, onlyCalled)).isEmpty();
  }

  @Test
  void classesThatComeWithUseOrWithDaylightAreNoServerChange() {
    Capability fetches = new Capability("http-fetch", Evidence.file("index.js", 10, "fetch(url)"));
    McpServer read =
        npx("postmark", "postmark-mcp", "1.0.15").toBuilder()
            .capabilities(List.of(fetches), null)
            .build();
    // The same release: a first call of send_email, or the known-packages list standing in once
    // the cache is pruned, changes the classes shown but not the server.
    McpServer called =
        read.toBuilder()
            .capabilities(
                List.of(
                    fetches,
                    new Capability(
                        "email-send", new Evidence("tool-call", null, null, "called send_email"))),
                null)
            .build();
    McpServer listed =
        read.toBuilder()
            .capabilities(
                List.of(
                    new Capability(
                        "email-send", new Evidence("known-package", null, null, "listed"))),
                null)
            .build();
    assertThat(ServerDiff.diff(List.of(read), List.of(called), Set.of())).isEmpty();
    assertThat(ServerDiff.diff(List.of(read), List.of(listed), Set.of())).isEmpty();
    // A new release whose code shows what was only called before: a change.
    McpServer next =
        npx("postmark", "postmark-mcp", "1.0.16").toBuilder()
            .capabilities(
                List.of(
                    fetches,
                    new Capability("email-send", Evidence.file("index.js", 40, "nodemailer"))),
                null)
            .build();
    assertThat(ServerDiff.changedFields(called, next)).containsExactly("capabilities");
  }

  @Test
  void serversOfAnUnreadableFileAreNotRemoved() {
    McpServer a = npx("a", "pkg-a", "1.0.0");
    assertThat(ServerDiff.diff(List.of(a), List.of(), Set.of(a.configPath()))).isEmpty();
    assertThat(ServerDiff.diff(List.of(a), List.of(), Set.of())).hasSize(1);
  }
}
