package dev.daylight.agent.assess;

import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code typosquat}: a server package whose name is within Damerau-Levenshtein 2 of a well-known
 * one (1 for names under ten characters, none under five), or carries a well-known package's name
 * under another scope or with the scope dropped ({@code postmark-mcp} for
 * {@code @activecampaign/postmark-mcp}).
 */
final class TyposquatRule implements Rule {
  static final String ID = "typosquat";
  private final List<Known> popular;

  record Known(String ecosystem, String name) {
    String bare() {
      int slash = name.indexOf('/');
      return name.startsWith("@") && slash > 0 ? name.substring(slash + 1) : name;
    }

    boolean scoped() {
      return name.startsWith("@") && name.indexOf('/') > 0;
    }
  }

  TyposquatRule() {
    this(Resources.lines("popular-mcp-packages.txt").stream()
        .map(l -> l.split("\\s+", 2))
        .map(p -> new Known(p[0], p[1]))
        .toList());
  }

  TyposquatRule(List<Known> popular) {
    this.popular = List.copyOf(popular);
  }

  @Override
  public void check(Inventory inventory, AssessContext context, FindingFactory out) {
    for (McpServer s : inventory.servers()) {
      PackageRef p = s.pkg();
      if (p == null || p.name() == null) {
        continue;
      }
      lookalike(p.ecosystem(), p.name()).ifPresent(hit ->
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
    List<Known> same = popular.stream().filter(k -> k.ecosystem().equals(ecosystem)).toList();
    if (same.stream().anyMatch(k -> k.name().equals(name))) {
      return Optional.empty();
    }
    Known candidate = new Known(ecosystem, name);
    for (Known k : same) {
      // Generic bare names (mcp, sdk, mcp-server) are shared by many vendors: no signal there.
      boolean distinctive = k.bare().length() >= 6
          && same.stream().filter(o -> o.bare().equals(k.bare())).count() == 1;
      if (distinctive && k.scoped() && k.bare().equals(candidate.bare())) {
        return Optional.of(new Hit(k, candidate.scoped() ? "same name under another scope" : "scope dropped"));
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (Known k : same) {
      String target = k.name().toLowerCase(Locale.ROOT);
      int limit = target.length() < 5 ? 0 : target.length() < 10 ? 1 : 2;
      if (limit == 0) {
        continue;
      }
      int d = DamerauLevenshtein.distance(lower, target, limit);
      if (d <= limit) {
        return Optional.of(new Hit(k, d == 0 ? "differs only in letter case" : "edit distance " + d));
      }
    }
    return Optional.empty();
  }
}
