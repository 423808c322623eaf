package dev.daylight.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordWriterTest {
  /** Every field of every record an inventory holds set, with text that needs escaping. */
  private static Inventory full() {
    Map<String, String> fingerprints = new LinkedHashMap<>();
    fingerprints.put("env.GITHUB_TOKEN", "<redacted:0a1b2c3d>");
    fingerprints.put("arg.3", "<redacted:99887766>");
    PackageRef pkg = new PackageRef("pkg:npm/%40scope/n\u00e4me@1.0.16", "npm", "@scope/n\u00e4me", "1.0.16",
        true, "cache");
    McpServer server = new McpServer("id1", "cursor", Scope.PROJECT, "C:\\Users\\ann\\.cursor\\mcp.json", 7,
        "post\"mark</script>", Transport.SSE, "npx", List.of("-y", "postmark-mcp", "--token", "<redacted>"),
        "https://h.example/mcp?key=<redacted>", false, List.of("GITHUB_TOKEN", "X"), List.of("Authorization"),
        pkg, "https://remote.example/sse", fingerprints, "ann", Approval.REFUSED, "deniedMcpServers in /etc/x.json");
    Evidence evidence = Evidence.file("/h/.cursor/mcp.json", 7, "npx -y postmark-mcp\ttab\u0001");
    return new Inventory(SchemaVersion.CURRENT, "scan-\u2603", Instant.parse("2026-12-02T17:43:06.123456789Z"),
        Instant.parse("2026-12-02T17:43:07Z"),
        new Host("dev-1", "ann-laptop", "windows", "11", "amd64", "ann", "SN1"),
        List.of(new Client("cursor", "Cursor", "app", "0.42", List.of(evidence), "ann")),
        List.of(server, server.withPackage(null).withApproval(null)),
        List.of(new InstalledPackage("pkg:npm/postmark-mcp@1.0.16", "npm", "postmark-mcp", "1.0.16", "npx-cache",
            "/h/.npm/_npx/1/node_modules/postmark-mcp", "ab".repeat(32))),
        List.of(new Finding("f1", "malicious-package", Severity.CRITICAL, "t", "id1", "pkg:npm/postmark-mcp",
            "MAL-2025-47604", evidence, "remove it"),
            new Finding("f2", "unpinned", Severity.INFO, "u", null, null, null, null, null)),
        List.of(new ScanError("/h/x.json", "malformed JSON at line 3, column 1")));
  }

  private static String viaMapper(Object value) throws Exception {
    return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
  }

  private static String viaWriter(Object value) throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      RecordWriter.write(g, value);
    }
    return out.toString();
  }

  @Test
  void writesTheMappersBytesForAFullInventory() throws Exception {
    Inventory inv = full();
    assertThat(viaWriter(inv)).isEqualTo(viaMapper(inv));
  }

  @Test
  void theFullInventoryLeavesNoFieldOfAnyRecordNull() throws Exception {
    // So a component added to any protocol record later is covered by the test above only once
    // this fixture sets it: a new field left null here fails, pointing at what to add.
    List<String> nulls = new ArrayList<>();
    collectNulls(Json.mapper().valueToTree(full()), "", nulls);
    assertThat(nulls).containsOnly(
        ".servers[1].package", ".servers[1].approval",
        ".findings[1].serverId", ".findings[1].purl", ".findings[1].advisory", ".findings[1].evidence",
        ".findings[1].remediation");
  }

  private static void collectNulls(JsonNode n, String at, List<String> out) {
    if (n.isNull()) {
      out.add(at);
    }
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> collectNulls(e.getValue(), at + "." + e.getKey(), out));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        collectNulls(n.get(i), at + "[" + i + "]", out);
      }
    }
  }

  @Test
  void writesTheMappersBytesForEmptyAndNullFields() throws Exception {
    Inventory bare = new Inventory(SchemaVersion.CURRENT, "s", null, null,
        new Host(null, null, "linux", null, null, null, null), null, null, null, null, null);
    assertThat(viaWriter(bare)).isEqualTo(viaMapper(bare));
    assertThat(viaWriter(bare)).contains("\"clients\" : [ ]").contains("\"startedAt\" : null");
  }

  @Test
  void preparingAheadChangesNothingWritten() throws Exception {
    String before = viaWriter(full());
    RecordWriter.prepare(Inventory.class);
    RecordWriter.prepare(Inventory.class);
    assertThat(viaWriter(full())).isEqualTo(before).isEqualTo(viaMapper(full()));
  }

  @Test
  void refusesTypesAnInventoryDoesNotHold() {
    JsonNode tree = Json.mapper().createObjectNode();
    assertThatThrownBy(() -> viaWriter(tree)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ObjectNode");
  }
}
