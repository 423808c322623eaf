package dev.daylight.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Severity;
import dev.daylight.ui.InMemoryData;
import dev.daylight.ui.concurrent.UiExecutor;
import dev.daylight.ui.data.ServerRow;
import dev.daylight.ui.data.ServerStatus;
import dev.daylight.ui.session.SessionViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrayViewModelTest {
  private final InMemoryData data = InMemoryData.seeded();
  private final SessionViewModel session = new SessionViewModel(data, UiExecutor.sameThread());
  private final List<Notification> shown = new ArrayList<>();

  @Test
  void iconAndTooltipFollowTheWorstOpenFinding() {
    TrayViewModel vm = new TrayViewModel(session, NotifiedLedger.inMemory(), shown::add);
    assertThat(vm.levelProperty().get()).isEqualTo(TrayLevel.CLEAR);
    assertThat(vm.tooltipProperty().get()).isEqualTo("Daylight: clear, no open findings");

    session.refresh();
    assertThat(vm.levelProperty().get()).isEqualTo(TrayLevel.DANGER);
    assertThat(vm.tooltipProperty().get())
        .isEqualTo("Daylight: danger, 2 open findings (1 critical)");

    data.store(data.servers().stream().filter(r -> !r.serverId().equals("s-postmark")).toList());
    session.refresh();
    assertThat(vm.levelProperty().get()).isEqualTo(TrayLevel.ATTENTION);
    assertThat(vm.tooltipProperty().get())
        .isEqualTo("Daylight: attention, 1 open finding (1 medium)");
  }

  @Test
  void anAcknowledgedFindingNoLongerColoursTheIcon() {
    TrayViewModel vm = new TrayViewModel(session, NotifiedLedger.inMemory(), shown::add);
    session.refresh();

    session.acknowledge(InMemoryData.POSTMARK_FINDING);

    assertThat(vm.levelProperty().get()).isEqualTo(TrayLevel.ATTENTION);
    assertThat(vm.tooltipProperty().get())
        .isEqualTo("Daylight: attention, 1 open finding (1 medium)");
  }

  @Test
  void eachNewHighOrCriticalFindingIsAnnouncedOnce() {
    new TrayViewModel(session, NotifiedLedger.inMemory(), shown::add);

    session.refresh();
    session.refresh();
    data.store(data.servers());
    session.refreshIfChanged();

    assertThat(shown)
        .extracting(Notification::findingId)
        .containsExactly(InMemoryData.POSTMARK_FINDING);
    Notification n = shown.get(0);
    assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(n.caption()).isEqualTo("Daylight: critical finding");
    assertThat(n.text())
        .contains("postmark-mcp 1.0.16 is a known malicious package", "postmark in cursor");
  }

  @Test
  void aHighFindingAddedLaterIsAnnouncedButMediumOnesAreNot() {
    new TrayViewModel(session, NotifiedLedger.inMemory(), shown::add);
    session.refresh();

    var rows = new ArrayList<>(data.servers());
    rows.add(
        InMemoryData.row(
            "s-new",
            "windsurf",
            "mailer",
            null,
            ServerStatus.SUSPENDED,
            "/home/ada/.codeium/windsurf/mcp_config.json",
            2,
            "npx -y mailer-mcp",
            List.of(
                InMemoryData.finding(
                    "f-changed",
                    "package-version-changed",
                    Severity.HIGH,
                    "mailer-mcp changed from 1.2.0 to 1.3.0",
                    "s-new",
                    null,
                    "x",
                    2,
                    "",
                    "Review it."),
                InMemoryData.finding(
                    "f-unpinned",
                    "unpinned-package",
                    Severity.MEDIUM,
                    "mailer-mcp is not pinned",
                    "s-new",
                    null,
                    "x",
                    2,
                    "",
                    "Pin it."))));
    data.store(rows);
    session.refreshIfChanged();

    assertThat(shown)
        .extracting(Notification::findingId)
        .containsExactly(InMemoryData.POSTMARK_FINDING, "f-changed");
  }

  @Test
  void aNotificationSaysWhenItsServerWaitsForApprovalWasRefusedOrIsBlockedByPolicy() {
    new TrayViewModel(session, NotifiedLedger.inMemory(), shown::add);
    session.refresh();
    shown.clear();

    List<ServerRow> rows = new ArrayList<>(data.servers());
    rows.add(InMemoryData.answered(risky("s-wait", "f-wait"), Approval.PENDING));
    rows.add(InMemoryData.answered(risky("s-no", "f-no"), Approval.REFUSED));
    rows.add(
        InMemoryData.blocked(
            InMemoryData.answered(risky("s-blocked", "f-blocked"), Approval.APPROVED),
            "denied by deniedMcpServers serverName \"s-blocked\" in /etc/claude-code/managed-settings.json"));
    rows.add(InMemoryData.answered(risky("s-yes", "f-yes"), Approval.APPROVED));
    data.store(rows);
    session.refreshIfChanged();

    assertThat(text("f-wait"))
        .contains(
            "Server: s-wait in claude-code.",
            "Waiting for your approval in Claude Code",
            "approving it would start it",
            "Do not approve it.");
    assertThat(text("f-no")).contains("Refused in Claude Code, so it is not running.");
    assertThat(text("f-blocked"))
        .contains("Blocked by Claude Code's policy, so it is not running.")
        .doesNotContain("Waiting", "Refused");
    assertThat(text("f-yes"))
        .as("a server that runs gets no such words")
        .doesNotContain("not running", "approval", "Blocked", "Refused");
    assertThat(shown)
        .allSatisfy(n -> assertThat(n.text()).endsWith("Open Daylight to see what to do."));
  }

  private static ServerRow risky(String id, String findingId) {
    return InMemoryData.row(
        id,
        "claude-code",
        id,
        null,
        ServerStatus.UNREVIEWED,
        "/home/ada/src/app/.mcp.json",
        2,
        "npx -y " + id,
        List.of(
            InMemoryData.finding(
                findingId,
                "malicious-package",
                Severity.CRITICAL,
                id + " is a known malicious package",
                id,
                null,
                "x",
                2,
                "",
                "Remove it.")));
  }

  private String text(String findingId) {
    return shown.stream()
        .filter(n -> n.findingId().equals(findingId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no notification for " + findingId + " in " + shown))
        .text();
  }

  @Test
  void nothingIsAnnouncedWhilePausedNorReplayedAfterwards() {
    TrayViewModel vm = new TrayViewModel(session, NotifiedLedger.inMemory(), shown::add);
    vm.pausedProperty().set(true);

    session.refresh();
    assertThat(shown).isEmpty();
    assertThat(vm.levelProperty().get()).isEqualTo(TrayLevel.DANGER);

    vm.pausedProperty().set(false);
    data.store(data.servers());
    session.refreshIfChanged();
    assertThat(shown).isEmpty();
  }

  @Test
  void acknowledgedFindingsAreNotAnnounced() {
    new TrayViewModel(session, NotifiedLedger.inMemory(), shown::add);
    data.acknowledge(InMemoryData.POSTMARK_FINDING);

    session.refresh();

    assertThat(shown).isEmpty();
  }

  @Test
  void theLedgerFileKeepsARestartFromAnnouncingAgain(@TempDir Path dir) {
    Path file = dir.resolve("tray/notified-findings.txt");
    new TrayViewModel(session, NotifiedLedger.at(file), shown::add);
    session.refresh();
    assertThat(shown).hasSize(1);

    SessionViewModel restarted = new SessionViewModel(data, UiExecutor.sameThread());
    List<Notification> afterRestart = new ArrayList<>();
    new TrayViewModel(restarted, NotifiedLedger.at(file), afterRestart::add);
    restarted.refresh();

    assertThat(afterRestart).isEmpty();
    assertThat(file).content().contains(InMemoryData.POSTMARK_FINDING);
  }

  @Test
  void iconsDifferInShapeNotOnlyColour() {
    boolean[][] clear = mask(TrayIcons.image(TrayLevel.CLEAR));
    boolean[][] attention = mask(TrayIcons.image(TrayLevel.ATTENTION));
    boolean[][] danger = mask(TrayIcons.image(TrayLevel.DANGER));

    assertThat(differingPixels(clear, attention)).isGreaterThan(200);
    assertThat(differingPixels(clear, danger)).isGreaterThan(50);
    assertThat(differingPixels(attention, danger)).isGreaterThan(200);
  }

  private static boolean[][] mask(java.awt.image.BufferedImage img) {
    boolean[][] m = new boolean[img.getWidth()][img.getHeight()];
    for (int x = 0; x < img.getWidth(); x++) {
      for (int y = 0; y < img.getHeight(); y++) {
        m[x][y] = (img.getRGB(x, y) >>> 24) > 128;
      }
    }
    return m;
  }

  private static int differingPixels(boolean[][] a, boolean[][] b) {
    int n = 0;
    for (int x = 0; x < a.length; x++) {
      for (int y = 0; y < a[x].length; y++) {
        n += a[x][y] != b[x][y] ? 1 : 0;
      }
    }
    return n;
  }
}
