package dev.daylight.agent.assess;

import dev.daylight.agent.assess.TyposquatRule.Known;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The typosquat rule's look-alike test for names that are not server packages: a package's own
 * dependencies, checked against the popular MCP packages and the popular libraries ({@code
 * popular-libraries.txt}) that dependency confusion imitates.
 */
public final class Lookalikes {
  private static final TyposquatRule RULE = build();

  private Lookalikes() {}

  /** The popular name {@code name} imitates, with how, or empty. */
  public static Optional<String> of(String ecosystem, String name) {
    return RULE.lookalike(ecosystem, name).map(h -> h.known().name() + " (" + h.how() + ")");
  }

  private static TyposquatRule build() {
    List<Known> all = new ArrayList<>();
    for (String file : List.of("popular-mcp-packages.txt", "popular-libraries.txt")) {
      Resources.lines(file).stream()
          .map(l -> l.split("\\s+", 2))
          .map(p -> new Known(p[0], p[1]))
          .forEach(all::add);
    }
    return new TyposquatRule(all);
  }
}
