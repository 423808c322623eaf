package dev.daylight.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Daylight's entry goes in as pieces of text; taking them out gives the original back exactly. */
class SettingsSpliceTest {
  static HookTarget target(String client) {
    return HookTargets.load().stream()
        .filter(t -> t.client().equals(client))
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{ }\n",
        "{\"hooks\": {}}",
        "{\r\n  \"hooks\": {\r\n    \"beforeShellExecution\": [{\"command\": \"a.sh\"}]\r\n  }\r\n}\r\n",
        "{\"hooks\": {\"beforeMCPExecution\": []}, \"version\": 1}",
        "{\"hooks\": {\"beforeMCPExecution\": [ {\"command\": \"log.sh\"} ] }, \"note\": \"gr\u00fc\u00dfe \u2603 \\\"quoted\\\" }\"}",
        "  \n"
      })
  void cursorEntryGoesInAsPiecesAndComesOutToTheSameText(String original) throws Exception {
    HookTarget cursor = target("cursor");
    SettingsSplice.Spliced s =
        SettingsSplice.install(original, cursor, "'/s/daylight-guard' --client cursor");
    JsonNode after = Json.mapper().readTree(s.text());
    assertThat(after.path("version").asInt()).isEqualTo(1);
    JsonNode list = after.path("hooks").path("beforeMCPExecution");
    assertThat(list.get(list.size() - 1).path("command").asText())
        .isEqualTo("'/s/daylight-guard' --client cursor");
    assertThat(SettingsEdit.installed(s.text(), cursor)).isTrue();
    assertThat(SettingsSplice.undo(s.text(), s.pieces())).contains(original);
    // Every piece is Daylight's own text: nothing of the original is in the record.
    assertThat(s.pieces()).allSatisfy(p -> assertThat(original).doesNotContain(p.text().strip()));
  }

  @Test
  void aGroupedEntryFollowsTheUsersGroupsAndKeepsTheirFormatting() throws Exception {
    String original =
        "{\n    \"hooks\": {\n        \"BeforeTool\": [\n            {\"matcher\": \"run_shell_command\","
            + " \"hooks\": [{\"type\": \"command\", \"command\": \"check.sh\"}]}\n        ]\n    }\n}\n";
    SettingsSplice.Spliced s =
        SettingsSplice.install(original, target("gemini-cli"), "x/daylight-guard");
    assertThat(s.pieces()).hasSize(1);
    assertThat(s.text())
        .startsWith(
            original.substring(0, original.indexOf("}]}") + 3) + ", {\"matcher\":\"^mcp_\"");
    JsonNode hook =
        Json.mapper()
            .readTree(s.text())
            .path("hooks")
            .path("BeforeTool")
            .get(1)
            .path("hooks")
            .get(0);
    assertThat(hook.path("timeout").asInt()).isEqualTo(10000);
    assertThat(hook.path("command").asText()).isEqualTo("x/daylight-guard");
  }

  @Test
  void aPieceThatMovedIsNotUndoneInPlaceButCanBeCut() throws Exception {
    SettingsSplice.Spliced s =
        SettingsSplice.install("{\"a\": 1}", target("windsurf"), "x/daylight-guard");
    String moved = "{\"b\": 2, " + s.text().substring(1);
    assertThat(SettingsSplice.undo(moved, s.pieces())).isEmpty();
    assertThat(SettingsSplice.cut(moved, s.pieces())).contains("{\"b\": 2, \"a\": 1}");
    assertThat(SettingsSplice.cut(moved + moved, s.pieces())).as("found twice").isEmpty();
  }

  @Test
  void notAnObjectOrAHooksValueOfTheWrongKindIsRefused() {
    for (String bad :
        List.of(
            "[]",
            "{\"hooks\": []}",
            "{\"hooks\": {\"pre_mcp_tool_use\": {}}}",
            "{\"a\": 1 // c\n}",
            // Deeper than the bounded parser reads: refused up front, not failed half-way.
            "{\"x\": " + "[".repeat(200) + "]".repeat(200) + "}")) {
      assertThatThrownBy(() -> SettingsSplice.install(bad, target("windsurf"), "x/daylight-guard"))
          .as(bad)
          .isInstanceOf(SettingsEdit.Unusable.class);
    }
  }
}
