package dev.daylight.agent.assess;

import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import java.util.Set;

/**
 * {@code unpinned-package}: npx/uvx/docker launch lines without an exact version, tag or digest.
 */
final class UnpinnedRule implements Rule {
  static final String ID = "unpinned-package";
  private static final Set<String> FLOATING_ECOSYSTEMS = Set.of("npm", "PyPI", "docker");

  @Override
  public void check(Inventory inventory, AssessContext context, FindingFactory out) {
    for (McpServer s : inventory.servers()) {
      PackageRef p = s.pkg();
      // "installed": python -m runs the distribution installed on disk; nothing fetches a newer
      // one.
      if (p == null
          || p.pinned()
          || !FLOATING_ECOSYSTEMS.contains(p.ecosystem())
          || "installed".equals(p.versionSource())) {
        continue;
      }
      String resolved =
          p.version() != null && "cache".equals(p.versionSource())
              ? " (the cache holds " + p.version() + ")"
              : "";
      out.about(ID, s, p.purl())
          .purl(p.purl())
          .var("package", p.name())
          .var("resolved", resolved)
          .evidenceText(LaunchLine.evidence(s))
          .emit();
    }
  }
}
