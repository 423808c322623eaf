package dev.daylight.agent.export;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.daylight.identity.Purls;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.Transport;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.Service;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.model.vulnerability.Vulnerability;

/**
 * CycloneDX 1.6: clients and local servers as applications, remote servers as services across a
 * trust boundary, the packages servers run as libraries with purls, malicious-package matches as
 * vulnerabilities (CWE-506, embedded malicious code). The spec has no MCP vocabulary, so the MCP
 * facts ride as {@code daylight:*} properties (the mapping agent-bom uses too).
 */
final class CycloneDxExport {
  static final Version VERSION = Version.VERSION_16;
  private static final String NS = "daylight:";

  private CycloneDxExport() {}

  static String write(Inventory inv, String toolVersion) {
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(inv.scanId().getBytes(UTF_8)));
    bom.setMetadata(metadata(inv, toolVersion));
    Map<String, Component> packages = new LinkedHashMap<>();
    Map<String, Dependency> deps = new LinkedHashMap<>();
    for (Client c : inv.clients()) {
      Component app = new Component();
      app.setType(Component.Type.APPLICATION);
      app.setBomRef("client:" + c.id());
      app.setName(c.name());
      app.setVersion(c.version());
      app.setProperties(
          List.of(new Property(NS + "type", "ai-client"), new Property(NS + "kind", c.kind())));
      bom.addComponent(app);
      deps.put(app.getBomRef(), new Dependency(app.getBomRef()));
    }
    for (McpServer s : inv.servers()) {
      String ref = "server:" + s.id();
      if (s.transport() == Transport.HTTP || s.transport() == Transport.SSE) {
        bom.addService(service(s, ref));
      } else {
        bom.addComponent(localServer(s, ref));
      }
      Dependency dep = new Dependency(ref);
      PackageRef p = s.pkg();
      if (p != null) {
        String pref = purl(p.purl(), p.version());
        packages.computeIfAbsent(
            pref, k -> library(k, p.name(), p.version(), purl(p.purl(), p.version())));
        dep.addDependency(new Dependency(pref));
      }
      deps.put(ref, dep);
      Dependency owner = deps.get("client:" + s.client());
      if (owner != null) {
        owner.addDependency(new Dependency(ref));
      }
    }
    for (InstalledPackage p : inv.packages()) {
      String pref = purl(p.purl(), p.version());
      packages.computeIfAbsent(
          pref, k -> library(k, p.name(), p.version(), purl(p.purl(), p.version())));
    }
    packages.values().forEach(bom::addComponent);
    bom.setDependencies(new ArrayList<>(deps.values()));
    bom.setVulnerabilities(vulnerabilities(inv, packages));
    try {
      return BomGeneratorFactory.createJson(VERSION, bom).toJsonString();
    } catch (GeneratorException e) {
      throw new IllegalStateException("CycloneDX generation failed", e);
    }
  }

  private static Metadata metadata(Inventory inv, String toolVersion) {
    Metadata m = new Metadata();
    m.setTimestamp(Date.from(inv.finishedAt() != null ? inv.finishedAt() : inv.startedAt()));
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("daylight");
    tool.setVersion(toolVersion);
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    m.setToolChoice(tools);
    Component device = new Component();
    device.setType(Component.Type.DEVICE);
    device.setBomRef("device");
    device.setName(inv.host().hostname() != null ? inv.host().hostname() : "workstation");
    List<Property> props = new ArrayList<>();
    add(props, "os", inv.host().os());
    add(props, "deviceId", inv.host().deviceId());
    add(props, "scanId", inv.scanId());
    device.setProperties(props);
    m.setComponent(device);
    return m;
  }

  private static Component localServer(McpServer s, String ref) {
    Component c = new Component();
    c.setType(Component.Type.APPLICATION);
    c.setBomRef(ref);
    c.setName(s.name());
    List<Property> props = new ArrayList<>();
    add(props, "type", "mcp-server");
    add(props, "client", s.client());
    add(props, "transport", s.transport().wire());
    add(props, "command", Formats.commandLine(s));
    add(props, "configPath", s.configPath());
    add(props, "has-credentials", String.valueOf(Formats.hasCredentials(s)));
    c.setProperties(props);
    return c;
  }

  private static Service service(McpServer s, String ref) {
    Service svc = new Service();
    svc.setBomRef(ref);
    svc.setName(s.name());
    // endpoints are iri-references: a <redacted> mark in a query would make the BOM invalid.
    svc.setEndpoints(s.url() == null ? List.of() : List.of(Formats.iri(s.url())));
    svc.setAuthenticated(Formats.hasCredentials(s));
    svc.setxTrustBoundary(true);
    List<Property> props = new ArrayList<>();
    add(props, "type", "mcp-server");
    add(props, "client", s.client());
    add(props, "transport", s.transport().wire());
    add(props, "configPath", s.configPath());
    svc.setProperties(props);
    return svc;
  }

  private static Component library(String ref, String name, String version, String purl) {
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setBomRef(ref);
    c.setName(name);
    c.setVersion(version);
    c.setPurl(purl);
    return c;
  }

  private static List<Vulnerability> vulnerabilities(
      Inventory inv, Map<String, Component> packages) {
    Map<String, Vulnerability> out = new LinkedHashMap<>();
    for (Finding f : inv.findings()) {
      if (f.advisory() == null) {
        continue;
      }
      Vulnerability v =
          out.computeIfAbsent(
              f.advisory(),
              id -> {
                Vulnerability n = new Vulnerability();
                n.setId(id);
                Vulnerability.Source src = new Vulnerability.Source();
                src.setName("OSV");
                src.setUrl("https://osv.dev/vulnerability/" + id);
                n.setSource(src);
                n.setDescription(f.title());
                n.setRecommendation(f.remediation());
                if (id.startsWith("MAL-")) {
                  n.setCwes(List.of(506));
                }
                Vulnerability.Rating rating = new Vulnerability.Rating();
                rating.setSeverity(Vulnerability.Rating.Severity.fromString(f.severity().wire()));
                n.setRatings(List.of(rating));
                n.setAffects(new ArrayList<>());
                return n;
              });
      String pref = f.purl();
      String ref =
          pref != null && packages.containsKey(pref)
              ? pref
              : f.serverId() != null ? "server:" + f.serverId() : null;
      if (ref != null && v.getAffects().stream().noneMatch(a -> a.getRef().equals(ref))) {
        Vulnerability.Affect a = new Vulnerability.Affect();
        a.setRef(ref);
        v.getAffects().add(a);
      }
    }
    return new ArrayList<>(out.values());
  }

  private static String purl(String purl, String version) {
    return version == null ? purl : Purls.base(purl) + "@" + version;
  }

  private static void add(List<Property> props, String name, String value) {
    if (value != null) {
      props.add(new Property(NS + name, value));
    }
  }
}
