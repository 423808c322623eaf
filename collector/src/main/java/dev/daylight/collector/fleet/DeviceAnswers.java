package dev.daylight.collector.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The console's answers about devices and their findings, field for field in the order the wire
 * carries them. Records bound from a query name their columns ({@link
 * dev.daylight.collector.store.Rows}); an unwrapped part shows its fields in its place.
 */
public final class DeviceAnswers {
  private DeviceAnswers() {}

  /** {@code GET /api/v1/devices}. */
  public record DeviceList(List<DeviceRow> devices, String next) {}

  public record DeviceRow(
      String nodeId,
      String hostname,
      String owner,
      String os,
      String osVersion,
      String arch,
      String serial,
      Instant enrolledAt,
      Instant lastSeen,
      Long openFindings,
      Long worst) {}

  /** {@code GET /api/v1/devices/{id}}. */
  public record Device(
      @JsonUnwrapped Facts facts,
      List<DeviceServer> servers,
      List<ToolUsage> usage,
      List<DevicePackage> packages,
      List<FindingRow> findings) {}

  public record Facts(
      String nodeId,
      String hostname,
      String owner,
      String os,
      String osVersion,
      String arch,
      String user,
      String serial,
      String deviceId,
      Instant enrolledAt,
      Instant lastSeen,
      Long schemaVersion) {}

  /** {@code capabilities} null with {@code capabilitiesWhy} when nobody could say. */
  public record DeviceServer(
      @JsonUnwrapped ServerRow server,
      @JsonUnwrapped FleetAnswers.Usage usage,
      List<ServerCapability> capabilities,
      String capabilitiesWhy) {}

  public record ServerRow(
      String id,
      String client,
      String scope,
      String configPath,
      String name,
      String transport,
      String command,
      String url,
      String purl,
      String version,
      Long pinned,
      Instant firstSeen,
      Instant lastSeen,
      String approval,
      Long enabled,
      String blockedBy,
      String nodeId) {}

  public record ServerCapability(
      @JsonProperty("class") String capabilityClass, JsonNode evidence) {}

  /** A device's calls of the last 30 days per client, server and tool. */
  public record ToolUsage(
      String client, String server, String tool, Long calls, Long errors, Instant lastCall) {}

  public record DevicePackage(
      String purl, String version, String source, String installPath, Instant firstSeen) {}

  /** {@code GET /api/v1/findings}. */
  public record FindingList(List<FindingRow> findings, String next) {}

  /** {@code release} is the object the agent sent; {@code evidence} the JSON text it sent. */
  public record FindingRow(
      String nodeId,
      String hostname,
      String id,
      String rule,
      String severity,
      String title,
      String serverId,
      String purl,
      String advisory,
      String remediation,
      String status,
      Instant firstSeen,
      Instant lastSeen,
      Instant resolvedAt,
      JsonNode release,
      String evidence) {}

  /** {@code GET /api/v1/devices/{id}/timeline}: events newest first, and the latest reports. */
  public record Timeline(List<Event> events, String next, List<ReportRef> reports) {}

  public record Event(
      String id,
      String type,
      Instant at,
      String reportId,
      String serverId,
      String purl,
      String findingId,
      String summary) {}

  public record ReportRef(
      String reportId, String kind, Instant createdAt, Instant receivedAt, Long events) {}
}
