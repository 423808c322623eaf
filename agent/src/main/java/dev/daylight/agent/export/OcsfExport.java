package dev.daylight.agent.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.identity.Purls;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OCSF events, a JSON array: one Device Inventory Info (5001) for the workstation, one Software
 * Inventory Info (5020) per package a server runs or that is installed, one Detection Finding
 * (2004) per finding. type_uid = class_uid * 100 + activity_id, as the schema defines it.
 */
final class OcsfExport {
  static final String OCSF_VERSION = "1.5.0";

  private OcsfExport() {}

  static String write(Inventory inv, String toolVersion) {
    ArrayNode events = Json.mapper().createArrayNode();
    long time = (inv.finishedAt() != null ? inv.finishedAt() : inv.startedAt()).toEpochMilli();
    ObjectNode inventory = base(5, 5001, 2, 1, time, toolVersion);
    inventory.set("device", device(inv.host()));
    events.add(inventory);
    Map<String, ObjectNode> packages = new LinkedHashMap<>();
    for (McpServer s : inv.servers()) {
      PackageRef p = s.pkg();
      if (p != null) {
        packages.computeIfAbsent(
            Purls.base(p.purl()) + "@" + p.version(),
            k -> pkg(p.name(), p.version(), p.version() == null ? p.purl() : k, p.ecosystem()));
      }
    }
    for (InstalledPackage p : inv.packages()) {
      packages.computeIfAbsent(
          Purls.base(p.purl()) + "@" + p.version(),
          k -> pkg(p.name(), p.version(), p.version() == null ? p.purl() : k, p.ecosystem()));
    }
    for (ObjectNode p : packages.values()) {
      ObjectNode sw = base(5, 5020, 2, 1, time, toolVersion);
      sw.set("device", device(inv.host()));
      if (p.has("version")) {
        // 5020's own package attribute is deprecated since OCSF 1.4: the package goes in an SBOM.
        // Its components (the package's dependencies) are not inventoried, so none are listed.
        ObjectNode sbom = sw.putObject("sbom");
        sbom.set("package", p);
        sbom.putArray("software_components");
      } else {
        // OCSF's package object requires a version; a floating one leaves the attribute out.
        sw.putObject("unmapped").setAll(p);
      }
      events.add(sw);
    }
    Map<String, McpServer> servers = new LinkedHashMap<>();
    inv.servers().forEach(s -> servers.put(s.id(), s));
    for (Finding f : inv.findings()) {
      events.add(finding(f, servers.get(f.serverId()), inv.host(), time, toolVersion));
    }
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(events);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode base(
      int category, int cls, int activity, int severity, long time, String version) {
    ObjectNode e = Json.mapper().createObjectNode();
    e.put("category_uid", category);
    e.put("class_uid", cls);
    e.put("activity_id", activity);
    e.put("type_uid", cls * 100L + activity);
    e.put("severity_id", severity);
    e.put("time", time);
    ObjectNode meta = e.putObject("metadata");
    meta.put("version", OCSF_VERSION);
    ObjectNode product = meta.putObject("product");
    product.put("name", "Daylight");
    product.put("vendor_name", "Daylight");
    product.put("version", version);
    return e;
  }

  private static ObjectNode device(Host h) {
    ObjectNode d = Json.mapper().createObjectNode();
    d.put("type_id", 0);
    putIf(d, "hostname", h.hostname());
    putIf(d, "uid", h.deviceId());
    // OCSF wants a device named or identified: a --home scan has no hostname or device id.
    d.put(
        "name",
        h.hostname() != null
            ? h.hostname()
            : h.user() != null
                ? "home of " + h.user() + " (scanned folder)"
                : "scanned home folder");
    ObjectNode os = d.putObject("os");
    os.put("name", h.os() == null ? "unknown" : h.os());
    os.put("type_id", osType(h.os()));
    putIf(os, "version", h.osVersion());
    return d;
  }

  /** OCSF OS type ids: 100 Windows, 200 Linux, 300 macOS, 0 unknown. */
  private static int osType(String os) {
    if (os == null) {
      return 0;
    }
    return switch (os) {
      case "windows" -> 100;
      case "linux" -> 200;
      case "macos" -> 300;
      default -> 0;
    };
  }

  private static ObjectNode pkg(String name, String version, String purl, String ecosystem) {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put("name", name);
    putIf(p, "version", version);
    p.put("purl", purl);
    putIf(p, "package_manager", ecosystem);
    return p;
  }

  private static ObjectNode finding(Finding f, McpServer s, Host host, long time, String version) {
    ObjectNode e = base(2, 2004, 1, severityId(f.severity()), time, version);
    e.put("status_id", 1);
    e.put("is_alert", f.severity().atLeast(Severity.HIGH));
    ObjectNode info = e.putObject("finding_info");
    info.put("uid", f.id());
    info.put("title", f.title());
    info.putArray("types").add(f.rule());
    ObjectNode analytic = info.putObject("analytic");
    analytic.put("name", f.rule());
    analytic.put("uid", f.rule());
    analytic.put("type_id", 1);
    e.set("device", device(host));
    if (s != null) {
      ObjectNode r = e.putArray("resources").addObject();
      r.put("uid", s.id());
      r.put("name", s.name());
      r.put("type", "mcp-server");
    }
    if (f.evidence() != null && f.evidence().file() != null) {
      ObjectNode ev = e.putArray("evidences").addObject();
      ObjectNode file = ev.putObject("file");
      file.put("path", f.evidence().file());
      file.put("name", f.evidence().file().replaceAll(".*[/\\\\]", ""));
      file.put("type_id", 1);
    }
    if (f.advisory() != null && f.advisory().startsWith("MAL-")) {
      ObjectNode m = e.putArray("malware").addObject();
      m.put("name", f.purl() != null ? f.purl() : f.advisory());
      m.put("uid", f.advisory());
      m.putArray("classification_ids").add(99);
    }
    if (f.remediation() != null) {
      e.putObject("remediation").put("desc", f.remediation());
    }
    return e;
  }

  /** OCSF severity ids: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
  private static int severityId(Severity s) {
    return switch (s) {
      case INFO -> 1;
      case LOW -> 2;
      case MEDIUM -> 3;
      case HIGH -> 4;
      case CRITICAL -> 5;
    };
  }

  private static void putIf(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }
}
