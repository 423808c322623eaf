package dev.daylight.ui.data;

import dev.daylight.protocol.Client;
import dev.daylight.protocol.Severity;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the window and the tray show, read in one go so they agree with each other.
 *
 * @param servers one row per MCP server entry
 * @param clients AI apps found, with or without MCP servers
 * @param hostFindings open findings about no server (an exposed model server, a config error)
 * @param lastScan when the newest stored scan finished, if any
 * @param notice what the person should know about the agent itself, e.g. that the machine agent
 *     could not enroll with the collector and why
 */
public record Overview(
    List<ServerRow> servers,
    List<Client> clients,
    List<FindingItem> hostFindings,
    Optional<Instant> lastScan,
    Optional<String> notice) {

  public Overview(
      List<ServerRow> servers,
      List<Client> clients,
      List<FindingItem> hostFindings,
      Optional<Instant> lastScan) {
    this(servers, clients, hostFindings, lastScan, Optional.empty());
  }

  public Overview {
    servers = List.copyOf(servers);
    clients = List.copyOf(clients);
    hostFindings = List.copyOf(hostFindings);
  }

  public static Overview empty() {
    return new Overview(List.of(), List.of(), List.of(), Optional.empty());
  }

  /** Every finding, on servers and on the host. */
  public Stream<FindingItem> allFindings() {
    return Stream.concat(
        servers.stream().flatMap(s -> s.findings().stream()), hostFindings.stream());
  }

  /** Findings nobody has acknowledged yet: what the tray icon counts. */
  public Stream<FindingItem> openFindings() {
    return allFindings().filter(f -> !f.acknowledged());
  }

  /** The worst severity among the open findings, if there is any. */
  public Optional<Severity> worstOpen() {
    return openFindings().map(f -> f.finding().severity()).min(Comparator.naturalOrder());
  }
}
