package dev.daylight.agent.report;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/** The collector's base URL. Plain http is refused unless it stays on this machine's loopback. */
public final class Endpoint {
  private Endpoint() {}

  /**
   * @throws IllegalArgumentException with a message fit for the person who typed the URL
   */
  public static URI parse(String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + display(text));
    }
    // The agent authenticates with its node key; a password in the URL would be stored in
    // collector.json and printed by enroll and status, so it is refused, not stripped.
    if (uri.getRawUserInfo() != null || (uri.getHost() == null && text.indexOf('@') >= 0)) {
      throw new IllegalArgumentException(
          "the collector URL must not hold a user name or password: "
              + display(text)
              + " (the agent authenticates with its node key; give https://HOST[:PORT])");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(
          "the collector URL must be https://HOST[:PORT]: " + display(text));
    }
    if (scheme.equals("http") && !loopback(uri.getHost())) {
      throw new IllegalArgumentException(
          "refusing plain http:// to "
              + uri.getHost()
              + ": node keys and inventories would cross the"
              + " network in clear; use https:// (http is allowed to loopback only)");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    return URI.create(scheme + "://" + uri.getRawAuthority() + path);
  }

  /** The URL as it may be shown or logged: anything before an {@code @} in it is replaced. */
  public static String display(String text) {
    int at = text.lastIndexOf('@');
    if (at < 0) {
      return text;
    }
    int schemeEnd = text.indexOf("://");
    int start = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 3 : 0;
    return text.substring(0, start) + "<redacted>@" + text.substring(at + 1);
  }

  static boolean loopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses: a name could resolve elsewhere tomorrow.
    if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
