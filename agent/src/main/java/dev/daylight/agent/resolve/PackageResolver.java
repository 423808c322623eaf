package dev.daylight.agent.resolve;

import dev.daylight.protocol.McpServer;

/** Launch line to declared package identity. */
public final class PackageResolver {
  private PackageResolver() {}

  /** The server with its declared package attached, when its launch line names one. */
  public static McpServer attachDeclaredPackage(McpServer server) {
    return server;
  }
}
