package dev.daylight.agent.guard;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install ledger holds hashes and Daylight's own text, never a copy of a settings file: a
 * canary token in the settings never reaches the state folder, and ledgers of the first format
 * (which held copies) are re-recorded and their copies deleted.
 */
class GuardLedgerTest {
  static final String CANARY = "sk-ant-api03-CanaryCanaryCanaryCanary-0123456789";
  static final String SETTINGS =
      """
      {
        "env": {
          "ANTHROPIC_API_KEY": "%s"
        },
        "hooks": {
          "PreToolUse": [
            { "matcher": "Bash", "hooks": [ { "type": "command", "command": "~/bin/check.sh" } ] }
          ]
        }
      }
      """
          .formatted(CANARY);

  @TempDir Path home;
  @TempDir Path state;

  GuardInstaller user() {
    return new GuardInstaller(state, Layout.of(Os.LINUX, home), false);
  }

  Path settings() throws IOException {
    Path f = home.resolve(".claude/settings.json");
    Files.createDirectories(f.getParent());
    return f;
  }

  @Test
  void installInsertsOnlyDaylightsEntryAndTheLedgerHoldsNoCopy() throws Exception {
    Path f = settings();
    Files.writeString(f, SETTINGS);
    user().install(GuardMode.AUDIT, Set.of("claude-code"));
    String after = Files.readString(f);
    // Everything that was there stays as it was, byte for byte; Daylight's group follows the
    // user's.
    int at = after.indexOf(", {\"matcher\":\"mcp__.*\"");
    assertThat(at).isPositive();
    String ours = after.substring(at, after.indexOf("}]}", at) + 3);
    assertThat(after.substring(0, at) + after.substring(at + ours.length())).isEqualTo(SETTINGS);
    assertThat(ours).contains("daylight-guard", "--client claude-code", "\"timeout\":10");
    assertThat(Json.mapper().readTree(after).path("hooks").path("PreToolUse")).hasSize(2);
    assertNoCanaryIn(state);
    JsonNode ledger =
        Json.mapper().readTree(InstallLedger.path(state, "claude-code", false).toFile());
    assertThat(ledger.path("originalSha256").asText())
        .isEqualTo(DigestUtils.sha256Hex(SETTINGS.getBytes(UTF_8)));
    assertThat(ledger.has("original")).isFalse();

    assertThat(user().uninstall(Set.of()).get(0).outcome())
        .isEqualTo(GuardInstaller.Outcome.RESTORED);
    assertThat(Files.readString(f)).isEqualTo(SETTINGS);
  }

  @Test
  void reinstallingWithAnotherModeReplacesTheEntryAndUninstallStillRestoresTheBytes()
      throws Exception {
    Path f = settings();
    Files.writeString(f, SETTINGS);
    user().install(GuardMode.AUDIT, Set.of("claude-code"));
    assertThat(user().install(GuardMode.ENFORCE, Set.of("claude-code")).get(0).outcome())
        .isEqualTo(GuardInstaller.Outcome.INSTALLED);
    String after = Files.readString(f);
    assertThat(after).contains("--mode enforce").doesNotContain("--mode audit");
    assertThat(Json.mapper().readTree(after).path("hooks").path("PreToolUse")).hasSize(2);
    assertThat(user().install(GuardMode.ENFORCE, Set.of("claude-code")).get(0).outcome())
        .isEqualTo(GuardInstaller.Outcome.UNCHANGED);
    assertThat(user().uninstall(Set.of()).get(0).outcome())
        .isEqualTo(GuardInstaller.Outcome.RESTORED);
    assertThat(Files.readString(f)).isEqualTo(SETTINGS);
  }

  @Test
  void aChangeElsewhereInTheFileIsKeptAndOnlyDaylightsTextIsCut() throws Exception {
    Path f = settings();
    Files.writeString(f, "{\"model\": \"opus\"}\n");
    user().install(GuardMode.AUDIT, Set.of("claude-code"));
    String edited = Files.readString(f).replace("\"opus\"", "\"sonnet\",   \"theme\": \"dark\"");
    Files.writeString(f, edited);
    assertThat(user().uninstall(Set.of()).get(0).outcome())
        .isEqualTo(GuardInstaller.Outcome.REMOVED);
    assertThat(Files.readString(f)).isEqualTo("{\"model\": \"sonnet\",   \"theme\": \"dark\"}\n");
  }

  @Test
  void aLedgerOfTheFirstFormatIsReRecordedWithoutItsCopyAndStillRestoresTheBytes()
      throws Exception {
    Path f = settings();
    // What the first format left behind: the file rewritten with Daylight's hook, the original in
    // the ledger.
    Files.writeString(
        f,
        Json.mapper()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(
                Json.mapper()
                    .readTree(
                        SETTINGS.replace(
                            "~/bin/check.sh\" } ] }",
                            "~/bin/check.sh\" } ] }, {\"matcher\": \"mcp__.*\", \"hooks\": [{\"type\": \"command\","
                                + " \"command\": \"'/x/daylight-guard' --client claude-code --mode audit\", \"timeout\": 10}]}"))));
    Path ledger = legacyLedger(f, SETTINGS.getBytes(UTF_8), Files.readAllBytes(f));

    GuardInstaller.migrateLedgers(state);

    assertNoCanaryIn(state);
    assertThat(Files.readString(ledger))
        .doesNotContain(Base64.getEncoder().encodeToString(SETTINGS.getBytes(UTF_8)));
    String now = Files.readString(f);
    assertThat(now)
        .startsWith(SETTINGS.substring(0, SETTINGS.indexOf("~/bin/check.sh") + 20))
        .contains("'/x/daylight-guard' --client claude-code --mode audit");
    assertThat(user().uninstall(Set.of()).get(0).outcome())
        .isEqualTo(GuardInstaller.Outcome.RESTORED);
    assertThat(Files.readString(f)).isEqualTo(SETTINGS);
    assertThat(ledger).doesNotExist();
  }

  @Test
  void aFirstFormatLedgerOfAFileChangedSinceLosesItsCopyAndUninstallRemovesOnlyDaylightsEntry()
      throws Exception {
    Path f = settings();
    String installed =
        "{\"env\": {\"ANTHROPIC_API_KEY\": \""
            + CANARY
            + "\"}, \"hooks\": {\"PreToolUse\": [{\"matcher\":"
            + " \"mcp__.*\", \"hooks\": [{\"type\": \"command\", \"command\": \"'/x/daylight-guard' --client claude-code\"}]}]}}";
    legacyLedger(f, SETTINGS.getBytes(UTF_8), installed.getBytes(UTF_8));
    Files.writeString(f, installed.replace("{\"env\"", "{\"model\": \"opus\", \"env\""));

    user().install(GuardMode.AUDIT, Set.of("cursor")); // any installer run migrates first

    assertNoCanaryIn(state);
    assertThat(user().uninstall(Set.of("claude-code")).get(0).outcome())
        .isEqualTo(GuardInstaller.Outcome.REMOVED);
    JsonNode left = Json.mapper().readTree(f.toFile());
    assertThat(left.path("model").asText()).isEqualTo("opus");
    assertThat(left.toString()).doesNotContain("daylight-guard");
  }

  @Test
  void anUnreadableOldLedgerIsRemovedAndTheOthersAreStillReRecorded() throws Exception {
    Path f = settings();
    Path good = legacyLedger(f, SETTINGS.getBytes(UTF_8), "{}".getBytes(UTF_8));
    // A copy whose Base64 is broken, of a client Daylight no longer has: neither may stay.
    Path broken = good.resolveSibling("cursor.user.json");
    Files.writeString(broken, "{\"file\": \"x\", \"original\": \"%%" + CANARY + "\"}");
    Path unknown = good.resolveSibling("retired-client.user.json");
    Files.copy(good, unknown);

    Path notJson = good.resolveSibling("gemini-cli.user.json");
    Files.writeString(notJson, "{\"original\": \"" + CANARY);

    GuardInstaller.migrateLedgers(state);

    assertThat(broken).doesNotExist();
    assertThat(notJson).doesNotExist();
    assertThat(unknown).exists();
    assertNoCanaryIn(state);
  }

  private Path legacyLedger(Path file, byte[] original, byte[] written) throws IOException {
    Path ledger = InstallLedger.path(state, "claude-code", false);
    Files.createDirectories(ledger.getParent());
    Files.writeString(
        ledger,
        "{\"file\": \""
            + file
            + "\", \"original\": \""
            + Base64.getEncoder().encodeToString(original)
            + "\", \"exact\": true, \"written\": \""
            + DigestUtils.sha256Hex(written)
            + "\"}");
    return ledger;
  }

  static void assertNoCanaryIn(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), ISO_8859_1);
        assertThat(bytes).as(f.toString()).doesNotContain(CANARY);
        assertThat(bytes).as(f.toString()).doesNotContain("\"original\"");
      }
    }
  }
}
