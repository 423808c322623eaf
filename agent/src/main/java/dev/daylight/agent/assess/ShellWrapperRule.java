package dev.daylight.agent.assess;

import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code shell-wrapper}: launch lines that go through a shell ({@code sh -c}, PowerShell {@code
 * -Command}, {@code cmd /c} chains) or pipe downloads into an interpreter or substitute commands;
 * patterns live in {@code shell-patterns.txt}. A plain {@code cmd /c npx pkg} is the normal Windows
 * wrapper and is not flagged.
 */
final class ShellWrapperRule implements Rule {
  static final String ID = "shell-wrapper";

  record ShellPattern(Severity severity, Pattern regex, String label) {}

  private final List<ShellPattern> patterns =
      Resources.lines("shell-patterns.txt").stream()
          .map(l -> l.split("\t"))
          .map(
              f ->
                  new ShellPattern(
                      Severity.parse(f[0]), Pattern.compile(f[1], Pattern.CASE_INSENSITIVE), f[2]))
          .toList();

  @Override
  public void check(Inventory inventory, AssessContext context, FindingFactory out) {
    for (McpServer s : inventory.servers()) {
      String line = LaunchLine.of(s);
      if (line.isEmpty()) {
        continue;
      }
      List<ShellPattern> hits = matching(line);
      if (hits.isEmpty()) {
        continue;
      }
      Severity worst =
          hits.stream()
              .map(ShellPattern::severity)
              .reduce((a, b) -> a.atLeast(b) ? a : b)
              .orElseThrow();
      List<String> labels = new ArrayList<>();
      hits.forEach(h -> labels.add(h.label()));
      out.about(ID, s, "launch")
          .severity(worst)
          .var("pattern", String.join(", ", labels))
          .evidenceText(line)
          .emit();
    }
  }

  List<ShellPattern> matching(String line) {
    return patterns.stream().filter(p -> p.regex().matcher(line).find()).toList();
  }
}
