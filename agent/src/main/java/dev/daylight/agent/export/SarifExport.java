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
 * line the finding's evidence names. {@code security-severity} is what GitHub code scanning ranks
 * by.
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
    // SARIF2005: version is numeric; the full text (a snapshot, a development build) goes to the
    // SemVer field, which allows pre-release words.
    java.util.regex.Matcher numeric =
        java.util.regex.Pattern.compile("^\\d+(?:\\.\\d+)*").matcher(toolVersion);
    String version = numeric.find() ? numeric.group() : "0.0.0";
    driver.put("version", version);
    String semantic =
        toolVersion.matches("\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]*)?")
            ? toolVersion
            : version.equals("0.0.0")
                ? "0.0.0-" + toolVersion.replaceAll("[^0-9A-Za-z-]", "-")
                : null;
    if (semantic != null) {
      driver.put("semanticVersion", semantic);
    }
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
    // SARIF1001: a name that only repeats the id (a one-word rule) is left out.
    if (!pascal(f.rule()).equalsIgnoreCase(f.rule())) {
      r.put("name", pascal(f.rule()));
    }
    String words = f.rule().replace('-', ' ');
    r.putObject("shortDescription")
        .put("text", sentence(Character.toUpperCase(words.charAt(0)) + words.substring(1)));
    r.putObject("fullDescription")
        .put(
            "text",
            "Daylight's "
                + words
                + " rule, for the MCP servers AI clients launch and the packages they run.");
    if (f.remediation() != null) {
      r.putObject("help").put("text", sentence(f.remediation()));
    }
    ObjectNode props = r.putObject("properties");
    props.put("security-severity", securitySeverity(f));
    props.putArray("tags").add("security").add("mcp");
    return r;
  }

  private static ObjectNode result(Finding f) {
    ObjectNode r = Json.mapper().createObjectNode();
    r.put("ruleId", f.rule());
    r.put(
        "level",
        switch (f.severity()) {
          case CRITICAL, HIGH -> "error";
          case MEDIUM -> "warning";
          case LOW, INFO -> "note";
        });
    String text =
        sentence(f.title()) + (f.remediation() == null ? "" : " " + sentence(f.remediation()));
    r.putObject("message").put("text", text);
    if (f.evidence() != null && f.evidence().file() != null) {
      ObjectNode loc = r.putArray("locations").addObject().putObject("physicalLocation");
      loc.putObject("artifactLocation").put("uri", fileUri(f.evidence().file()));
      if (f.evidence().line() != null && f.evidence().line() > 0) {
        ObjectNode region = loc.putObject("region");
        region.put("startLine", f.evidence().line());
        if (f.evidence().text() != null) {
          region.putObject("snippet").put("text", f.evidence().text()); // already redacted
        }
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

  /** SARIF's rule SARIF2001: a message is one or more sentences, each ending with a period. */
  static String sentence(String text) {
    String t = text.strip();
    return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
  }

  /**
   * {@code malicious-package} as {@code MaliciousPackage}: SARIF's convention for a rule's name.
   */
  static String pascal(String rule) {
    StringBuilder out = new StringBuilder();
    for (String part : rule.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
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
