package dev.daylight.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.ui.NeedsDisplay;
import dev.daylight.ui.apps.AppsViewModel;
import dev.daylight.ui.concurrent.FxExecutor;
import dev.daylight.ui.data.ServerRow;
import dev.daylight.ui.data.StoreData;
import dev.daylight.ui.servers.ServersViewModel;
import dev.daylight.ui.session.SessionViewModel;
import dev.daylight.ui.session.SystemDesktop;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
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
 * Each server's capability classes in the real window, from a fixture inventory recorded in the
 * agent's real store: words with a symbol, the evidence, "not known" with why (never "nothing"),
 * and the unapproved-capability finding as a finding card.
 */
@ExtendWith({NeedsDisplay.class, ApplicationExtension.class})
class CapabilitiesFxTest {
  private final FxExecutor executor = new FxExecutor();
  private Path state;
  private Store store;

  @Start
  void start(Stage stage) throws Exception {
    state = Files.createTempDirectory("daylight-cap-fx");
    store = Store.open(state);
    try (InputStream in =
        CapabilitiesFxTest.class.getResourceAsStream("capabilities-inventory.json")) {
      store.record(Json.mapper().readValue(in, Inventory.class));
    }
    StoreData data =
        new StoreData(
            store,
            context -> {
              throw new AssertionError("this test does not scan");
            },
            ScanContext.forHome(state, Os.LINUX));
    SessionViewModel session = new SessionViewModel(data, executor);
    new MainWindow(
        stage,
        session,
        new ServersViewModel(session, new SystemDesktop(), executor, Clock.systemUTC()),
        new AppsViewModel(session));
    stage.show();
    session.refresh();
  }

  @AfterEach
  void close() throws Exception {
    executor.close();
    store.close();
    try (Stream<Path> files = Files.walk(state)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void eachClassShowsAsWordsWithASymbolAndItsEvidence(FxRobot robot) {
    waitForRows(robot);
    robot.clickOn("postmark");
    waitUntil(() -> capabilities(robot).contains("Can send email"));

    // The words are the agent's labels (capability/classes.json), not a copy in the tray.
    assertThat(capabilities(robot))
        .isEqualTo(
            String.join(
                "\n",
                "✉ Can send email  (/home/ada/.npm/_npx/c3d4/node_modules/postmark-mcp/index.js:12 — require(\"postmark\"))",
                "⇄ Can fetch any URL or drive a browser  (/home/ada/.npm/_npx/c3d4/node_modules/postmark-mcp/index.js:40 — tool fetch_template)"));
    assertThat(canColumn(robot, "postmark")).isEqualTo("✉ ⇄");
  }

  @Test
  void aRemoteServerShowsTheHostAndAToolNameFromTheClientsRecords(FxRobot robot) {
    waitForRows(robot);
    robot.clickOn("mailer");
    waitUntil(() -> capabilities(robot).contains("Can send email"));

    assertThat(capabilities(robot))
        .isEqualTo(
            String.join(
                "\n",
                "✉ Can send email  (host mcp.postmarkapp.com)",
                "☎ Can post messages (chat, SMS)  (a client's record of a tool call: "
                    + "/home/ada/.claude/projects/shop/log.jsonl:77 — post_slack_message)"));
  }

  @Test
  void unknownCapabilitiesSayWhyAndNeverLookLikeNothing(FxRobot robot) {
    waitForRows(robot);
    robot.clickOn("notes");
    waitUntil(() -> capabilities(robot).startsWith("Capabilities not known"));

    assertThat(capabilities(robot))
        .isEqualTo(
            "Capabilities not known: its code could not be read: server.js is larger than 8 MB")
        .doesNotContain("No capability");
    assertThat(canColumn(robot, "notes")).isEqualTo("?");

    robot.clickOn("files");
    waitUntil(() -> capabilities(robot).startsWith("No capability"));
    assertThat(canColumn(robot, "files")).isEmpty();
  }

  @Test
  void anUnapprovedCapabilityFindingShowsLikeOtherFindings(FxRobot robot) {
    waitForRows(robot);
    robot.clickOn("postmark");
    waitUntil(() -> texts(robot.lookup("#details-findings").query()).contains("has no approval"));

    assertThat(texts(robot.lookup("#details-findings").query()))
        .contains(
            "High: postmark can send email (email-send) and has no approval",
            "Evidence: /home/ada/.npm/_npx/c3d4/node_modules/postmark-mcp/index.js:12 — require(\"postmark\")",
            "What to do: Ask the owner to approve it");
  }

  private static String capabilities(FxRobot robot) {
    return texts(robot.lookup("#details-capabilities").query()).strip();
  }

  @SuppressWarnings("unchecked")
  private static String canColumn(FxRobot robot, String server) {
    TableView<ServerRow> table = robot.lookup("#servers-table").queryAs(TableView.class);
    TableColumn<ServerRow, ?> can =
        table.getColumns().stream()
            .filter(c -> c.getText().equals("Can"))
            .findFirst()
            .orElseThrow();
    ServerRow row =
        table.getItems().stream().filter(r -> r.name().equals(server)).findFirst().orElseThrow();
    return String.valueOf(can.getCellObservableValue(row).getValue());
  }

  @SuppressWarnings("unchecked")
  private static void waitForRows(FxRobot robot) {
    waitUntil(() -> robot.lookup("#servers-table").queryAs(TableView.class).getItems().size() == 4);
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
