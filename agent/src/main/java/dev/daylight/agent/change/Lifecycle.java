package dev.daylight.agent.change;

import dev.daylight.protocol.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finding lifecycle between scans: a finding the scan raises is opened (or reopened when it was
 * resolved), one it no longer raises is resolved. Acknowledged findings stay acknowledged while
 * they persist. Findings about a server whose file was unreadable are left as they are.
 */
public final class Lifecycle {
  public enum Status {
    OPEN,
    RESOLVED,
    ACKNOWLEDGED
  }

  /** What the store holds about a finding. */
  public record Known(String id, Status status, String serverId) {}

  public sealed interface Transition {
    record Opened(Finding finding, boolean reopened) implements Transition {}

    record StillPresent(Finding finding) implements Transition {}

    record Resolved(Known known) implements Transition {}
  }

  private Lifecycle() {}

  public static List<Transition> reconcile(
      List<Finding> current, Map<String, Known> known, Set<String> untouchableServerIds) {
    Map<String, Finding> now = new LinkedHashMap<>();
    for (Finding f : current) {
      now.putIfAbsent(f.id(), f);
    }
    List<Transition> out = new ArrayList<>();
    for (Finding f : now.values()) {
      Known k = known.get(f.id());
      if (k == null) {
        out.add(new Transition.Opened(f, false));
      } else if (k.status() == Status.RESOLVED) {
        out.add(new Transition.Opened(f, true));
      } else {
        out.add(new Transition.StillPresent(f));
      }
    }
    for (Known k : known.values()) {
      if (k.status() != Status.RESOLVED
          && !now.containsKey(k.id())
          && (k.serverId() == null || !untouchableServerIds.contains(k.serverId()))) {
        out.add(new Transition.Resolved(k));
      }
    }
    return out;
  }
}
