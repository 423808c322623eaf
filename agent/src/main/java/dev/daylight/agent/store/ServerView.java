package dev.daylight.agent.store;

import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ReviewState;
import dev.daylight.protocol.Severity;
import java.time.Instant;
import java.util.Optional;

/**
 * A server as the tray lists it.
 *
 * @param active false once a scan no longer found it
 * @param worstOpen the worst severity among its open findings
 * @param trust review state of the package version it runs, when it runs a known version
 */
public record ServerView(
    McpServer server,
    boolean active,
    Instant firstSeen,
    Instant lastSeen,
    Optional<Instant> removedAt,
    Optional<Severity> worstOpen,
    int openFindings,
    Optional<ReviewState> trust) {}
