package dev.daylight.collector.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The console's answers about the fleet's packages and servers, field for field in the order the
 * wire carries them; lists from the package snapshot say when it was counted.
 */
public final class FleetAnswers {
  private FleetAnswers() {}

  /** {@code GET /api/v1/overview}. */
  public record Overview(
      long devices, long servers, long packages, OpenFindings openFindings, Instant countedAt) {}

  public record OpenFindings(long critical, long high, long medium, long low, long info) {}

  /** {@code GET /api/v1/fleet/packages?view=versions} and without a purl. */
  public record PackageList(List<PackageVersion> packages, String next, Instant countedAt) {}

  public record PackageVersion(
      String purl,
      String name,
      String version,
      long devices,
      Instant firstSeen,
      Instant lastSeen,
      Decision decision,
      List<String> malicious,
      long suspendedOn) {}

  /** A fleet decision as stored: {@code version} '' covers every version. */
  public record Decision(
      String subject,
      String version,
      String decision,
      String by,
      String reason,
      Instant decidedAt,
      String overrides) {}

  /** {@code GET /api/v1/fleet/servers}. */
  public record ServerList(List<ServerSummary> servers, String next, Instant countedAt) {}

  public record ServerSummary(
      String name, String purl, long devices, long entries, Instant firstSeen, Instant lastSeen) {}

  /** {@code GET /api/v1/fleet/packages?purl=}: who runs a package; usage for servers only. */
  public record IncidentList(List<IncidentRow> devices, String next, long total) {}

  public record IncidentRow(
      @JsonUnwrapped NodeFacts node, @JsonUnwrapped Holding holding, @JsonUnwrapped Usage usage) {}

  /** The owner is the account whose home holds the server, else the device's owner. */
  public record NodeFacts(String nodeId, String hostname, String owner, String os) {}

  /** A device's server or installed package (then without client, server and config). */
  public record Holding(
      String client,
      Long enabled,
      String approval,
      String blockedBy,
      String configPath,
      String serverName,
      String version,
      Instant firstSeen,
      Instant lastSeen) {}

  /** Calls since the server's current version appeared, in the last 30 days, and the last. */
  public record Usage(long callsSinceVersion, long calls30d, Instant lastCall) {}

  /** {@code GET /api/v1/fleet/servers?capability=}. */
  public record CapabilityList(List<CapabilityServer> servers, String next) {}

  public record CapabilityServer(
      @JsonUnwrapped NodeFacts node,
      @JsonUnwrapped CapableServer server,
      JsonNode evidence,
      String capability,
      @JsonProperty("package") String packageName,
      FleetDecision fleetDecision,
      boolean unapprovedFinding,
      String approvalState,
      @JsonUnwrapped Usage usage) {}

  public record CapableServer(
      String serverId,
      String client,
      String serverName,
      String purl,
      String version,
      String url,
      String configPath,
      Long enabled,
      String clientApproval,
      String blockedBy,
      Instant firstSeen,
      Instant lastSeen) {}

  /** The decision that applies to a server; {@code version} null covers every version. */
  public record FleetDecision(
      String subject,
      String version,
      String decision,
      String by,
      String reason,
      Instant decidedAt) {}
}
