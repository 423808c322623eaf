package dev.daylight.agent.capability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.JsonTrees;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.Evidence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hosted MCP endpoints Daylight knows ({@code remote-hosts.json}) and what their tools can do:
 * a remote server's classes come from its URL's host, as no code of it is on this machine.
 */
public final class RemoteHosts {
  private record Host(String host, String name, List<String> classes) {
    boolean matches(String h) {
      return h.equals(host) || h.endsWith("." + host);
    }
  }

  private static final List<Host> HOSTS = load();

  private RemoteHosts() {}

  /**
   * The classes of the endpoint at {@code url} (evidence kind {@code host}); empty when the host is
   * not in the list (unknown), a list (perhaps empty: known and harmless) when it is.
   */
  public static Optional<List<Capability>> of(String url) {
    String host = host(url);
    if (host == null) {
      return Optional.empty();
    }
    for (Host h : HOSTS) {
      if (h.matches(host)) {
        List<Capability> out = new ArrayList<>();
        for (String cls : h.classes()) {
          out.add(
              new Capability(cls, new Evidence("host", null, null, host + " (" + h.name() + ")")));
        }
        return Optional.of(out);
      }
    }
    return Optional.empty();
  }

  /** The lower-case host of a URL, or null when it has none. */
  public static String host(String url) {
    if (url == null) {
      return null;
    }
    try {
      String h = URI.create(url.trim()).getHost();
      return h == null ? null : h.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null; // not a URL a client could call either
    }
  }

  private static List<Host> load() {
    try (InputStream in = RemoteHosts.class.getResourceAsStream("remote-hosts.json")) {
      if (in == null) {
        throw new IllegalStateException("remote-hosts.json is missing");
      }
      List<Host> out = new ArrayList<>();
      for (JsonNode n : JsonTrees.read(in).path("hosts")) {
        out.add(
            new Host(
                n.path("host").asText().toLowerCase(Locale.ROOT),
                n.path("name").asText(),
                Known.classes(n, "remote-hosts.json " + n.path("host").asText())));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
