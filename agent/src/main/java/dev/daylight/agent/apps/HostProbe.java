package dev.daylight.agent.apps;

import dev.daylight.protocol.Client;
import dev.daylight.protocol.Evidence;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Running AI processes and their listening ports, through OSHI. Only on the real machine with host
 * probes on. A listener on a wildcard address is recorded as {@code 0.0.0.0:PORT} or {@code
 * [::]:PORT} so the exposed-model-server rule can see it.
 */
final class HostProbe {
  private static final Logger LOG = LoggerFactory.getLogger(HostProbe.class);

  private HostProbe() {}

  static List<Client> probe(AppCatalog catalog) {
    Sightings seen = new Sightings();
    try {
      OperatingSystem os = new SystemInfo().getOperatingSystem();
      Map<Integer, String> names = new HashMap<>();
      for (OSProcess p : os.getProcesses()) {
        names.put(p.getProcessID(), p.getName());
        appFor(catalog, p.getName())
            .ifPresent(
                app ->
                    seen.add(
                        app.id(),
                        app.name(),
                        app.kind(),
                        null,
                        new Evidence(
                            "process",
                            p.getPath(),
                            null,
                            "process " + p.getName() + " (pid " + p.getProcessID() + ")")));
      }
      for (InternetProtocolStats.IPConnection c : os.getInternetProtocolStats().getConnections()) {
        if (c.getState() != InternetProtocolStats.TcpState.LISTEN) {
          continue;
        }
        String owner = names.get(c.getowningProcessId());
        java.util.Optional<AppCatalog.App> app =
            owner != null ? appFor(catalog, owner) : java.util.Optional.empty();
        if (app.isEmpty() && owner == null) {
          app =
              catalog.apps().stream().filter(a -> a.ports().contains(c.getLocalPort())).findFirst();
        }
        app.ifPresent(
            a ->
                seen.add(
                    a.id(),
                    a.name(),
                    a.kind(),
                    null,
                    new Evidence(
                        "port",
                        null,
                        null,
                        "listening on "
                            + address(c.getLocalAddress(), c.getLocalPort())
                            + (owner == null
                                ? ""
                                : " (" + owner + ", pid " + c.getowningProcessId() + ")"))));
      }
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("host probe failed: {}", e.toString());
    }
    return seen.clients(null);
  }

  static java.util.Optional<AppCatalog.App> appFor(AppCatalog catalog, String processName) {
    String n = processName.toLowerCase(Locale.ROOT).replaceAll("\\.exe$", "");
    return catalog.apps().stream()
        .filter(a -> a.processes().stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).equals(n)))
        .findFirst();
  }

  /** {@code 0.0.0.0:11434}, {@code [::]:1234}, {@code 127.0.0.1:11434}. */
  static String address(byte[] raw, int port) {
    boolean wildcard = true;
    for (byte b : raw) {
      wildcard &= b == 0;
    }
    if (raw.length == 16) {
      return wildcard ? "[::]:" + port : "[" + text(raw) + "]:" + port;
    }
    return (wildcard ? "0.0.0.0" : text(raw)) + ":" + port;
  }

  private static String text(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw).getHostAddress();
    } catch (UnknownHostException e) {
      return "?";
    }
  }
}
