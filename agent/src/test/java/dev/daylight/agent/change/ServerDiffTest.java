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

  private static final Capability FETCHES = code("http-fetch", "index.js", 10, "fetch(url)");
  private static final Capability SENDS = code("email-send", "index.js", 40, "nodemailer");
  private static final Capability CALLED_SEND =
      new Capability("email-send", new Evidence("tool-call", null, null, "called send_email"));
  private static final Capability LISTED_SEND =
      new Capability("email-send", new Evidence("known-package", null, null, "listed"));

  private static Capability code(String cls, String file, int line, String text) {
    return new Capability(cls, Evidence.file(file, line, text));
  }

  /** The postmark server of {@code version} showing {@code classes}. */
  private static McpServer postmark(String version, Capability... classes) {
    return npx("postmark", "postmark-mcp", version).toBuilder()
        .capabilities(List.of(classes), null)
        .build();
  }

  @Test
  void aReleaseThatCanDoSomethingNewIsAServerChangeBesideTheVersionChange() {
    McpServer before = postmark("1.0.15", FETCHES);
    McpServer after = postmark("1.0.16", FETCHES, SENDS);

    assertThat(ServerDiff.diff(List.of(before), List.of(after), Set.of()))
        .containsExactly(
            new ServerChange.Changed(before, after, List.of("capabilities")),
            new ServerChange.PackageVersionChanged(before, after));
    // The same classes with their evidence elsewhere in the new release's code: no change.
    McpServer moved = postmark("1.0.16", code("http-fetch", "lib.js", 3, "fetch(url)"));
    assertThat(ServerDiff.changedFields(before, moved)).isEmpty();
    // Classes not read from the code on one side: unknown there (the code could not be read then
    // or now, the known-packages list stood in, or only called tools showed), so no change.
    McpServer unknown = after.toBuilder().capabilities(null, "package code not found").build();
    assertThat(ServerDiff.changedFields(before, unknown)).isEmpty();
    assertThat(ServerDiff.changedFields(unknown, after)).isEmpty();
    assertThat(ServerDiff.changedFields(before, postmark("1.0.16", LISTED_SEND))).isEmpty();
    assertThat(ServerDiff.changedFields(before, postmark("1.0.16", CALLED_SEND))).isEmpty();
  }

  @Test
  void classesThatComeWithUseOrWithDaylightAreNoServerChange() {
    McpServer read = postmark("1.0.15", FETCHES);
    // The same release: a first call of send_email, or the known-packages list standing in once
    // the cache is pruned, changes the classes shown but not the server.
    McpServer called = postmark("1.0.15", FETCHES, CALLED_SEND);
    assertThat(ServerDiff.diff(List.of(read), List.of(called), Set.of())).isEmpty();
    assertThat(ServerDiff.diff(List.of(read), List.of(postmark("1.0.15", LISTED_SEND)), Set.of()))
        .isEmpty();
    // A new release whose code shows what was only called before: a change.
    assertThat(ServerDiff.changedFields(called, postmark("1.0.16", FETCHES, SENDS)))
        .containsExactly("capabilities");
  }

  @Test
  void serversOfAnUnreadableFileAreNotRemoved() {
    McpServer a = npx("a", "pkg-a", "1.0.0");
    assertThat(ServerDiff.diff(List.of(a), List.of(), Set.of(a.configPath()))).isEmpty();
    assertThat(ServerDiff.diff(List.of(a), List.of(), Set.of())).hasSize(1);
  }
}
