package dev.daylight.agent.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0: one rule per finding rule, one result per finding, located at the config file and
 * line the finding's evidence names. {@code security-severity} is what GitHub code scanning ranks by.
 */
final class SarifExport {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifExport() {}

  static String write(Inventory inv, String toolVersion) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("version", "2.1.0");
    root.put("$schema", SCHEMA);
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "daylight");
    driver.put("version", toolVersion);
    driver.put("informationUri", "https://github.com/daylight-dev/daylight");
    Map<String, ObjectNode> rules = new LinkedHashMap<>();
    ArrayNode results = Json.mapper().createArrayNode();
    for (Finding f : inv.findings()) {
      rules.computeIfAbsent(f.rule(), id -> rule(f));
      results.add(result(f));
    }
    ArrayNode ruleArray = driver.putArray("rules");
    rules.values().forEach(ruleArray::add);
    run.set("results", results);
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode rule(Finding f) {
    ObjectNode r = Json.mapper().createObjectNode();
    r.put("id", f.rule());
    r.put("name", f.rule());
    r.putObject("shortDescription").put("text", f.rule().replace('-', ' '));
    ObjectNode props = r.putObject("properties");
    props.put("security-severity", securitySeverity(f));
    props.putArray("tags").add("security").add("mcp");
    return r;
  }

  private static ObjectNode result(Finding f) {
    ObjectNode r = Json.mapper().createObjectNode();
    r.put("ruleId", f.rule());
    r.put("level", switch (f.severity()) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    });
    String text = f.title() + (f.remediation() == null ? "" : ". " + f.remediation());
    r.putObject("message").put("text", text);
    if (f.evidence() != null && f.evidence().file() != null) {
      ObjectNode loc = r.putArray("locations").addObject().putObject("physicalLocation");
      loc.putObject("artifactLocation").put("uri", fileUri(f.evidence().file()));
      if (f.evidence().line() != null && f.evidence().line() > 0) {
        loc.putObject("region").put("startLine", f.evidence().line());
      }
    }
    r.putObject("partialFingerprints").put("daylightFindingId/v1", f.id());
    ObjectNode props = r.putObject("properties");
    props.put("severity", f.severity().wire());
    if (f.advisory() != null) {
      props.put("advisory", f.advisory());
    }
    if (f.purl() != null) {
      props.put("purl", f.purl());
    }
    return r;
  }

  /** {@code /home/u/.cursor/mcp.json} or a Windows drive path as a file URI. */
  static String fileUri(String path) {
    String p = path.replace('\\', '/');
    if (p.matches("^[A-Za-z]:/.*")) {
      p = "/" + p;
    }
    try {
      return new URI("file", "", p, null).toASCIIString();
    } catch (URISyntaxException e) {
      return "file://" + p;
    }
  }

  private static String securitySeverity(Finding f) {
    return switch (f.severity()) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "0.0";
    };
  }
}
