package dev.daylight.agent.discovery;

import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import java.util.List;

/** Finds every MCP server the catalog's clients are configured with, redacted, in one pass. */
public final class Discovery {
  private Discovery() {}

  /** What discovery found: servers, the clients whose files held them, and unreadable files. */
  public record Result(List<McpServer> servers, List<Client> clients, List<ScanError> errors) {
    public Result {
      servers = List.copyOf(servers);
      clients = List.copyOf(clients);
      errors = List.copyOf(errors);
    }
  }

  public static Result run(ScanContext context) {
    return new Result(List.of(), List.of(), List.of());
  }
}
