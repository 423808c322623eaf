package dev.daylight.ui.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.Evidence;
import dev.daylight.ui.InMemoryData;
import dev.daylight.ui.concurrent.UiExecutor;
import dev.daylight.ui.data.ServerCapabilities;
import dev.daylight.ui.data.ServerRow;
import dev.daylight.ui.session.DesktopActions;
import dev.daylight.ui.session.SessionViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServersViewModelTest {
  private final InMemoryData data = InMemoryData.seeded();
  private final SessionViewModel session = new SessionViewModel(data, UiExecutor.sameThread());
  private final RecordingDesktop desktop = new RecordingDesktop();
  private final ServersViewModel vm =
      new ServersViewModel(
          session,
          desktop,
          UiExecutor.sameThread(),
          Clock.fixed(Instant.parse("2026-11-25T05:00:00Z"), ZoneOffset.UTC));

  @BeforeEach
  void load() {
    session.refresh();
  }

  @Test
  void searchMatchesPackageClientAndFindingTitle() {
    vm.searchProperty().set("POSTMARK-MCP");
    assertThat(names()).containsExactly("postmark");

    vm.searchProperty().set("vscode");
    assertThat(names()).containsExactly("files");

    vm.searchProperty().set("rooted at");
    assertThat(names()).containsExactly("files");

    vm.searchProperty().set("");
    assertThat(names()).hasSize(4);
  }

  @Test
  void statusFilterCombinesWithSearch() {
    vm.filterProperty().set(RowFilter.UNREVIEWED);
    assertThat(names()).containsExactlyInAnyOrder("files", "docs");

    vm.searchProperty().set("docs");
    assertThat(names()).containsExactly("docs");

    vm.filterProperty().set(RowFilter.WITH_FINDINGS);
    vm.searchProperty().set("");
    assertThat(names()).containsExactlyInAnyOrder("postmark", "files");
  }

  @Test
  void selectionShowsFindingsAndSurvivesAReload() {
    vm.selectedProperty().set(vm.visibleRows().get(0));
    assertThat(vm.selectedFindings())
        .extracting(f -> f.finding().advisory())
        .containsExactly("MAL-2025-47604");

    session.acknowledge(InMemoryData.POSTMARK_FINDING);

    assertThat(vm.selectedProperty().get().serverId()).isEqualTo("s-postmark");
    assertThat(vm.selectedFindings().get(0).acknowledged()).isTrue();
  }

  @Test
  void acknowledgingAnAcknowledgedFindingDoesNotCallTheStoreAgain() {
    vm.searchProperty().set("files");
    vm.selectedProperty().set(vm.visibleRows().get(0));
    vm.acknowledge(vm.selectedFindings().get(0));
    vm.acknowledge(vm.selectedFindings().get(0));

    assertThat(data.acknowledgeCalls).containsExactly("f-broad-fs");
  }

  @Test
  void aCriticalFindingIsNotAcknowledgedAndTheStatusSaysHowItCloses() {
    vm.searchProperty().set("postmark");
    vm.selectedProperty().set(vm.visibleRows().get(0));
    vm.acknowledge(vm.selectedFindings().get(0));

    assertThat(data.acknowledgeCalls).isEmpty();
    assertThat(session.statusProperty().get()).contains("cannot be acknowledged", "reviewer");
  }

  @Test
  void aPendingServerIsFoundByItsApprovalAndTheHelpDeskReportSaysApprovingWouldRunIt() {
    data.store(
        List.of(
            InMemoryData.answered(InMemoryData.postmark(), Approval.PENDING),
            InMemoryData.answered(data.servers().get(1), Approval.REFUSED)));
    session.refreshIfChanged();

    vm.searchProperty().set("waiting");
    assertThat(names()).containsExactly("postmark");
    vm.selectedProperty().set(vm.visibleRows().get(0));
    vm.copyReport();

    assertThat(desktop.copied.get(0))
        .contains(
            "Status: malicious\nApproval in Cursor: waiting for "
                + "the user (not running yet; approving it would run it)\n");
    assertThat(HelpDeskReport.of(data.servers().get(1), Instant.EPOCH))
        .contains("Approval in Claude Desktop: refused (it will not start)");
    assertThat(HelpDeskReport.of(InMemoryData.postmark(), Instant.EPOCH))
        .doesNotContain("Approval");
  }

  @Test
  void helpDeskReportSaysWhatTheServerCanDoOrWhyThatIsNotKnown() {
    ServerRow pm = InMemoryData.postmark();
    ServerRow known =
        new ServerRow(
            pm.serverId(),
            pm.client(),
            pm.name(),
            pm.pkg(),
            pm.transport(),
            pm.status(),
            pm.firstSeen(),
            pm.lastSeen(),
            pm.configPath(),
            pm.line(),
            pm.launchLine(),
            pm.findings(),
            pm.approval(),
            pm.blockedBy(),
            ServerCapabilities.known(
                List.of(
                    new Capability(
                        "email-send", new Evidence("host", null, null, "api.postmarkapp.com")))));

    assertThat(HelpDeskReport.of(known, Instant.EPOCH))
        .contains("\n✉ Can send email  (host api.postmarkapp.com)\n");
    assertThat(HelpDeskReport.of(pm, Instant.EPOCH))
        .contains("\nCapabilities not known: not in this fixture\n");
  }

  @Test
  void helpDeskReportNamesEverythingTheDeskNeedsAndNoSecret() {
    vm.selectedProperty().set(vm.visibleRows().get(0));

    vm.copyReport();

    assertThat(desktop.copied).hasSize(1);
    String report = desktop.copied.get(0);
    assertThat(report)
        .contains(
            "MCP server \"postmark\"",
            "Client: cursor",
            "Config file: " + InMemoryData.CURSOR_CONFIG + " (line 3)",
            "Package: postmark-mcp@1.0.16 (pkg:npm/postmark-mcp)",
            "Status: malicious",
            "[CRITICAL] postmark-mcp 1.0.16 is a known malicious package",
            "Evidence: " + InMemoryData.CURSOR_CONFIG + ":5 — npx -y postmark-mcp",
            "Advisory: MAL-2025-47604 https://osv.dev/vulnerability/MAL-2025-47604",
            "What to do: Remove the server",
            "Generated: 2026-11-25 05:00 UTC")
        .contains("<redacted:9c41e2>");
    assertThat(session.statusProperty().get()).contains("copied");
  }

  @Test
  void openConfigFolderOpensTheFolderHoldingTheFile() {
    vm.selectedProperty().set(vm.visibleRows().get(0));

    vm.openConfigFolder();

    assertThat(desktop.folders).containsExactly(Path.of("/home/ada/.cursor"));
  }

  @Test
  void aDesktopFailureBecomesAStatusLine() {
    desktop.fail = true;
    vm.selectedProperty().set(vm.visibleRows().get(0));

    vm.openConfigFolder();

    assertThat(session.statusProperty().get()).startsWith("Could not open /home/ada/.cursor");
  }

  @Test
  void advisoryLinkOpensOsv() {
    vm.openAdvisory("MAL-2025-47604");
    vm.openAdvisory(null);

    assertThat(desktop.links).containsExactly("https://osv.dev/vulnerability/MAL-2025-47604");
  }

  @Test
  void theFirstLoadSelectsTheWorstServerSoItsDetailsShowAtOnce() {
    InMemoryData reversed = InMemoryData.seeded();
    List<ServerRow> rows = new ArrayList<>(reversed.servers());
    java.util.Collections.reverse(rows);
    reversed.store(rows);
    SessionViewModel fresh = new SessionViewModel(reversed, UiExecutor.sameThread());
    ServersViewModel first =
        new ServersViewModel(fresh, desktop, UiExecutor.sameThread(), Clock.systemUTC());

    fresh.refresh();

    assertThat(first.selectedProperty().get().name()).isEqualTo("postmark");
    first.selectedProperty().set(null);
    fresh.refresh();
    assertThat(first.selectedProperty().get()).isNull();
  }

  @Test
  void findingsAboutNoServerAreListedForTheComputer() {
    data.hostFindings.add(
        InMemoryData.finding(
            "f-host",
            "malicious-package",
            dev.daylight.protocol.Severity.CRITICAL,
            "postmark-mcp 1.0.16 is installed in the npx cache",
            null,
            "MAL-2025-47604",
            "/home/ada/.npm/_npx/c3d4/node_modules/postmark-mcp/package.json",
            1,
            "1.0.16",
            "Delete it."));

    session.refresh();

    assertThat(vm.hostFindings()).extracting(f -> f.id()).containsExactly("f-host");
  }

  private List<String> names() {
    return vm.visibleRows().stream().map(ServerRow::name).toList();
  }

  static final class RecordingDesktop implements DesktopActions {
    final List<String> copied = new ArrayList<>();
    final List<Path> folders = new ArrayList<>();
    final List<String> links = new ArrayList<>();
    boolean fail;

    @Override
    public void copyText(String text) {
      copied.add(text);
    }

    @Override
    public void openFolder(Path folder) {
      if (fail) {
        throw new IllegalStateException("no file manager");
      }
      folders.add(folder);
    }

    @Override
    public void openLink(String url) {
      links.add(url);
    }
  }
}
