package dev.daylight.protocol;

/**
 * Calls a client made to a server that no config lists (any more): the ledger keeps them, as usage
 * of a removed server, because "what did it do before it went" is the incident question.
 */
public record RemovedServerUsage(String client, String name, ServerUsage usage) {
  public RemovedServerUsage {
    Checks.required(client, "client");
    Checks.required(name, "name");
    Checks.required(usage, "usage");
  }
}
