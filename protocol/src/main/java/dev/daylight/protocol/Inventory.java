package dev.daylight.protocol;

import java.time.Instant;
import java.util.List;

/** One scan: everything after discovery works on this record. */
public record Inventory(
    int schemaVersion,
    String scanId,
    Instant startedAt,
    Instant finishedAt,
    Host host,
    List<Client> clients,
    List<McpServer> servers,
    List<InstalledPackage> packages,
    List<Finding> findings,
    List<ScanError> errors) {
  public Inventory {
    Checks.required(scanId, "scanId");
    Checks.required(host, "host");
    clients = Checks.list(clients);
    servers = Checks.list(servers);
    packages = Checks.list(packages);
    findings = Checks.list(findings);
    errors = Checks.list(errors);
  }

  public Inventory withFindings(List<Finding> newFindings) {
    return new Inventory(schemaVersion, scanId, startedAt, finishedAt, host, clients, servers,
        packages, newFindings, errors);
  }
}
