package dev.daylight.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.ui.InMemoryData;
import dev.daylight.ui.NeedsDisplay;
import dev.daylight.ui.apps.AppsViewModel;
import dev.daylight.ui.concurrent.FxExecutor;
import dev.daylight.ui.data.ServerRow;
import dev.daylight.ui.servers.ServersViewModel;
import dev.daylight.ui.session.DesktopActions;
import dev.daylight.ui.session.SessionViewModel;
import dev.daylight.ui.session.SystemDesktop;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real window on a real stage: clicks, typing and keyboard only, like a person. */
@ExtendWith({NeedsDisplay.class, ApplicationExtension.class})
class MainWindowFxTest {
  private final InMemoryData data = InMemoryData.seeded();
  private final FxExecutor executor = new FxExecutor();
  private final List<Path> openedFolders = new CopyOnWriteArrayList<>();
  private SessionViewModel session;
  private MainWindow window;

  @Start
  void start(Stage stage) {
    SystemDesktop system = new SystemDesktop();
    DesktopActions desktop =
        new DesktopActions() {
          @Override
          public void copyText(String text) {
            system.copyText(text);
          }

          @Override
          public void openFolder(Path folder) {
            openedFolders.add(folder);
          }

          @Override
          public void openLink(String url) {}
        };
    session = new SessionViewModel(data, executor);
    window =
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
  void clickingARowShowsItsFindingsWithEvidenceAdvisoryAndRemedy(FxRobot robot) {
    waitForRows(robot, 4);

    robot.clickOn("postmark");

    waitUntil(() -> text(robot, "#details-title").equals("postmark in cursor — malicious"));
    VBox findings = robot.lookup("#details-findings").queryAs(VBox.class);
    String all = texts(findings);
    assertThat(all)
        .contains(
            "✖ Critical: postmark-mcp 1.0.16 is a known malicious package",
            "Evidence: " + InMemoryData.CURSOR_CONFIG + ":5 — npx -y postmark-mcp",
            "What to do: Remove the server");
    assertThat(robot.lookup(".finding-advisory").queryAs(Hyperlink.class).getText())
        .isEqualTo("Advisory MAL-2025-47604");
    assertThat(robot.lookup("#details-launch").queryAs(TextField.class).getText())
        .contains("<redacted:9c41e2>");
  }

  @Test
  void acknowledgeMarksAMediumFindingInTheStoreAndTheButton(FxRobot robot) {
    waitForRows(robot, 4);
    robot.clickOn("files");
    waitUntil(() -> robot.lookup(".acknowledge").tryQuery().isPresent());

    robot.clickOn(".acknowledge");

    waitUntil(
        () -> robot.lookup(".acknowledge").queryAs(Button.class).getText().equals("Acknowledged"));
    assertThat(robot.lookup(".acknowledge").queryAs(Button.class).isDisabled()).isTrue();
    assertThat(data.acknowledgeCalls).containsExactly("f-broad-fs");
  }

  @Test
  void aCriticalFindingHasNoAcknowledgeButtonAndSaysHowItCloses(FxRobot robot) {
    waitForRows(robot, 4);
    robot.clickOn("postmark");
    waitUntil(() -> robot.lookup(".finding-resolution").tryQuery().isPresent());

    assertThat(robot.lookup(".finding-resolution").queryAs(Label.class).getText())
        .contains("cannot be acknowledged", "fixed", "reviewer");
    assertThat(robot.lookup(".acknowledge").tryQuery()).isEmpty();
  }

  @Test
  void searchBoxAndStatusFilterNarrowTheTable(FxRobot robot) {
    waitForRows(robot, 4);

    robot.clickOn("#server-search").write("github");
    waitUntil(() -> table(robot).getItems().size() == 1);
    assertThat(table(robot).getItems().get(0).name()).isEqualTo("github");

    robot.doubleClickOn("#server-search").eraseText(6);
    robot.clickOn("#server-filter").clickOn("Malicious");
    waitUntil(() -> table(robot).getItems().size() == 1);
    assertThat(table(robot).getItems().get(0).name()).isEqualTo("postmark");
  }

  @Test
  void sortingByWorstFindingPutsTheMaliciousServerFirst(FxRobot robot) {
    waitForRows(robot, 4);
    robot.clickOn("Server");
    waitUntil(() -> table(robot).getItems().get(0).name().equals("docs"));

    robot.clickOn("Worst finding");

    waitUntil(() -> table(robot).getItems().get(0).name().equals("postmark"));
    assertThat(table(robot).getItems().get(1).name()).isEqualTo("files");
  }

  @Test
  void copyReportPutsPlainTextOnTheClipboard(FxRobot robot) throws Exception {
    waitForRows(robot, 4);
    robot.clickOn("postmark");

    robot.clickOn("#copy-report");

    AtomicReference<String> clip = new AtomicReference<>();
    WaitForAsyncUtils.asyncFx(() -> clip.set(Clipboard.getSystemClipboard().getString()))
        .get(5, TimeUnit.SECONDS);
    assertThat(clip.get())
        .startsWith("Daylight report: MCP server \"postmark\"")
        .contains("Advisory: MAL-2025-47604 https://osv.dev/vulnerability/MAL-2025-47604");
    assertThat(text(robot, "#status")).isEqualTo("Report for postmark copied to the clipboard");
  }

  @Test
  void openConfigFolderOpensTheFoldersOfTheSelectedFile(FxRobot robot) {
    waitForRows(robot, 4);
    robot.clickOn("github");

    robot.clickOn("#open-folder");

    waitUntil(() -> !openedFolders.isEmpty());
    assertThat(openedFolders).containsExactly(Path.of("/home/ada/.config/Claude"));
  }

  @Test
  void keyboardAloneReachesSearchTableAndDetails(FxRobot robot) {
    waitForRows(robot, 4);

    robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
    waitUntil(() -> robot.lookup("#server-search").queryAs(TextField.class).isFocused());
    robot.write("vscode");
    waitUntil(() -> table(robot).getItems().size() == 1);
    robot.type(KeyCode.TAB, 2);
    waitUntil(() -> table(robot).isFocused());

    waitUntil(() -> text(robot, "#details-title").equals("files in vscode — unreviewed"));
    robot.press(KeyCode.ALT).type(KeyCode.C).release(KeyCode.ALT);
    waitUntil(() -> text(robot, "#status").equals("Report for files copied to the clipboard"));
  }

  @Test
  void scanRunsInTheBackgroundWhileTheWindowStaysResponsive(FxRobot robot) throws Exception {
    waitForRows(robot, 4);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    data.afterScan = List.of(InMemoryData.postmark());
    InMemoryData.ScanHook hook =
        () -> {
          started.countDown();
          release.await(10, TimeUnit.SECONDS);
        };
    data.scanHook = hook;

    robot.clickOn("#scan-now");
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(robot.lookup("#scan-progress").queryAs(ProgressBar.class).isVisible()).isTrue();
    assertThat(robot.lookup("#scan-now").queryAs(Button.class).isDisabled()).isTrue();
    robot.clickOn("#server-search").write("docs");
    waitUntil(() -> table(robot).getItems().size() == 1);

    release.countDown();
    waitUntil(() -> text(robot, "#status").equals("Scan finished"));
    robot.doubleClickOn("#server-search").eraseText(4);
    waitForRows(robot, 1);
    assertThat(robot.lookup("#scan-progress").queryAs(ProgressBar.class).isVisible()).isFalse();
  }

  @Test
  void aStoreChangeByTheDaemonShowsUpWithoutAClick(FxRobot robot) {
    waitForRows(robot, 4);

    data.store(List.of(InMemoryData.postmark()));
    session.refreshIfChanged();

    waitForRows(robot, 1);
  }

  @Test
  void aiAppsTabListsAppsWithTheirEvidence(FxRobot robot) {
    waitForRows(robot, 4);
    robot.clickOn("AI apps");

    robot.clickOn("Ollama");

    @SuppressWarnings("unchecked")
    ListView<String> evidence = robot.lookup("#app-evidence").queryAs(ListView.class);
    waitUntil(() -> evidence.getItems().size() == 2);
    assertThat(evidence.getItems()).contains("port: listening on 127.0.0.1:11434");
  }

  @Test
  void findingsAboutTheComputerHaveTheirOwnTab(FxRobot robot) {
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
            "Delete the cached copy."));
    data.store(data.servers());
    session.refreshIfChanged();
    waitUntil(() -> robot.lookup("This computer (1)").tryQuery().isPresent());

    robot.clickOn("This computer (1)");
    waitUntil(() -> robot.lookup("#host-findings .finding-resolution").tryQuery().isPresent());
    assertThat(robot.lookup("#host-findings .acknowledge").tryQuery()).isEmpty();
  }

  @Test
  void theNoTrayExplanationIsShownAboveTheToolbar(FxRobot robot) {
    String why =
        "This desktop has no system tray, so Daylight runs as this window. Closing it quits "
            + "Daylight; the background agent keeps scanning. This sentence is long enough to wrap.";
    Label banner = robot.lookup("#banner").queryAs(Label.class);
    assertThat(banner.isVisible()).isFalse();

    robot.interact(() -> window.explain(why));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(banner.isVisible()).isTrue();
    assertThat(banner.getText()).isEqualTo(why);
  }

  private static void waitForRows(FxRobot robot, int n) {
    waitUntil(() -> table(robot).getItems().size() == n);
  }

  @SuppressWarnings("unchecked")
  private static TableView<ServerRow> table(FxRobot robot) {
    return robot.lookup("#servers-table").queryAs(TableView.class);
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  private static String texts(Node root) {
    StringBuilder all = new StringBuilder();
    root.lookupAll(".label").forEach(n -> all.append(((Label) n).getText()).append('\n'));
    return all.toString();
  }

  private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("condition not met within 5 s", e);
    }
  }
}
