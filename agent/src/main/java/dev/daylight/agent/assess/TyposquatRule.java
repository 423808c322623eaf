package dev.daylight.agent.assess;

import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code typosquat}: a server package whose name is within Damerau-Levenshtein 2 of a well-known
 * one (1 for names under ten characters, none under five), or carries a well-known package's name
 * under another scope or with the scope dropped ({@code postmark-mcp} for
 * {@code @activecampaign/postmark-mcp}).
 */
final class TyposquatRule implements Rule {
  static final String ID = "typosquat";

  /** Per ecosystem; built once, since every server of every scan is checked against it. */
  private final Map<String, Index> byEcosystem;

  record Known(String ecosystem, String name) {
    String bare() {
      int slash = name.indexOf('/');
      return name.startsWith("@") && slash > 0 ? name.substring(slash + 1) : name;
    }

    boolean scoped() {
      return name.startsWith("@") && name.indexOf('/') > 0;
    }
  }

  /**
   * One ecosystem's popular names: the exact names, the scoped ones whose bare name is distinctive
   * (six letters or more and no other popular package shares it: generic bare names such as mcp,
   * sdk or mcp-server belong to many vendors and carry no signal), and the names in list order,
   * lower-cased, for the edit-distance pass.
   */
  private record Index(
      Set<String> names,
      Map<String, Known> distinctiveByBare,
      List<Known> known,
      List<String> lower) {
    static Index of(List<Known> same) {
      Map<String, Long> bareCounts =
          same.stream().collect(Collectors.groupingBy(Known::bare, Collectors.counting()));
      Map<String, Known> distinctive = new HashMap<>();
      for (Known k : same) {
        if (k.scoped() && k.bare().length() >= 6 && bareCounts.get(k.bare()) == 1) {
          distinctive.put(k.bare(), k);
        }
      }
      return new Index(
          same.stream().map(Known::name).collect(Collectors.toUnmodifiableSet()),
          Map.copyOf(distinctive),
          List.copyOf(same),
          same.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
    }
  }

  TyposquatRule() {
    this(
        Resources.lines("popular-mcp-packages.txt").stream()
            .map(l -> l.split("\\s+", 2))
            .map(p -> new Known(p[0], p[1]))
            .toList());
  }

  TyposquatRule(List<Known> popular) {
    Map<String, List<Known>> grouped = new LinkedHashMap<>();
    for (Known k : popular) {
      grouped.computeIfAbsent(k.ecosystem(), e -> new ArrayList<>()).add(k);
    }
    Map<String, Index> indexes = new HashMap<>();
    grouped.forEach((ecosystem, same) -> indexes.put(ecosystem, Index.of(same)));
    this.byEcosystem = Map.copyOf(indexes);
  }

  @Override
  public void check(Inventory inventory, AssessContext context, FindingFactory out) {
    for (McpServer s : inventory.servers()) {
      PackageRef p = s.pkg();
      if (p == null || p.name() == null) {
        continue;
      }
      lookalike(p.ecosystem(), p.name())
          .ifPresent(
              hit ->
                  out.about(ID, s, p.purl())
                      .purl(p.purl())
                      .var("package", p.name())
                      .var("popular", hit.known().name())
                      .var("how", hit.how())
                      .evidenceText(LaunchLine.evidence(s))
                      .emit());
    }
  }

  record Hit(Known known, String how) {}

  Optional<Hit> lookalike(String ecosystem, String name) {
    Index index = byEcosystem.get(ecosystem);
    if (index == null || index.names().contains(name)) {
      return Optional.empty();
    }
    Known candidate = new Known(ecosystem, name);
    Known sameBare = index.distinctiveByBare().get(candidate.bare());
    if (sameBare != null) {
      return Optional.of(
          new Hit(
              sameBare, candidate.scoped() ? "same name under another scope" : "scope dropped"));
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < index.known().size(); i++) {
      String target = index.lower().get(i);
      int limit = target.length() < 5 ? 0 : target.length() < 10 ? 1 : 2;
      if (limit == 0) {
        continue;
      }
      int d = DamerauLevenshtein.distance(lower, target, limit);
      if (d <= limit) {
        return Optional.of(
            new Hit(
                index.known().get(i),
                d == 0 ? "differs only in letter case" : "edit distance " + d));
      }
    }
    return Optional.empty();
  }
}
