package dev.daylight.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardBlockNoticesTest {
  @TempDir Path state;

  void hookRecords(String decision, String tool, String reason) throws Exception {
    Path spool = state.resolve("guard/spool.jsonl");
    Files.createDirectories(spool.getParent());
    Files.writeString(
        spool,
        "{\"ts\":\"2026-12-04T15:00:00Z\",\"client\":\"claude-code\",\"server\":\"postmark\","
            + "\"tool\":\""
            + tool
            + "\",\"project\":\"/p\",\"decision\":\""
            + decision
            + "\",\"reason\":\""
            + reason
            + "\"}\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  @Test
  void eachBlockedServerAndToolIsAnnouncedOnceEvenAcrossRestarts() throws Exception {
    List<Notification> shown = new ArrayList<>();
    Path ledgerFile = state.resolve("tray/notified-findings.txt");
    GuardBlockNotices notices =
        new GuardBlockNotices(state, NotifiedLedger.at(ledgerFile), shown::add, () -> false);
    String suspended = "Daylight: postmark-mcp changed to 1.0.16 and is suspended until reviewed";
    hookRecords("deny", "send_email", suspended);
    hookRecords("deny", "send_email", suspended);
    hookRecords("audit", "list_templates", suspended);
    notices.poll();
    assertThat(shown)
        .extracting(Notification::text)
        .containsExactly("Daylight blocked postmark send_email: trust suspended (claude-code).");
    hookRecords("deny", "send_email", suspended);
    notices.poll();
    assertThat(shown).hasSize(1);

    GuardBlockNotices afterRestart =
        new GuardBlockNotices(state, NotifiedLedger.at(ledgerFile), shown::add, () -> false);
    hookRecords(
        "deny", "send_batch", "Daylight: pkg:npm/postmark-mcp@1.0.16 is a known-malicious package");
    afterRestart.poll();
    assertThat(shown)
        .extracting(Notification::text)
        .containsExactly(
            "Daylight blocked postmark send_email: trust suspended (claude-code).",
            "Daylight blocked postmark send_batch: known-malicious package (claude-code).");
  }

  @Test
  void pausedNotificationsAreNotShownLater() throws Exception {
    List<Notification> shown = new ArrayList<>();
    GuardBlockNotices notices =
        new GuardBlockNotices(state, NotifiedLedger.inMemory(), shown::add, () -> true);
    hookRecords("deny", "send_email", "Daylight: server 'postmark' is denied by the fleet policy");
    notices.poll();
    assertThat(shown).isEmpty();
  }
}
