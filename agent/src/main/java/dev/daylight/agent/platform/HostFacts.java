package dev.daylight.agent.platform;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Facts about the machine the agent runs on, as the collector shows them to the security team
 * (hostname, OS version, architecture, the account the agent runs as).
 */
public record HostFacts(String hostname, String osVersion, String arch, String user) {

  /**
   * Reads this machine's facts; a hostname that cannot be resolved stays null rather than failing a
   * scan.
   */
  public static HostFacts current() {
    String hostname;
    try {
      hostname = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      hostname = null;
    }
    return new HostFacts(
        hostname,
        System.getProperty("os.version"),
        System.getProperty("os.arch"),
        System.getProperty("user.name"));
  }
}
