package dev.daylight.agent.machineview;

import dev.daylight.protocol.Client;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.McpServer;
import java.time.Instant;
import java.util.List;

/**
 * What the machine agent found for one person, as the tray of that person reads it: the part of the
 * machine's history under their account (plus findings about the machine itself), with the review
 * state and the fleet's decisions already applied, and whether the agent is enrolled. Written by
 * the service after each scan; read-only for the person.
 *
 * @param lastScan when the newest stored scan finished, or null before the first
 * @param collector enrolled, or not and why, in words
 * @param hostFindings open findings about no server of this person's (an exposed model server)
 */
public record UserView(
    int schema,
    String user,
    Instant writtenAt,
    Instant lastScan,
    String collector,
    List<Server> servers,
    List<Client> clients,
    List<Item> hostFindings) {
  static final int SCHEMA = 1;

  public UserView {
    servers = List.copyOf(servers);
    clients = List.copyOf(clients);
    hostFindings = List.copyOf(hostFindings);
  }

  /**
   * @param trust the review state of the version it runs ({@code APPROVED}, {@code DENIED}, {@code
   *     SUSPENDED}, {@code UNREVIEWED}), or null when it runs no known version
   */
  public record Server(
      McpServer server, String trust, Instant firstSeen, Instant lastSeen, List<Item> findings) {
    public Server {
      findings = List.copyOf(findings);
    }
  }

  /** An open finding and whether someone acknowledged it. */
  public record Item(Finding finding, boolean acknowledged, Instant openedAt) {}
}
