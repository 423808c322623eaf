package dev.daylight.protocol;

import java.time.Instant;
import java.util.List;

/**
 * One scan: everything after discovery works on this record.
 *
 * @param removedServerUsage calls the clients' records show to servers no config lists, per client
 *     and name; null when the usage ledger was not read
 */
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
    List<ScanError> errors,
    List<RemovedServerUsage> removedServerUsage) {
  public Inventory {
    Checks.required(scanId, "scanId");
    Checks.required(host, "host");
    clients = Checks.list(clients);
    servers = Checks.list(servers);
    packages = Checks.list(packages);
    findings = Checks.list(findings);
    errors = Checks.list(errors);
    removedServerUsage = removedServerUsage == null ? null : List.copyOf(removedServerUsage);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this inventory's values, to change a few of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.schemaVersion = schemaVersion;
    b.scanId = scanId;
    b.startedAt = startedAt;
    b.finishedAt = finishedAt;
    b.host = host;
    b.clients = clients;
    b.servers = servers;
    b.packages = packages;
    b.findings = findings;
    b.errors = errors;
    b.removedServerUsage = removedServerUsage;
    return b;
  }

  public Inventory withFindings(List<Finding> newFindings) {
    return toBuilder().findings(newFindings).build();
  }

  /**
   * Collects an inventory's values; {@link #build} checks them as the canonical constructor does.
   */
  public static final class Builder {
    private int schemaVersion = SchemaVersion.CURRENT;
    private String scanId;
    private Instant startedAt;
    private Instant finishedAt;
    private Host host;
    private List<Client> clients;
    private List<McpServer> servers;
    private List<InstalledPackage> packages;
    private List<Finding> findings;
    private List<ScanError> errors;
    private List<RemovedServerUsage> removedServerUsage;

    private Builder() {}

    public Builder schemaVersion(int value) {
      schemaVersion = value;
      return this;
    }

    public Builder scanId(String value) {
      scanId = value;
      return this;
    }

    public Builder startedAt(Instant value) {
      startedAt = value;
      return this;
    }

    public Builder finishedAt(Instant value) {
      finishedAt = value;
      return this;
    }

    public Builder host(Host value) {
      host = value;
      return this;
    }

    public Builder clients(List<Client> value) {
      clients = value;
      return this;
    }

    public Builder servers(List<McpServer> value) {
      servers = value;
      return this;
    }

    public Builder packages(List<InstalledPackage> value) {
      packages = value;
      return this;
    }

    public Builder findings(List<Finding> value) {
      findings = value;
      return this;
    }

    public Builder errors(List<ScanError> value) {
      errors = value;
      return this;
    }

    public Builder removedServerUsage(List<RemovedServerUsage> value) {
      removedServerUsage = value;
      return this;
    }

    public Inventory build() {
      return new Inventory(
          schemaVersion,
          scanId,
          startedAt,
          finishedAt,
          host,
          clients,
          servers,
          packages,
          findings,
          errors,
          removedServerUsage);
    }
  }
}
