package dev.daylight.agent.assess;

import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code insecure-remote}: a server URL (or the URL a local proxy such as mcp-remote forwards to)
 * with scheme {@code http} and a host that is not loopback.
 */
final class InsecureRemoteRule implements Rule {
  static final String ID = "insecure-remote";

  @Override
  public void check(Inventory inventory, AssessContext context, FindingFactory out) {
    for (McpServer s : inventory.servers()) {
      for (String url : new String[] {s.url(), s.proxiedUrl()}) {
        plainHttpHost(url)
            .ifPresent(
                host ->
                    out.about(ID, s, url).var("host", host).evidenceText(withoutQuery(url)).emit());
      }
    }
  }

  static Optional<String> plainHttpHost(String url) {
    if (url == null || !url.regionMatches(true, 0, "http://", 0, 7)) {
      return Optional.empty();
    }
    String host;
    try {
      host = URI.create(url.trim()).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    if (host == null) {
      String rest = url.substring(7);
      host = rest.split("[/:?#]", 2)[0];
    }
    return loopback(host) ? Optional.empty() : Optional.of(host);
  }

  static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.startsWith("127.")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  private static String withoutQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }
}
