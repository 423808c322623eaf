package dev.daylight.agent.capability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.fingerprint.Fingerprint;
import dev.daylight.agent.fingerprint.Indicator;
import dev.daylight.agent.json.JsonTrees;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.Evidence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The capability classes of a package, from its fingerprint: SDK imports in its code (declared
 * dependencies only where the code shows none of a class's modules), process execution and file
 * writes, declared tool names and the hosts its code calls. One entry per class, with the first
 * evidence found in that order. What each class looks like is {@code classes.json}.
 */
public final class Capabilities {
  private static final List<CapabilityClass> CLASSES = load();

  record CapabilityClass(
      String id,
      String shortWord,
      String label,
      List<String> exact,
      List<String> prefixes,
      List<Pattern> tools,
      List<String> hosts,
      List<String> kinds) {
    /**
     * {@code lowerName}: a module name already in lower case (done once per indicator, not per
     * class).
     */
    boolean module(String lowerName) {
      for (String m : exact) {
        if (lowerName.equals(m)) {
          return true;
        }
      }
      for (String p : prefixes) {
        if (lowerName.startsWith(p)) {
          return true;
        }
      }
      return false;
    }

    boolean tool(String name) {
      return tools.stream().anyMatch(p -> p.matcher(name).find());
    }

    boolean host(String host) {
      return hosts.stream().anyMatch(h -> host.equals(h) || host.endsWith("." + h));
    }
  }

  private Capabilities() {}

  /** Every class id, in the data file's order. */
  public static List<String> classIds() {
    return CLASSES.stream().map(CapabilityClass::id).toList();
  }

  /** The words the tray shows for a class ("Can send email"). */
  public static Optional<String> label(String cls) {
    return CLASSES.stream().filter(c -> c.id().equals(cls)).map(CapabilityClass::label).findFirst();
  }

  /** The one word the CLI table shows for a class ("email"); the id itself for an unknown class. */
  public static String shortWord(String cls) {
    return CLASSES.stream()
        .filter(c -> c.id().equals(cls))
        .map(CapabilityClass::shortWord)
        .findFirst()
        .orElse(cls);
  }

  /**
   * The classes the tools a client's records show being called belong to, one entry per class with
   * the first such tool as evidence (kind {@code tool-call}); tools matching no class add nothing.
   */
  public static List<Capability> ofCalledTools(List<String> tools) {
    List<Capability> out = new ArrayList<>();
    for (CapabilityClass c : CLASSES) {
      tools.stream()
          .filter(c::tool)
          .findFirst()
          .ifPresent(
              t ->
                  out.add(
                      new Capability(
                          c.id(), new Evidence("tool-call", null, null, "called tool " + t))));
    }
    return out;
  }

  /**
   * The classes of a readable fingerprint; empty when {@code f.unreadable()} (the caller says why).
   */
  public static List<Capability> of(Fingerprint f) {
    List<Capability> out = new ArrayList<>();
    if (f.unreadable() != null) {
      return out;
    }
    List<Indicator> all = f.indicators();
    String[] lower = new String[all.size()];
    for (int k = 0; k < lower.length; k++) {
      String kind = all.get(k).kind();
      lower[k] =
          kind.equals("import") || kind.equals("dependency")
              ? all.get(k).value().toLowerCase(Locale.ROOT)
              : null;
    }
    for (CapabilityClass c : CLASSES) {
      first(f, c, lower)
          .ifPresent(
              i ->
                  out.add(
                      new Capability(
                          c.id(),
                          Evidence.file(
                              i.file(),
                              i.line(),
                              i.kind().equals("tool") ? "tool " + i.value() : i.text()))));
    }
    return out;
  }

  private static Optional<Indicator> first(Fingerprint f, CapabilityClass c, String[] lower) {
    List<Indicator> all = f.indicators();
    for (int k = 0; k < all.size(); k++) {
      if (all.get(k).kind().equals("import") && c.module(lower[k])) {
        return Optional.of(all.get(k));
      }
    }
    for (Indicator i : all) {
      if (c.kinds().contains(i.kind())
          || (i.kind().equals("tool") && c.tool(i.value()))
          || (i.kind().equals("destination") && c.host(i.value()))) {
        return Optional.of(i);
      }
    }
    for (int k = 0; k < all.size(); k++) {
      Indicator i = all.get(k);
      if (i.kind().equals("dependency") && !i.subkind().equals("lookalike") && c.module(lower[k])) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  private static List<String> strings(JsonNode n, String field) {
    List<String> v = JsonTrees.strings(n, field);
    return v == null ? List.of() : v;
  }

  private static List<CapabilityClass> load() {
    try (InputStream in = Capabilities.class.getResourceAsStream("classes.json")) {
      if (in == null) {
        throw new IllegalStateException("classes.json is missing");
      }
      List<CapabilityClass> out = new ArrayList<>();
      for (JsonNode n : JsonTrees.read(in).path("classes")) {
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (String m : strings(n, "modules")) {
          String lower = m.toLowerCase(Locale.ROOT);
          if (lower.endsWith("*")) {
            prefixes.add(lower.substring(0, lower.length() - 1));
          } else {
            exact.add(lower);
            prefixes.add(lower + "."); // python submodules: google.cloud.storage
          }
        }
        out.add(
            new CapabilityClass(
                n.path("class").asText(),
                n.path("short").asText(),
                n.path("label").asText(),
                List.copyOf(exact),
                List.copyOf(prefixes),
                strings(n, "tools").stream().map(Pattern::compile).toList(),
                strings(n, "hosts"),
                strings(n, "kinds")));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
