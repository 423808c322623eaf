package dev.daylight.ui.data;

import dev.daylight.protocol.Approval;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.Severity;
import dev.daylight.protocol.Transport;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One MCP server entry with what the store knows about it.
 *
 * @param pkg the package it runs, empty for a remote server or a local binary
 * @param launchLine command and arguments (or URL) with secrets already redacted by the agent
 * @param line 1-based line of the entry in its config file, empty when unknown
 * @param approval what the person answered where the client asks before starting the server (Claude
 *     Code's project servers); empty where the client does not ask
 * @param blockedBy why the client's own policy will not start the server (an administrator's
 *     denylist or allowlist), as the agent reported it; empty when no policy blocks it
 * @param capabilities what it can do that moves content out or changes things, or why unknown
 */
public record ServerRow(
    String serverId,
    String client,
    String name,
    Optional<PackageRef> pkg,
    Transport transport,
    ServerStatus status,
    Instant firstSeen,
    Instant lastSeen,
    String configPath,
    Optional<Integer> line,
    String launchLine,
    List<FindingItem> findings,
    Optional<Approval> approval,
    Optional<String> blockedBy,
    ServerCapabilities capabilities) {

  public ServerRow {
    Objects.requireNonNull(serverId, "serverId");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(configPath, "configPath");
    findings = List.copyOf(findings);
    Objects.requireNonNull(approval, "approval");
    Objects.requireNonNull(blockedBy, "blockedBy");
    Objects.requireNonNull(capabilities, "capabilities");
  }

  /** {@code name@version}, the name alone when the version is unknown, or empty text. */
  public String packageLabel() {
    return pkg.map(p -> p.version() == null ? p.name() : p.name() + "@" + p.version()).orElse("");
  }

  public Optional<Severity> worst() {
    return findings.stream().map(f -> f.finding().severity()).min(Comparator.naturalOrder());
  }
}
