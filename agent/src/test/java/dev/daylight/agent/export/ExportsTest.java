package dev.daylight.agent.export;

import static dev.daylight.testing.Inventories.finding;
import static dev.daylight.testing.Inventories.npx;
import static dev.daylight.testing.Inventories.remote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Severity;
import dev.daylight.testing.Inventories;
import java.util.List;
import java.util.stream.StreamSupport;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class ExportsTest {
  static final McpServer PM = npx("postmark", "postmark-mcp", "1.0.16");
  static final McpServer GH = remote("github", "https://api.githubcopilot.com/mcp/");
  static final Finding MAL =
      new Finding(
          "mal:pm",
          "malicious-package",
          Severity.CRITICAL,
          "postmark-mcp 1.0.16 is malicious (MAL-2025-47295)",
          PM.id(),
          "pkg:npm/postmark-mcp@1.0.16",
          "MAL-2025-47295",
          Evidence.file(PM.configPath(), 3, "\"postmark\""),
          "Remove it",
          null);
  static final Inventory INV =
      Inventories.of(
          List.of(PM, GH),
          List.of(MAL, finding("hdr:gh", "remote-header-secret", Severity.MEDIUM, GH)));

  static JsonNode tree(String json) throws Exception {
    return Json.mapper().readTree(json);
  }

  @Test
  void cycloneDxIsValid16WithApplicationsServicesLibrariesAndMaliciousVulnerability()
      throws Exception {
    String json = Exports.render(Exports.Format.CYCLONEDX, INV, "0.1.0");
    assertThat(new JsonParser().validate(json, CycloneDxExport.VERSION)).isEmpty();
    JsonNode bom = tree(json);
    assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
    assertThat(bom.path("components").findValuesAsText("purl"))
        .contains("pkg:npm/postmark-mcp@1.0.16");
    assertThat(bom.path("components").findValuesAsText("type")).contains("application", "library");
    assertThat(bom.path("services").get(0).path("endpoints").get(0).asText())
        .isEqualTo("https://api.githubcopilot.com/mcp/");
    assertThat(bom.path("services").get(0).path("x-trust-boundary").asBoolean()).isTrue();
    JsonNode vuln = bom.path("vulnerabilities").get(0);
    assertThat(vuln.path("id").asText()).isEqualTo("MAL-2025-47295");
    assertThat(vuln.path("cwes").get(0).asInt()).isEqualTo(506);
    assertThat(vuln.path("affects").get(0).path("ref").asText())
        .isEqualTo("pkg:npm/postmark-mcp@1.0.16");
  }

  @Test
  void ocsfHasDeviceSoftwareAndDetectionFindingClassesWithTheirTypeUids() throws Exception {
    JsonNode events = tree(Exports.render(Exports.Format.OCSF, INV, "0.1.0"));
    List<Integer> classes =
        StreamSupport.stream(events.spliterator(), false)
            .map(e -> e.path("class_uid").asInt())
            .toList();
    assertThat(classes).containsExactly(5001, 5020, 2004, 2004);
    for (JsonNode e : events) {
      assertThat(e.path("type_uid").asLong())
          .isEqualTo(e.path("class_uid").asLong() * 100 + e.path("activity_id").asLong());
      assertThat(e.path("metadata").path("product").path("name").asText()).isEqualTo("Daylight");
      assertThat(e.has("severity_id") && e.has("time") && e.has("category_uid")).isTrue();
      assertThat(e.has("device")).isTrue();
    }
    JsonNode mal = events.get(2);
    assertThat(mal.path("severity_id").asInt()).isEqualTo(5);
    assertThat(mal.path("finding_info").path("uid").asText()).isEqualTo("mal:pm");
    assertThat(mal.path("malware").get(0).path("uid").asText()).isEqualTo("MAL-2025-47295");
    assertThat(events.get(1).path("sbom").path("package").path("purl").asText())
        .isEqualTo("pkg:npm/postmark-mcp@1.0.16");
  }

  @Test
  void sarifLocatesConfigFindingsAtFileAndLine() throws Exception {
    JsonNode sarif = tree(Exports.render(Exports.Format.SARIF, INV, "0.1.0"));
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    JsonNode run = sarif.path("runs").get(0);
    assertThat(run.path("tool").path("driver").path("rules").findValuesAsText("id"))
        .containsExactly("malicious-package", "remote-header-secret");
    JsonNode first = run.path("results").get(0);
    assertThat(first.path("level").asText()).isEqualTo("error");
    JsonNode loc = first.path("locations").get(0).path("physicalLocation");
    assertThat(loc.path("artifactLocation").path("uri").asText())
        .isEqualTo("file:///home/u/.cursor/mcp.json");
    assertThat(loc.path("region").path("startLine").asInt()).isEqualTo(3);
    assertThat(SarifExport.fileUri("C:\\Users\\A B\\.cursor\\mcp.json"))
        .isEqualTo("file:///C:/Users/A%20B/.cursor/mcp.json");
  }

  @Test
  void csvHasOneRowPerServerAndDefusesFormulas() {
    String csv = Exports.render(Exports.Format.CSV, INV, "0.1.0");
    String[] lines = csv.split("\r\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("client,scope,config_path");
    assertThat(lines[1]).contains("postmark", "pkg:npm/postmark-mcp@1.0.16", "critical");
    assertThat(CsvExport.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(CsvExport.cell("a,b")).isEqualTo("\"a,b\"");
  }

  @Test
  void jsonIsTheInventoryRecord() throws Exception {
    Inventory back =
        Json.mapper().readValue(Exports.render(Exports.Format.JSON, INV, "x"), Inventory.class);
    assertThat(back).isEqualTo(INV);
  }
}
