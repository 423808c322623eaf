package dev.daylight.ui.servers;

import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Release;
import dev.daylight.ui.data.FindingItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The details pane's order of a server's findings: the release review first, under "What changed in
 * VERSION", one section per reviewed version, then every other finding.
 */
final class ReleaseChanges {
  /** A heading (null for the findings that are not about a release) and its findings. */
  record Section(String heading, List<FindingItem> items) {}

  private ReleaseChanges() {}

  static List<Section> sections(List<FindingItem> items) {
    Map<String, List<FindingItem>> byVersion = new LinkedHashMap<>();
    Map<String, String> headings = new LinkedHashMap<>();
    List<FindingItem> others = new ArrayList<>();
    for (FindingItem item : items) {
      Release r = item.finding().release();
      if (r == null) {
        others.add(item);
        continue;
      }
      byVersion.computeIfAbsent(r.to(), v -> new ArrayList<>()).add(item);
      headings.putIfAbsent(r.to(), heading(item.finding()));
    }
    List<Section> out = new ArrayList<>();
    byVersion.forEach(
        (version, list) -> out.add(new Section(headings.get(version), List.copyOf(list))));
    if (!others.isEmpty()) {
      out.add(new Section(null, List.copyOf(others)));
    }
    return out;
  }

  static String heading(Finding f) {
    Release r = f.release();
    return "What changed in "
        + r.to()
        + (r.from() == null ? "" : " (compared with " + r.from() + ")");
  }
}
