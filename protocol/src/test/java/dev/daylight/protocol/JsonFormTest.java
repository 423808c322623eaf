package dev.daylight.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFormTest {
  private static McpServer server() {
    return McpServer.builder()
        .id("s1")
        .client("cursor")
        .scope(Scope.USER)
        .configPath("/h/.cursor/mcp.json")
        .line(3)
        .name("postmark")
        .transport(Transport.STDIO)
        .command("npx")
        .args(List.of("-y", "postmark-mcp"))
        .enabled(true)
        .envKeys(List.of("POSTMARK_TOKEN"))
        .pkg(new PackageRef("pkg:npm/postmark-mcp", "npm", "postmark-mcp", null, false, null))
        .build();
  }

  @Test
  void serverUsesTheContractFieldNamesAndLowercaseEnums() throws Exception {
    JsonNode json = Json.mapper().valueToTree(server());
    assertThat(json.get("package").get("purl").asText()).isEqualTo("pkg:npm/postmark-mcp");
    assertThat(json.has("pkg")).isFalse();
    assertThat(json.get("transport").asText()).isEqualTo("stdio");
    assertThat(json.get("scope").asText()).isEqualTo("user");
    assertThat(json.get("package").get("version").isNull()).isTrue();
  }

  @Test
  void approvalIsAppendedLowercaseRoundTripsAndIsNullWhenAnOlderPeerLeftItOut() throws Exception {
    McpServer pending = server().withApproval(Approval.PENDING);
    assertThat(pending.enabled()).as("a pending server does not run").isFalse();
    JsonNode json = Json.mapper().valueToTree(pending);
    assertThat(json.get("approval").asText()).isEqualTo("pending");
    assertThat(Json.mapper().treeToValue(json, McpServer.class)).isEqualTo(pending);
    assertThat(server().withApproval(Approval.APPROVED).enabled()).isTrue();
    assertThat(server().withApproval(Approval.REFUSED).enabled()).isFalse();
    assertThat(server().withApproval(Approval.PENDING).withPackage(null).approval())
        .isEqualTo(Approval.PENDING);
    ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("approval");
    assertThat(Json.mapper().treeToValue(json, McpServer.class).approval()).isNull();
    assertThat(Json.mapper().valueToTree(server()).get("approval").isNull()).isTrue();
  }

  @Test
  void blockedByIsAppendedDisablesTheServerKeepsItsApprovalAndIsNullWhenAnOlderPeerLeftItOut()
      throws Exception {
    McpServer blocked = server().withApproval(Approval.APPROVED).withBlock("denied by policy");
    assertThat(blocked.enabled()).as("a blocked server does not run, even approved").isFalse();
    assertThat(blocked.approval()).isEqualTo(Approval.APPROVED);
    JsonNode json = Json.mapper().valueToTree(blocked);
    assertThat(json.get("blockedBy").asText()).isEqualTo("denied by policy");
    assertThat(Json.mapper().treeToValue(json, McpServer.class)).isEqualTo(blocked);
    assertThat(blocked.withPackage(null).withEnabled(false).blockedBy())
        .isEqualTo("denied by policy");
    ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("blockedBy");
    assertThat(Json.mapper().treeToValue(json, McpServer.class).blockedBy()).isNull();
    assertThat(Json.mapper().valueToTree(server()).get("blockedBy").isNull()).isTrue();
    assertThatThrownBy(() -> server().withBlock(null)).hasMessageContaining("reason");
  }

  @Test
  void inventoryRoundTripsAndIgnoresUnknownFields() throws Exception {
    Inventory inv =
        Inventory.builder()
            .schemaVersion(SchemaVersion.CURRENT)
            .scanId("scan-1")
            .startedAt(Instant.parse("2026-01-01T00:00:00Z"))
            .host(new Host(null, null, "linux", null, null, null, null))
            .servers(List.of(server()))
            .findings(
                List.of(
                    new Finding(
                        "f1",
                        "malicious-package",
                        Severity.CRITICAL,
                        "t",
                        "s1",
                        null,
                        "MAL-2025-47604",
                        Evidence.file("/h/.cursor/mcp.json", 3, "npx -y postmark-mcp"),
                        "r",
                        null)))
            .errors(List.of(new ScanError("/h/x.json", "truncated")))
            .build();
    String text = Json.mapper().writeValueAsString(inv);
    assertThat(text)
        .contains("\"startedAt\":\"2026-01-01T00:00:00Z\"")
        .contains("\"severity\":\"critical\"");
    String withExtra = text.replaceFirst("\\{", "{\"addedByANewerPeer\":42,");
    assertThat(Json.mapper().readValue(withExtra, Inventory.class)).isEqualTo(inv);
  }

  @Test
  void requiredFieldsAreChecked() {
    assertThatThrownBy(() -> new ScanError(null, "x")).hasMessageContaining("path");
    assertThatThrownBy(() -> Json.mapper().readValue("{\"kind\":\"snapshot\"}", Report.class))
        .hasMessageContaining("reportId");
  }

  @Test
  void severityOrdersWorstFirst() {
    assertThat(Severity.CRITICAL.atLeast(Severity.HIGH)).isTrue();
    assertThat(Severity.MEDIUM.atLeast(Severity.HIGH)).isFalse();
    assertThat(Severity.parse("High")).isEqualTo(Severity.HIGH);
  }

  @Test
  void fingerprintsKeepTheOrderTheyWereGivenInAndStillCompareAsMaps() {
    java.util.LinkedHashMap<String, String> given = new java.util.LinkedHashMap<>();
    for (String k : List.of("env.Z", "env.A", "header.M", "arg.3", "url.query.key")) {
      given.put(k, "<redacted:" + k.length() + ">");
    }
    McpServer.Builder b =
        McpServer.builder()
            .id("s1")
            .client("cursor")
            .scope(Scope.USER)
            .configPath("/h/.cursor/mcp.json")
            .line(3)
            .name("x")
            .transport(Transport.STDIO)
            .command("npx")
            .enabled(true)
            .secretFingerprints(given);
    McpServer s = b.build();
    assertThat(s.secretFingerprints().keySet())
        .containsExactly("env.Z", "env.A", "header.M", "arg.3", "url.query.key");
    assertThat(s.secretFingerprints()).isEqualTo(Map.copyOf(given));
    assertThatThrownBy(() -> s.secretFingerprints().put("k", "v"))
        .isInstanceOf(UnsupportedOperationException.class);
    given.put("env.NULL", null);
    assertThatThrownBy(b::build).isInstanceOf(NullPointerException.class);
  }

  @Test
  void eventTypesAndReportKindsKeepTheirWireNamesAndReadAnUnknownOneAsUnknown() throws Exception {
    ChangeEvent e =
        new ChangeEvent(
            "e1",
            ChangeType.PACKAGE_VERSION_CHANGED,
            Instant.EPOCH,
            null,
            null,
            null,
            null,
            "changed",
            null,
            null);
    JsonNode tree = Json.mapper().valueToTree(e);
    assertThat(tree.get("type").asText()).isEqualTo("package-version-changed");
    assertThat(Json.mapper().treeToValue(tree, ChangeEvent.class).type())
        .isEqualTo(ChangeType.PACKAGE_VERSION_CHANGED);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("type", "server-teleported");
    assertThat(Json.mapper().treeToValue(tree, ChangeEvent.class).type())
        .isEqualTo(ChangeType.UNKNOWN);
    assertThat(Json.mapper().writeValueAsString(ReportKind.DELTA)).isEqualTo("\"delta\"");
    assertThat(Json.mapper().readValue("\"full\"", ReportKind.class)).isEqualTo(ReportKind.UNKNOWN);
  }
}
