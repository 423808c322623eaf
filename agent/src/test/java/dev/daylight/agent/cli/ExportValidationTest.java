package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.daylight.agent.export.OcsfSchema;
import dev.daylight.protocol.Json;
import dev.daylight.testing.Requires;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A --home scan stored and exported through the real CLI, each format checked by its validator:
 * CycloneDX by cyclonedx-core-java's, SARIF against the official 2.1.0 schema (networknt, format
 * assertions on), OCSF against the 1.5 requirements of the classes and objects it uses. The home
 * holds what broke them: redacted marks in URLs, a floating package version, no hostname.
 */
class ExportValidationTest {
  @TempDir Path home;
  @TempDir Path state;

  private String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    assertThat(exit).as(err.toString()).isIn(ExitCodes.OK, ExitCodes.FINDINGS);
    return out.toString();
  }

  @BeforeEach
  void scanned() throws Exception {
    Path config = home.resolve(".cursor/mcp.json");
    Files.createDirectories(config.getParent());
    Files.writeString(
        config,
        """
        {"mcpServers": {
          "postmark": {"command": "npx", "args": ["-y", "postmark-mcp@1.0.16"]},
          "floating": {"command": "npx", "args": ["-y", "floating-mcp"], "env": {"API_TOKEN": "tok-123456"}},
          "remote": {"url": "https://mcp.example.com/a b/sse?token=abc123secret"},
          "hook": {"url": "https://hooks.slack.com/services/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"}
        }}""");
    run(
        "scan",
        "--home",
        home.toString(),
        "--os",
        "linux",
        "--no-host",
        "--format",
        "json",
        "--state-dir",
        state.toString());
  }

  private String export(String format) {
    return run("export", "--format", format, "--state-dir", state.toString());
  }

  @Test
  void cycloneDxPassesTheLibrarysValidatorWithIriSafeEndpoints() throws Exception {
    String json = export("cyclonedx");
    assertThat(new JsonParser().validate(json, Version.VERSION_16)).isEmpty();
    JsonNode bom = Json.mapper().readTree(json);
    assertThat(bom.path("services").findValues("endpoints")).hasSize(2);
    for (JsonNode endpoint : bom.path("services").findValues("endpoints")) {
      assertThat(endpoint.get(0).asText()).doesNotContain("<", ">", " ");
    }
    assertThat(json).contains("/a%20b/sse?token=%3Credacted:", "/B08ABCD1234/%3Credacted:");
    // The validator checks IRIs: the raw marks this export used to write are refused.
    String raw = json.replace("%3C", "<").replace("%3E", ">");
    assertThat(new JsonParser().validate(raw, Version.VERSION_16)).isNotEmpty();
  }

  @Test
  void sarifIsValidAgainstTheOfficialSchema() throws Exception {
    String sarif = export("sarif");
    JsonSchema schema;
    try (InputStream in =
        getClass().getResourceAsStream("/dev/daylight/agent/export/sarif-schema-2.1.0.json")) {
      schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
              .getSchema(
                  in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }
    JsonNode tree = Json.mapper().readTree(sarif);
    Set<ValidationMessage> errors = schema.validate(tree);
    assertThat(errors).isEmpty();
    JsonNode results = tree.path("runs").get(0).path("results");
    assertThat(results.size()).isPositive();
    for (JsonNode r : results) {
      assertThat(r.path("message").path("text").asText()).endsWith(".");
    }
    assertThat(
            tree.path("runs")
                .get(0)
                .path("tool")
                .path("driver")
                .path("rules")
                .findValuesAsText("name"))
        .contains("MaliciousPackage");

    // The validator is live: a result without its message is refused.
    ((com.fasterxml.jackson.databind.node.ObjectNode) results.get(0)).remove("message");
    assertThat(schema.validate(tree)).isNotEmpty();
  }

  @Test
  void sarifDrawsNoErrorOrWarningFromTheSarifMultitool() throws Exception {
    Path tool =
        Requires.onPath(
            "sarif-multitool",
            "the SARIF multitool is not installed (npm install -g @microsoft/sarif-multitool,"
                + " as .ci/run does): its validation is skipped");
    Path log = Files.writeString(state.resolve("export.sarif"), export("sarif"));
    assertThat(multitoolProblems(tool, log)).isEmpty();

    // The tool is live: a rule whose name repeats its id draws its SARIF1001 warning.
    ObjectNode tree = (ObjectNode) Json.mapper().readTree(log.toFile());
    ObjectNode rule =
        (ObjectNode) tree.path("runs").get(0).path("tool").path("driver").path("rules").get(0);
    rule.put("name", rule.get("id").asText());
    Files.write(log, Json.mapper().writeValueAsBytes(tree));
    assertThat(multitoolProblems(tool, log)).anySatisfy(p -> assertThat(p).startsWith("SARIF1001"));
  }

  /** The multitool's errors and warnings for {@code log}, as "RULE: message". */
  private List<String> multitoolProblems(Path tool, Path log) throws Exception {
    Path report = state.resolve("validation.sarif");
    Files.deleteIfExists(report);
    ProcessBuilder pb =
        new ProcessBuilder(
                tool.toString(), "validate", log.toString(), "--output", report.toString())
            .redirectErrorStream(true);
    pb.environment().put("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1"); // no ICU needed
    Process p = pb.start();
    String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(console).isZero();
    List<String> problems = new ArrayList<>();
    for (JsonNode r : Json.mapper().readTree(report.toFile()).path("runs").get(0).path("results")) {
      String level = r.path("level").asText("warning");
      if (level.equals("error") || level.equals("warning")) {
        problems.add(r.path("ruleId").asText() + ": " + r.path("message").toString());
      }
    }
    return problems;
  }

  @Test
  void ocsfEventsAreValidAgainstTheOfficial150Schema() throws Exception {
    JsonNode events = Json.mapper().readTree(export("ocsf"));
    OcsfSchema schema = OcsfSchema.v150();
    assertThat(events.findValues("class_uid"))
        .extracting(JsonNode::asInt)
        .contains(5001, 5020, 2004);
    for (JsonNode e : events) {
      assertThat(schema.validate(e)).as(e.toString()).isEmpty();
    }
    // The validator is live: an unknown attribute, a wrong enum value and a missing required one.
    ObjectNode broken = (ObjectNode) events.get(0).deepCopy();
    broken.put("made_up", 1);
    broken.put("severity_id", 42);
    broken.remove("time");
    assertThat(schema.validate(broken)).hasSize(3);
    ObjectNode finding = (ObjectNode) events.get(events.size() - 1).deepCopy();
    assertThat(finding.path("class_uid").asInt()).isEqualTo(2004);
    finding.putObject("cloud").put("provider", "AWS");
    assertThat(schema.validate(finding))
        .singleElement()
        .asString()
        .contains("belongs to profile cloud");
    ((ObjectNode) finding.path("metadata")).putArray("profiles").add("cloud");
    assertThat(schema.validate(finding)).isEmpty();
    assertThat(events.size()).isGreaterThan(2);
    for (JsonNode e : events) {
      assertThat(e.path("metadata").path("version").asText()).isEqualTo("1.5.0");
      for (String required :
          new String[] {
            "category_uid",
            "class_uid",
            "activity_id",
            "type_uid",
            "severity_id",
            "time",
            "metadata"
          }) {
        assertThat(e.has(required)).as(required + " in " + e).isTrue();
      }
      JsonNode device = e.path("device");
      // device: type_id required; endpoint's constraint: at least one of name, uid, hostname, ip...
      assertThat(device.has("type_id")).isTrue();
      assertThat(device.has("name") || device.has("uid") || device.has("hostname"))
          .as(device.toString())
          .isTrue();
      if (e.has("sbom")) {
        assertThat(e.path("sbom").path("package").has("version")).as(e.toString()).isTrue();
      }
      if (e.path("class_uid").asInt() == 2004) {
        assertThat(e.path("finding_info").has("uid") && e.path("finding_info").has("title"))
            .isTrue();
      }
    }
    assertThat(events.findValues("unmapped"))
        .anySatisfy(u -> assertThat(u.path("purl").asText()).isEqualTo("pkg:npm/floating-mcp"));
  }
}
