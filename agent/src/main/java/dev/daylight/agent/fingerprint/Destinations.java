package dev.daylight.agent.fingerprint;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outbound destinations in one string literal: URLs (webhooks, request catchers and paste sites
 * by their host and path), IP literals, e-mail addresses, bare host names, and DNS names built from
 * data ({@code `${data}.evil.example`}).
 */
final class Destinations {
  interface Out {
    void found(String subkind, String value);
  }

  private static final Pattern URL =
      Pattern.compile("(?i)\\b(?:https?|wss?|ftp)://([^\\s'\"`<>\\\\)]+)");
  static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}");
  private static final Pattern IP = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?$");
  private static final Pattern HOST = Pattern.compile("^(?:[a-z0-9-]+\\.)+([a-z]{2,})$");
  private static final Pattern BUILT =
      Pattern.compile("\\$\\{[^}]*\\}\\.((?:[a-z0-9-]+\\.)+[a-z]{2,})");

  private final IndicatorRules rules;

  Destinations(IndicatorRules rules) {
    this.rules = rules;
  }

  void scan(String s, Out out) {
    if (s.length() < 4) {
      return;
    }
    boolean url = s.contains("://");
    if (url) {
      Matcher m = URL.matcher(s);
      while (m.find()) {
        url(m.group(1), out);
      }
    }
    if (s.indexOf('@') > 0 && !url) {
      Matcher m = EMAIL.matcher(s);
      while (m.find()) {
        String address = m.group().toLowerCase(Locale.ROOT);
        String domain = address.substring(address.indexOf('@') + 1);
        if (!address.startsWith("git@") && !ignored(domain)) {
          out.found("email", address);
        }
      }
    }
    if (s.contains("${") && s.contains("}.")) {
      Matcher m = BUILT.matcher(s.toLowerCase(Locale.ROOT));
      while (m.find()) {
        out.found("dns-built", m.group(1));
      }
    }
    if (!url && s.length() <= 253 && s.indexOf('.') > 0) {
      String lower = s.toLowerCase(Locale.ROOT);
      if (IP.matcher(lower).matches()) {
        ip(withoutPort(lower), out);
      } else {
        Matcher h = HOST.matcher(lower);
        if (h.matches() && rules.hostTlds.contains(h.group(1)) && !ignored(lower)) {
          out.found("host", lower);
        }
      }
    }
  }

  private void url(String rest, Out out) {
    String hostPath = rest;
    int at = hostPath.indexOf('@');
    int slash = hostPath.indexOf('/');
    if (at >= 0 && (slash < 0 || at < slash)) {
      hostPath = hostPath.substring(at + 1);
    }
    int end = hostPath.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int k = hostPath.indexOf(c);
      if (k >= 0) {
        end = Math.min(end, k);
      }
    }
    String host = withoutPort(hostPath.substring(0, end).toLowerCase(Locale.ROOT));
    if (host.isEmpty() || host.startsWith("${") || host.contains("{")) {
      Matcher b = BUILT.matcher(host);
      if (b.find()) {
        out.found("dns-built", b.group(1));
      }
      return;
    }
    String lowerPath = host + hostPath.substring(end);
    for (IndicatorRules.Webhook w : rules.webhooks) {
      Matcher m = w.pattern().matcher(lowerPath);
      if (m.lookingAt()) {
        out.found(w.subkind(), m.group().toLowerCase(Locale.ROOT));
        return;
      }
    }
    if (IP.matcher(host).matches()) {
      ip(host, out);
    } else if (!ignored(host) && host.contains(".")) {
      out.found("url", host);
    }
  }

  private static String withoutPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon < 0 || colon == host.length() - 1) {
      return host;
    }
    for (int k = colon + 1; k < host.length(); k++) {
      if (!Character.isDigit(host.charAt(k))) {
        return host;
      }
    }
    return host.substring(0, colon);
  }

  private void ip(String ip, Out out) {
    String[] parts = ip.split("\\.");
    for (String p : parts) {
      if (Integer.parseInt(p) > 255) {
        return;
      }
    }
    if (ip.startsWith("127.")
        || ip.equals("0.0.0.0")
        || ip.startsWith("255.")
        || parts[0].equals("0")) {
      return;
    }
    out.found("ip", ip);
  }

  /** Listed hosts and their subdomains (documentation and schema hosts, loopback). */
  private boolean ignored(String host) {
    for (String h = host;
        h.indexOf('.') > 0 || h.equals("localhost");
        h = h.substring(h.indexOf('.') + 1)) {
      if (rules.ignoredHosts.contains(h)) {
        return true;
      }
      if (h.indexOf('.') < 0) {
        break;
      }
    }
    return false;
  }
}
