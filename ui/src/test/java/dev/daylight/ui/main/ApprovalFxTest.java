package dev.daylight.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.Approval;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.Severity;
import dev.daylight.ui.InMemoryData;
import dev.daylight.ui.NeedsDisplay;
import dev.daylight.ui.apps.AppsViewModel;
import dev.daylight.ui.concurrent.FxExecutor;
import dev.daylight.ui.data.ServerRow;
import dev.daylight.ui.data.ServerStatus;
import dev.daylight.ui.servers.ServersViewModel;
import dev.daylight.ui.session.DesktopActions;
import dev.daylight.ui.session.SessionViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Claude Code's project servers on the real stage: what the person answered, and what a yes would
 * do.
 */
@ExtendWith({NeedsDisplay.class, ApplicationExtension.class})
class ApprovalFxTest {
  private static final String MCP_JSON = "/home/ada/code/shop/.mcp.json";

  private final InMemoryData data = new InMemoryData();
  private final FxExecutor executor = new FxExecutor();

  @Start
  void start(Stage stage) {
    data.store(
        List.of(
            InMemoryData.answered(
                pending(
                    "mailer",
                    List.of(
                        InMemoryData.finding(
                            "f-mal",
                            "malicious-package",
                            Severity.CRITICAL,
                            "postmark-mcp 1.0.16 is a known malicious package",
                            "s-mailer",
                            "MAL-2025-47604",
                            MCP_JSON,
                            3,
                            "npx -y postmark-mcp",
                            "Remove the server."))),
                Approval.PENDING),
            InMemoryData.answered(pending("notes", List.of()), Approval.PENDING),
            InMemoryData.answered(pending("legacy", List.of()), Approval.REFUSED),
            InMemoryData.postmark()));
    SessionViewModel session = new SessionViewModel(data, executor);
    DesktopActions desktop =
        new DesktopActions() {
          @Override
          public void copyText(String text) {}

          @Override
          public void openFolder(Path folder) {}

          @Override
          public void openLink(String url) {}
        };
    new MainWindow(
        stage,
        session,
        new ServersViewModel(session, desktop, executor, Clock.systemUTC()),
        new AppsViewModel(session));
    stage.show();
    session.refresh();
  }

  @AfterEach
  void stopWorker() throws InterruptedException {
    executor.close();
  }

  @Test
  void theTableSaysWhichServersWaitForTheUserAndWhichWereRefused(FxRobot robot) {
    waitUntil(() -> table(robot).getItems().size() == 4);

    assertThat(approvalCell(robot, "mailer").getText()).isEqualTo("◷ Waiting");
    assertThat(approvalCell(robot, "mailer").getStyleClass()).contains("approval-pending-risky");
    assertThat(approvalCell(robot, "notes").getStyleClass()).contains("approval-pending");
    assertThat(approvalCell(robot, "legacy").getText()).isEqualTo("⊘ Refused");
    assertThat(approvalCell(robot, "postmark").getText()).as("Cursor asks nobody").isEmpty();
  }

  @Test
  void aPendingServerWithAFindingSaysApprovingItWouldRunIt(FxRobot robot) {
    waitUntil(() -> table(robot).getItems().size() == 4);

    robot.clickOn("mailer");

    waitUntil(() -> text(robot, "#details-title").startsWith("mailer in claude-code"));
    Label note = robot.lookup("#details-approval").queryAs(Label.class);
    assertThat(note.isVisible()).isTrue();
    assertThat(note.getText())
        .isEqualTo(
            "◷ Waiting for your approval in Claude Code. It is not "
                + "running yet: Claude Code asks you before it starts it. Approving it would run it: do not "
                + "approve it until the finding below is resolved.");
    assertThat(note.getStyleClass()).contains("approval-pending-risky");

    robot.clickOn("notes");
    waitUntil(() -> text(robot, "#details-title").startsWith("notes in"));
    assertThat(note.getText())
        .isEqualTo(
            "◷ Waiting for your approval in Claude Code. It is not "
                + "running yet: Claude Code asks you before it starts it.");
    assertThat(note.getStyleClass())
        .contains("approval-pending")
        .doesNotContain("approval-pending-risky");
  }

  @Test
  void aRefusedServerSaysItWillNotStartAndOthersSayNothing(FxRobot robot) {
    waitUntil(() -> table(robot).getItems().size() == 4);
    Label note = robot.lookup("#details-approval").queryAs(Label.class);

    robot.clickOn("legacy");
    waitUntil(() -> text(robot, "#details-title").startsWith("legacy in"));
    assertThat(note.getText())
        .isEqualTo("⊘ Refused in Claude Code. It will not start unless you " + "approve it there.");
    assertThat(note.isVisible()).isTrue();

    robot.clickOn("postmark");
    waitUntil(() -> text(robot, "#details-title").startsWith("postmark in"));
    assertThat(note.isVisible()).isFalse();
  }

  @Test
  void theFilterShowsOnlyTheServersWaitingForTheUser(FxRobot robot) {
    waitUntil(() -> table(robot).getItems().size() == 4);

    robot.clickOn("#server-filter").clickOn("Waiting for your approval");

    waitUntil(() -> table(robot).getItems().size() == 2);
    assertThat(table(robot).getItems())
        .extracting(ServerRow::name)
        .containsExactlyInAnyOrder("mailer", "notes");
  }

  private static ServerRow pending(String name, List<dev.daylight.ui.data.FindingItem> findings) {
    return InMemoryData.row(
        "s-" + name,
        "claude-code",
        name,
        new PackageRef("pkg:npm/" + name + "-mcp", "npm", name + "-mcp", "1.0.0", false, "cache"),
        findings.isEmpty() ? ServerStatus.UNREVIEWED : ServerStatus.MALICIOUS,
        MCP_JSON,
        3,
        "npx -y " + name + "-mcp",
        findings);
  }

  /** The rendered "Your approval" cell of the row showing the named server. */
  private static TableCell<?, ?> approvalCell(FxRobot robot, String server) {
    return robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
        .filter(
            c -> c.getTableColumn() != null && c.getTableColumn().getText().equals("Your approval"))
        .filter(
            c ->
                c.getTableRow() != null
                    && c.getTableRow().getItem() instanceof ServerRow r
                    && r.name().equals(server))
        .map(c -> (TableCell<?, ?>) c)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no approval cell for " + server));
  }

  @SuppressWarnings("unchecked")
  private static TableView<ServerRow> table(FxRobot robot) {
    return robot.lookup("#servers-table").queryAs(TableView.class);
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  private static void waitUntil(Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition);
    } catch (TimeoutException e) {
      throw new AssertionError("condition not met within 5 s", e);
    }
  }
}
