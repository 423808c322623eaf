package dev.daylight.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.catalog.Catalog;
import dev.daylight.agent.platform.Root;
import org.junit.jupiter.api.Test;

/**
 * hook-targets.json is data: each entry must name a catalog client and paths the layouts can
 * expand.
 */
class HookTargetsTest {
  @Test
  void everyTargetIsACatalogClientWithAnEventAndPathsFromKnownRoots() {
    assertThat(HookTargets.load())
        .extracting(HookTarget::client)
        .containsExactly("claude-code", "cursor", "codex", "gemini-cli", "windsurf", "copilot-cli");
    for (HookTarget t : HookTargets.load()) {
      // The decision file names servers by catalog client id; the hook matches on it.
      assertThat(Catalog.builtIn().client(t.client())).as(t.client()).isPresent();
      assertThat(t.event()).as(t.client()).isNotBlank();
      assertThat(t.matcher() != null)
          .as(t.client() + " matcher iff grouped")
          .isEqualTo(t.shape() == HookTarget.Shape.GROUPED);
      assertThat(t.hook().has(t.commandKey()))
          .as(t.client() + " command set by Daylight, not data")
          .isFalse();
      for (String template : concat(t)) {
        Root.ofToken(template.substring(1, template.indexOf('}'))); // throws for an unknown root
      }
    }
  }

  private static java.util.List<String> concat(HookTarget t) {
    java.util.List<String> all = new java.util.ArrayList<>(t.managed().values());
    all.add(t.user());
    if (t.usedIf() != null) {
      all.add(t.usedIf());
    }
    return all;
  }
}
